using System.Collections.Immutable;
using DiffLint.Core.Analysis;

namespace DiffLint.Rules.Series;

/// <summary>Reports a series of more than one patch sent without a <c>[PATCH 0/m]</c> cover letter.</summary>
[DiffLintRule]
public sealed class MissingCoverLetterRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL1060",
        name: "series-missing-cover-letter",
        title: "Series without a cover letter",
        messageFormat: "The {0}-patch series \"{1}\" has no cover letter (0/{0})",
        category: "Series",
        defaultSeverity: Severity.Warning,
        documentation: """
            ## What it does
            Reports a series of m > 1 patches, present as a whole (patch 1/m and m/m are in the input), that has no
            `[PATCH 0/m]` cover letter. Reported on patch 1/m.

            ## Why it matters
            The cover letter says what the series is for and how its patches fit together; the kernel, QEMU and git
            ask for one on every multi-patch series, and reviewers reply to it for the series as a whole.
            checkpatch cannot see it.

            ## Example
            `git format-patch -3 -o outgoing/` writes `0001-...patch` to `0003-...patch` and no cover letter; use
            `git format-patch --cover-letter -3 -o outgoing/` and fill in `0000-cover-letter.patch`.

            ## Configuration
            When patch 1/m was sent in reply to a mail that is not in the input (a list archive that did not receive
            the cover letter, or patches picked from a thread), the cover letter is assumed to exist elsewhere and
            nothing is reported. Commits read with `--git` or checked by the pre-push hook are not mail yet, so they
            are not asked for one either.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterSeriesAction(Analyze);

    private void Analyze(SeriesAnalysisContext context)
    {
        if (SeriesShape.Of(context) is not { Cover: null, IsWhole: true, Total: > 1 } shape || shape.RepliesOutsideInput(context.Members)) return;
        // Commits read from git get their cover letter when they are mailed (format-patch --cover-letter, b4).
        if (shape.Anchor.Source.IsCommitsFromGit) return;
        var first = shape.Patches.FirstOrDefault(p => p.Subject.Number == 1) ?? shape.Anchor;
        context.Report(first, Descriptor, Locations.AtSubject(first), shape.Total, first.Subject.Summary);
    }
}
