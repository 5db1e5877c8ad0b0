using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Series;

/// <summary>Reports two patches of one series with the same subject.</summary>
[DiffLintRule]
public sealed class DuplicateSubjectRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL1062",
        name: "series-duplicate-subject",
        title: "Two patches of a series share a subject",
        messageFormat: "Patch {0} has the same subject as patch {1}: \"{2}\"",
        category: "Series",
        defaultSeverity: Severity.Warning,
        documentation: """
            ## What it does
            Reports a patch of a series whose subject (after the `[PATCH ...]` prefix, ignoring case) is the same as
            that of an earlier patch of the series.

            ## Why it matters
            The subject becomes the commit's summary line: two commits named alike make `git log --oneline`,
            Fixes: tags and `git revert` ambiguous, and usually mean a patch was sent twice or a "fixup" was not
            squashed. checkpatch sees one patch at a time and cannot tell.

            ## Example
            ```
            Subject: [PATCH 1/3] watchdog: frob: fix the timeout
            Subject: [PATCH 3/3] watchdog: frob: fix the timeout
            ```
            Say what each patch does differently, or squash them.

            ## Configuration
            Cover letters are not compared; patches whose number is repeated are reported by DL1056 instead.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterSeriesAction(Analyze);

    private void Analyze(SeriesAnalysisContext context)
    {
        var seen = new Dictionary<string, PatchSummary>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in context.Members)
        {
            if (member.Kind == MessageKind.CoverLetter || member.Subject.Summary.Length == 0) continue;
            var subject = member.Subject.Summary.Trim();
            if (!seen.TryGetValue(subject, out var first))
            {
                seen[subject] = member;
                continue;
            }

            if (first.Subject.Number is { } n && n == member.Subject.Number) continue;
            context.Report(member, Descriptor, Locations.AtSubject(member), Position(member), Position(first), member.Subject.Summary);
        }
    }

    private static string Position(PatchSummary member) => member.Subject.Position ?? member.Source.DisplayName;
}
