using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Message;

/// <summary>
/// Reports text in the commit message that belongs elsewhere or that tools will mangle: diff content, Gerrit
/// Change-Ids, version changelogs and lines that <c>git commit</c> would drop as comments.
/// </summary>
[DiffLintRule]
public sealed class CommitLogContentRule : PatchRule
{
    public static readonly RuleDescriptor DiffContent = new(
        id: "DL1031",
        name: "diff-in-commit-message",
        title: "Diff content in the commit message",
        messageFormat: "Diff content in the commit message ('{0}'): patch(1) may apply it",
        category: "Message",
        defaultSeverity: Severity.Error,
        checkpatchType: "DIFF_IN_COMMIT_MSG",
        documentation: """
            ## What it does
            Reports a commit-message line that looks like part of a diff: `--- a/...`, `+++ b/...`, an `@@ -n,m +n,m @@`
            hunk header, or an indented `diff ... a/x b/x` line. Only the first such line of a message is reported.

            ## Why it matters
            patch(1) and some mail tools look for diffs anywhere in a mail: a quoted diff in the explanation can be
            applied as if it were part of the patch, or make the real diff fail to apply.

            ## Example
            ```
            The old code did:
              --- a/drivers/foo.c
              +++ b/drivers/foo.c
            ```
            Describe the change in words, or quote code without the diff markers.

            ## Configuration
            """);

    public static readonly RuleDescriptor GerritChangeId = new(
        id: "DL1032",
        name: "gerrit-change-id",
        title: "Gerrit Change-Id in the commit message",
        messageFormat: "Remove the Gerrit Change-Id before sending the patch upstream",
        category: "Message",
        defaultSeverity: Severity.Error,
        checkpatchType: "GERRIT_CHANGE_ID",
        documentation: """
            ## What it does
            Reports a `Change-Id:` line in the commit message (above `---`).

            ## Why it matters
            A Gerrit Change-Id means something only to the Gerrit server of a downstream tree; upstream it is noise that
            stays in the history forever.

            ## Example
            ```
            Change-Id: I0123456789abcdef0123456789abcdef01234567
            Signed-off-by: A U Thor <author@example.org>
            ```

            ## Configuration
            """);

    public static readonly RuleDescriptor VersionNotes = new(
        id: "DL1033",
        name: "version-notes-in-log",
        title: "Patch version notes in the commit message",
        messageFormat: "Version notes ('{0}') belong below the --- line, not in the commit message",
        category: "Message",
        defaultSeverity: Severity.Warning,
        checkpatchType: "COMMIT_LOG_VERSIONING",
        documentation: """
            ## What it does
            Reports a changelog line of the patch's review history in the commit message: `v2: ...`, `v3:` or
            `V1 -> V2:` headings, and `Changes in v2` / `Changes since v1` lines.

            ## Why it matters
            What changed between postings interests reviewers, not the history: above `---` it ends up in the commit.
            Put it below `---`, where `git am` drops it. checkpatch only recognises `vN:` followed by text on the same
            line; DiffLint also reports the headings of a changelog block.

            ## Example
            ```
            v2: https://lore.kernel.org/all/20250625143338.2381726-1-jm@ti.com/

            Signed-off-by: A U Thor <author@example.org>
            ---
            ```

            ## Configuration
            """);

    public static readonly RuleDescriptor CommentSymbol = new(
        id: "DL1034",
        name: "comment-symbol-in-log",
        title: "Commit message line starts with '#'",
        messageFormat: "Commit message line starts with '#': git commit drops it as a comment; indent it",
        category: "Message",
        defaultSeverity: Severity.Warning,
        checkpatchType: "COMMIT_COMMENT_SYMBOL",
        documentation: """
            ## What it does
            Reports a commit-message line that starts with `#`.

            ## Why it matters
            Whoever edits the message with `git commit --amend` or `git rebase -i` loses the line: git strips lines
            starting with the comment character. `#include` lines and shell prompts are the usual victims.

            ## Example
            ```
            #include <linux/foo.h> is no longer needed.
            ```
            Indent the line, or reword it.

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [DiffContent, GerritChangeId, VersionNotes, CommentSymbol];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (!patch.HasCommitMessage) return;
        var lines = patch.CommitMessage;
        var diffReported = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var text = line.Span;
            var trimmed = text.TrimStart();
            if (!diffReported && IsDiffLine(text))
            {
                diffReported = true;
                context.Report(DiffContent, Whole(line, i), Shorten(trimmed));
            }

            if (trimmed.StartsWith("Change-Id:", StringComparison.OrdinalIgnoreCase)) context.Report(GerritChangeId, Whole(line, i));
            if (IsVersionNote(text)) context.Report(VersionNotes, Whole(line, i), Shorten(trimmed));
            if (text.StartsWith('#')) context.Report(CommentSymbol, Whole(line, i));
        }
    }

    private static bool IsDiffLine(ReadOnlySpan<char> text)
    {
        var trimmed = text.TrimStart();
        if (IsDiffMarker(trimmed)) return true;
        return trimmed.Length < text.Length && trimmed.StartsWith("diff ", StringComparison.Ordinal) && IndentedDiffHeader(trimmed);
    }

    /// <summary><c>diff ... a/path b/path</c> with the same path on both sides.</summary>
    private static bool IndentedDiffHeader(ReadOnlySpan<char> line)
    {
        var a = line.IndexOf(" a/", StringComparison.Ordinal);
        if (a < 0) return false;
        var path = line[(a + 3)..];
        var end = path.IndexOf(' ');
        if (end <= 0) return false;
        var rest = path[end..].TrimStart();
        return rest.StartsWith("b/", StringComparison.Ordinal) && rest[2..].StartsWith(path[..end], StringComparison.Ordinal);
    }

    /// <summary>The whole message line; built only when there is something to report (it copies the line's text).</summary>
    private static DiagnosticLocation Whole(MessageLine line, int index) => Locations.InMessage(line, index, 0, line.Text.Length);

    private static string Shorten(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : string.Concat(text[..37], "...");

    /// <summary>
    /// checkpatch's <c>^(?:---\s+a/|\+\+\+\s+b/|@@ -\d+,\d+ \+\d+,\d+ @@)</c>, read in one pass: a diff's file or
    /// hunk header.
    /// </summary>
    private static bool IsDiffMarker(ReadOnlySpan<char> text)
    {
        if (text.StartsWith("---", StringComparison.Ordinal) || text.StartsWith("+++", StringComparison.Ordinal))
        {
            var space = CommitLog.WhiteSpaceRun(text, 3);
            return space > 0 && text[(3 + space)..].StartsWith(text[0] == '-' ? "a/" : "b/", StringComparison.Ordinal);
        }

        if (!text.StartsWith("@@ -", StringComparison.Ordinal)) return false;
        var k = Range(text, 4);
        if (k < 0 || !text[k..].StartsWith(" +", StringComparison.Ordinal)) return false;
        k = Range(text, k + 2);
        return k >= 0 && text[k..].StartsWith(" @@", StringComparison.Ordinal);
    }

    /// <summary>The index past <c>\d+,\d+</c> at <paramref name="start"/>, or -1.</summary>
    private static int Range(ReadOnlySpan<char> text, int start)
    {
        var first = CommitLog.DigitRun(text, start);
        var comma = start + first;
        if (first == 0 || comma >= text.Length || text[comma] != ',') return -1;
        var second = CommitLog.DigitRun(text, comma + 1);
        return second == 0 ? -1 : comma + 1 + second;
    }

    /// <summary>
    /// checkpatch's <c>^\s*(?:[vV]\d+(?:\.\d+)?(?:\s*-&gt;\s*[vV]\d+)?\s*:|[Cc]hanges (?:in|since|from) [vV]\d+)</c>,
    /// read in one pass: a changelog note (<c>v2:</c>, <c>v1 -&gt; v2:</c>, <c>Changes since v1</c>).
    /// </summary>
    private static bool IsVersionNote(ReadOnlySpan<char> text)
    {
        var k = CommitLog.WhiteSpaceRun(text, 0);
        var version = Version(text, k);
        if (version > 0)
        {
            k = version;
            if (k < text.Length && text[k] == '.' && CommitLog.DigitRun(text, k + 1) > 0) k += 1 + CommitLog.DigitRun(text, k + 1);
            k += CommitLog.WhiteSpaceRun(text, k);
            if (k < text.Length && text[k] == ':') return true;
            if (!text[k..].StartsWith("->", StringComparison.Ordinal)) return false;
            k += 2;
            k = Version(text, k + CommitLog.WhiteSpaceRun(text, k));
            if (k < 0) return false;
            k += CommitLog.WhiteSpaceRun(text, k);
            return k < text.Length && text[k] == ':';
        }

        if (k >= text.Length || text[k] is not ('C' or 'c') || !text[(k + 1)..].StartsWith("hanges ", StringComparison.Ordinal)) return false;
        var rest = text[(k + 8)..];
        foreach (var word in (ReadOnlySpan<string>)["in ", "since ", "from "])
        {
            if (rest.StartsWith(word, StringComparison.Ordinal)) return Version(rest, word.Length) > 0;
        }

        return false;
    }

    /// <summary>The index past <c>[vV]\d+</c> at <paramref name="start"/>, or -1.</summary>
    private static int Version(ReadOnlySpan<char> text, int start)
    {
        if (start >= text.Length || text[start] is not ('v' or 'V')) return -1;
        var digits = CommitLog.DigitRun(text, start + 1);
        return digits == 0 ? -1 : start + 1 + digits;
    }
}
