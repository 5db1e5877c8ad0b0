using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Whitespace;

/// <summary>Reports merge-conflict markers left in added lines.</summary>
[DiffLintRule]
public sealed class ConflictMarkerRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL2012",
        name: "conflict-marker",
        title: "Merge-conflict marker",
        messageFormat: "Merge-conflict marker '{0}' left in the patch",
        category: "Whitespace",
        defaultSeverity: Severity.Error,
        documentation: """
            ## What it does
            Reports added lines, in any file, that are merge-conflict markers: `<<<<<<<`, `|||||||` and
            `>>>>>>>` (alone or followed by a space and a label), and a `=======` line that follows an added
            `<<<<<<<` in the same hunk. A lone `=======` elsewhere is a heading underline, not a marker.

            ## Why it matters
            A conflict resolved by committing the markers breaks the build or, in documentation and scripts,
            ships both versions. Neither checkpatch script looks for them.

            ## Example
            ```diff
            +<<<<<<< HEAD
            +	ret = probe(dev);
            +=======
            +	ret = probe_one(dev);
            +>>>>>>> topic
            ```

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterHunkAction(Analyze);

    private void Analyze(HunkAnalysisContext context)
    {
        var conflictOpen = false;
        foreach (var line in context.Hunk.Lines)
        {
            if (line.Kind != DiffLineKind.Added) continue;
            var text = line.Span.TrimEnd('\r');
            if (text.Length < 7 || text[0] is not ('<' or '>' or '|' or '=')) continue;
            if (IsMarker(text, '<'))
            {
                conflictOpen = true;
                Report(context, line, "<<<<<<<");
            }
            else if (IsMarker(text, '>'))
            {
                conflictOpen = false;
                Report(context, line, ">>>>>>>");
            }
            else if (IsMarker(text, '|'))
            {
                Report(context, line, "|||||||");
            }
            else if (conflictOpen && text is "=======")
            {
                Report(context, line, "=======");
            }
        }
    }

    /// <summary>Seven <paramref name="marker"/> characters, alone or followed by a space and a label.</summary>
    private static bool IsMarker(ReadOnlySpan<char> text, char marker) =>
        text[..7].IndexOfAnyExcept(marker) < 0 && (text.Length == 7 || text[7] == ' ');

    private static void Report(HunkAnalysisContext context, DiffLine line, string marker) =>
        context.Report(Descriptor, Locations.InFile(context.File, line, 0, 7), marker);
}
