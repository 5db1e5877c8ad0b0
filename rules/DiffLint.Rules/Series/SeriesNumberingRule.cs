using System.Collections.Immutable;
using DiffLint.Core.Analysis;

namespace DiffLint.Rules.Series;

/// <summary>Checks the <c>[PATCH n/m]</c> numbers of a series: none missing, none twice, none beyond m.</summary>
[DiffLintRule]
public sealed class SeriesNumberingRule : PatchRule
{
    public static readonly RuleDescriptor Gap = new(
        id: "DL1055",
        name: "series-number-gap",
        title: "Patch missing from a series",
        messageFormat: "Patch {0} of the series \"{1}\" is missing",
        category: "Series",
        defaultSeverity: Severity.Warning,
        documentation: """
            ## What it does
            Reports each number between 1 and m that no patch of a `[PATCH n/m]` series carries, when the input
            holds the series as a whole: its first patch (1/m) and its last (m/m).

            ## Why it matters
            A series with a hole does not apply: `git am` stops at the first patch that depends on the missing one,
            and reviewers cannot judge it. It usually means a file was left out of `git send-email`.
            checkpatch sees one mail or one mbox as one patch and cannot tell.

            ## Example
            `0000-cover-letter.patch`, `0001-...patch`, `0003-...patch` of a `[PATCH 0/3]` series: patch 2/3 is
            missing.

            ## Configuration
            A part of a series is not reported: `0002-foo.patch` given alone, patches 1/5 and 2/5, or a cover letter
            with the few patches a mailing list was copied on may be exactly what the user meant to check (or all
            the list received). The patches of a series may come in one mbox
            or in several files or Patchwork objects (see docs/series.md for how series are assembled).
            """);

    public static readonly RuleDescriptor Duplicate = new(
        id: "DL1056",
        name: "series-number-duplicate",
        title: "Two patches of a series carry the same number",
        messageFormat: "Patch {0} appears more than once in the series: \"{1}\" and \"{2}\"",
        category: "Series",
        defaultSeverity: Severity.Warning,
        documentation: """
            ## What it does
            Reports a patch whose `n/m` number an earlier patch of the same series already carries.

            ## Why it matters
            Two patches numbered alike are an old and a new version of one patch left in the output directory, or a
            hand-edited subject: either way `git am` applies both, in an order nobody chose. checkpatch cannot see it.

            ## Example
            ```
            Subject: [PATCH 2/3] util: add helper
            Subject: [PATCH 2/3] util: add a helper for the frobnicator
            ```
            Remove the stale file (`rm -r outgoing/` before `git format-patch -o outgoing/`) and regenerate.

            ## Configuration
            """);

    public static readonly RuleDescriptor BeyondTotal = new(
        id: "DL1057",
        name: "series-number-beyond-total",
        title: "Patch number exceeds the series total",
        messageFormat: "Patch number {0} is beyond the series total {1}",
        category: "Series",
        defaultSeverity: Severity.Warning,
        documentation: """
            ## What it does
            Reports a patch numbered `n/m` with n greater than m.

            ## Why it matters
            The subject was edited by hand, or patches of two series were mixed; readers and tools (b4, Patchwork)
            rely on the numbers to order and count the series. checkpatch cannot see it.

            ## Example
            ```
            Subject: [PATCH 4/3] doc: describe the new option
            ```

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Gap, Duplicate, BeyondTotal];

    public override void Initialize(RuleRegistration registration) => registration.RegisterSeriesAction(Analyze);

    private void Analyze(SeriesAnalysisContext context)
    {
        if (SeriesShape.Of(context) is not { } shape) return;
        var seen = new Dictionary<int, PatchSummary>();
        foreach (var patch in shape.Patches)
        {
            var subject = patch.Subject;
            var number = subject.Number!.Value;
            if (number > subject.Total) context.Report(patch, BeyondTotal, Locations.AtSubject(patch), number, subject.Total);
            if (seen.TryGetValue(number, out var first))
                context.Report(patch, Duplicate, Locations.AtSubject(patch), subject.Position, first.Subject.Summary, subject.Summary);
            else seen[number] = patch;
        }

        if (!shape.IsWhole) return;
        var title = shape.Anchor.Subject.Summary;
        for (var n = 1; n <= shape.Total; n++)
        {
            if (!seen.ContainsKey(n)) context.Report(shape.Anchor, Gap, Locations.AtSubject(shape.Anchor), $"{n}/{shape.Total}", title);
        }
    }
}
