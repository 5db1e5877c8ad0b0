using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Input;

/// <summary>Reports a diff whose file path is absolute or climbs out of the tree with <c>..</c>.</summary>
[DiffLintRule]
public sealed class UnsafeDiffPathRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL0010",
        name: "unsafe-diff-path",
        title: "Diff path outside the tree",
        messageFormat: "The diff names '{0}', which is {1}: a patch may only change files inside the tree",
        category: "Input",
        defaultSeverity: Severity.Error,
        documentation: """
            ## What it does
            Reports a file of the diff whose old or new path is absolute (`/etc/passwd`, `C:\boot.ini`) or has a `..`
            component (`../../.bashrc`, `drivers/../../x`), once per file, at the line that names it.

            ## Why it matters
            A patch changes files of one tree. A path outside it is either a diff made by hand against the wrong
            directory, or a patch crafted to write elsewhere when applied: `git apply` and `git am` refuse it
            ("invalid path"), and older `patch` programs follow it. Tools that open the files a patch names (a
            reviewer's editor, a CI job, DiffLint's own `--tree`) must not be sent outside the tree either.

            ## Example
            ```diff
            diff --git a/../../.ssh/authorized_keys b/../../.ssh/authorized_keys
            ```
            The path climbs two levels out of the repository.

            ## Configuration
            None. Make the diff from the top of the tree (`git diff`, `git format-patch`, or `diff -u a/ b/`).
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterFileAction(Analyze);

    private void Analyze(FileAnalysisContext context)
    {
        var file = context.File;
        foreach (var path in (ReadOnlySpan<string?>)[file.OldPath, file.NewPath])
        {
            if (path is null || Problem(path) is not { } problem) continue;
            context.Report(Descriptor, Locations.AtInputLine(file.HeaderInputLine), path, problem);
            return;
        }
    }

    /// <summary>Why a path leaves the tree ("absolute", "above the top of the tree"), or null for a path inside it.</summary>
    internal static string? Problem(string path)
    {
        if (path.StartsWith('/') || path.StartsWith('\\') || (path.Length >= 2 && path[1] == ':' && char.IsAsciiLetter(path[0])))
            return "absolute";
        for (var rest = path.AsSpan(); !rest.IsEmpty;)
        {
            var end = rest.IndexOfAny('/', '\\');
            if ((end < 0 ? rest : rest[..end]) is "..") return "above the top of the tree";
            rest = end < 0 ? [] : rest[(end + 1)..];
        }

        return null;
    }
}
