using System.Collections.Immutable;
using System.Globalization;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Message;

/// <summary>
/// Compares the diffstat below <c>---</c> with the diff it describes: each row's file and count, the files the
/// diff changes, and the summary line.
/// </summary>
[DiffLintRule]
public sealed class DiffstatMismatchRule : PatchRule
{
    private const string Configuration = """
        ## Configuration
        Checked only when the patch has a diffstat and its diff parsed cleanly (a corrupt diff is reported by DL0001
        instead). Rows truncated by git (`.../dir/file.c`) match by their tail; renames (`{old => new}`) match the new
        name; binary rows (`Bin ...`) are checked for presence only; a row matches a non-git diff whose paths keep a
        leading directory (`linux.orig/`, as quilt writes them).
        """;

    public static readonly RuleDescriptor RowCount = new(
        id: "DL1050",
        name: "diffstat-count-mismatch",
        title: "Diffstat row disagrees with the diff",
        messageFormat: "The diffstat says {0} has {1} changed line(s); the diff changes {2}",
        category: "Message",
        defaultSeverity: Severity.Warning,
        documentation: $"""
            ## What it does
            Reports a diffstat row (` path | N +-`) whose count differs from the lines the diff adds and removes in
            that file.

            ## Why it matters
            git writes the diffstat and the diff together, so a disagreement means the mail was edited by hand after
            `git format-patch` (a hunk removed or changed), and the diff may no longer be what the author tested.
            checkpatch never compares them.

            ## Example
            ```
            ---
             src/shared/util.c | 5 +++--
            ...
            @@ -10,3 +10,4 @@  (adds 1 line, removes 0)
            ```
            Regenerate the patch with `git format-patch` instead of editing it.

            {Configuration}
            """);

    public static readonly RuleDescriptor ListedNotChanged = new(
        id: "DL1051",
        name: "diffstat-extra-file",
        title: "Diffstat lists a file the diff does not change",
        messageFormat: "The diffstat lists {0}, which the diff does not change",
        category: "Message",
        defaultSeverity: Severity.Warning,
        documentation: $"""
            ## What it does
            Reports a diffstat row naming a file for which the patch carries no diff.

            ## Why it matters
            The file's diff was deleted from the mail by hand (or the mail was cut), so applying the patch does not
            produce the commit the author made. checkpatch never compares them.

            ## Example
            ```
            ---
             lib/a.c | 2 +-
             lib/b.c | 1 +
             2 files changed, 2 insertions(+), 1 deletion(-)

            diff --git a/lib/a.c b/lib/a.c
            ...                      (no diff for lib/b.c)
            ```

            {Configuration}
            """);

    public static readonly RuleDescriptor ChangedNotListed = new(
        id: "DL1052",
        name: "diffstat-missing-file",
        title: "Diff changes a file the diffstat does not list",
        messageFormat: "The diff changes {0}, which the diffstat does not list",
        category: "Message",
        defaultSeverity: Severity.Warning,
        documentation: $"""
            ## What it does
            Reports a file diff that has no row in the diffstat.

            ## Why it matters
            A diff was pasted into the mail after `git format-patch` wrote it: reviewers reading the diffstat do not
            see that the file is touched. checkpatch never compares them.

            ## Example
            ```
            ---
             lib/a.c | 2 +-
             1 file changed, 1 insertion(+), 1 deletion(-)

            diff --git a/lib/a.c b/lib/a.c
            ...
            diff --git a/lib/b.c b/lib/b.c   (not in the diffstat)
            ```

            {Configuration}
            """);

    public static readonly RuleDescriptor Summary = new(
        id: "DL1053",
        name: "diffstat-summary-mismatch",
        title: "Diffstat summary line disagrees with the diff",
        messageFormat: "The diffstat summary says \"{0}\"; the diff has {1}",
        category: "Message",
        defaultSeverity: Severity.Warning,
        documentation: $"""
            ## What it does
            Reports a diffstat summary line (`N files changed, N insertions(+), N deletions(-)`) whose file,
            insertion or deletion count differs from the diff.

            ## Why it matters
            The counts are computed by git from the diff; a difference means the mail was edited after it was
            generated. checkpatch never compares them.

            ## Example
            ```
             2 files changed, 10 insertions(+), 3 deletions(-)
            ```
            above a diff of one file adding 10 lines and removing 3.

            {Configuration}
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [RowCount, ListedNotChanged, ChangedNotListed, Summary];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (patch.Diffstat is not { } stat || patch.Files.IsEmpty || !patch.DiffProblems.IsEmpty) return;

        var matched = new bool[patch.Files.Length];
        foreach (var entry in stat.Entries)
        {
            var index = FindFile(patch.Files, matched, entry.Path);
            if (index < 0)
            {
                context.Report(ListedNotChanged, Locations.AtInputLine(entry.InputLine), entry.Path);
                continue;
            }

            matched[index] = true;
            var file = patch.Files[index];
            var changed = file.AddedCount + file.RemovedCount;
            if (!entry.IsBinary && !file.IsBinary && entry.Changes is { } listed && listed != changed)
                context.Report(RowCount, Locations.AtInputLine(entry.InputLine), entry.Path, listed, changed);
        }

        // The parser only returns a diffstat closed by its summary line, so its rows are all there: a file
        // without a row was left out of the stat, not cut off with the end of it.
        for (var i = 0; i < matched.Length; i++)
        {
            if (!matched[i]) context.Report(ChangedNotListed, Locations.AtInputLine(patch.Files[i].HeaderInputLine), patch.Files[i].Path);
        }

        int added = 0, removed = 0;
        foreach (var file in patch.Files)
        {
            added += file.AddedCount;
            removed += file.RemovedCount;
        }

        if (stat.FilesChanged != patch.Files.Length || (stat.Insertions ?? 0) != added || (stat.Deletions ?? 0) != removed)
        {
            context.Report(Summary, Locations.AtInputLine(stat.SummaryInputLine),
                Describe(stat.FilesChanged ?? 0, stat.Insertions ?? 0, stat.Deletions ?? 0),
                Describe(patch.Files.Length, added, removed));
        }
    }

    /// <summary>The summary line's wording, so that the message shows both sides the same way.</summary>
    private static string Describe(int files, int insertions, int deletions) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{files} file{(files == 1 ? "" : "s")} changed, {insertions} insertion{(insertions == 1 ? "" : "s")}(+), {deletions} deletion{(deletions == 1 ? "" : "s")}(-)");

    /// <summary>
    /// The first file not yet matched that a diffstat row names; failing that, one whose path has an extra leading
    /// directory (a quilt or <c>diff -urN</c> diff keeps <c>linux-next.orig/</c>-style prefixes the diffstat strips).
    /// </summary>
    private static int FindFile(ImmutableArray<FileDiff> files, bool[] matched, string statPath)
    {
        var (path, isTail) = StatPath(statPath);
        var prefixed = -1;
        for (var i = 0; i < files.Length; i++)
        {
            if (matched[i]) continue;
            var name = files[i].Path;
            if (isTail ? name.EndsWith(path, StringComparison.Ordinal) : name == path) return i;
            if (prefixed < 0 && name.Length > path.Length && name.EndsWith(path, StringComparison.Ordinal) && name[^(path.Length + 1)] == '/')
                prefixed = i;
        }

        return prefixed;
    }

    /// <summary>
    /// The path a diffstat row names: the new name of a rename (<c>a => b</c>, <c>dir/{a => b}/c</c>), and for a
    /// row git shortened to fit (<c>.../dir/file.c</c>) the tail that remains.
    /// </summary>
    private static (string Path, bool IsTail) StatPath(string statPath)
    {
        var path = statPath;
        var arrow = path.IndexOf(" => ", StringComparison.Ordinal);
        if (arrow >= 0)
        {
            var open = path.LastIndexOf('{', arrow);
            var close = path.IndexOf('}', arrow);
            path = open >= 0 && close > arrow
                ? path[..open] + path[(arrow + 4)..close] + path[(close + 1)..]
                : path[(arrow + 4)..];
            path = path.Replace("//", "/", StringComparison.Ordinal);
        }

        if (!path.StartsWith("...", StringComparison.Ordinal)) return (path, false);

        // Shortening can cut a rename's "{old => " and leave its closing brace: ".../new-name.S}".
        var tail = path[3..];
        return (tail.Contains('{', StringComparison.Ordinal) ? tail : tail.Replace("}", "", StringComparison.Ordinal), true);
    }
}
