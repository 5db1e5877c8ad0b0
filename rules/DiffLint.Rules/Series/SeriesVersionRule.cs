using System.Collections.Immutable;
using DiffLint.Core.Analysis;

namespace DiffLint.Rules.Series;

/// <summary>Checks that the members of a series agree on its version (<c>v2</c>) and its total (<c>/m</c>).</summary>
[DiffLintRule]
public sealed class SeriesVersionRule : PatchRule
{
    public static readonly RuleDescriptor MixedVersions = new(
        id: "DL1058",
        name: "series-mixed-versions",
        title: "Series mixes patch versions",
        messageFormat: "This mail is version {0} but its series \"{1}\" is version {2}",
        category: "Series",
        defaultSeverity: Severity.Warning,
        documentation: """
            ## What it does
            Reports a member of a series whose version tag (`[PATCH v3 2/5]`; none means version 1) differs from
            the series' version: the cover letter's, else the first patch's.

            ## Why it matters
            Mixed versions mean files of an older `git format-patch -v` run were sent along, or the cover letter
            subject was edited but not the patches. Maintainers' tools (b4, Patchwork) then split or mismatch the
            series. checkpatch cannot see it.

            ## Example
            ```
            Subject: [PATCH v2 0/2] gpio: add the frob driver
            Subject: [PATCH 1/2] dt-bindings: gpio: add frob
            ```
            Regenerate every patch with `git format-patch -v2 --cover-letter`.

            ## Configuration
            """);

    public static readonly RuleDescriptor TotalMismatch = new(
        id: "DL1059",
        name: "series-total-mismatch",
        title: "Series members disagree on the number of patches",
        messageFormat: "This mail says the series has {0} patches; the series \"{1}\" has {2}",
        category: "Series",
        defaultSeverity: Severity.Warning,
        documentation: """
            ## What it does
            Reports a member of a series whose `n/m` gives a total m different from the series' total: the cover
            letter's, else the one most members give.

            ## Why it matters
            The series was regenerated with more or fewer patches and files of both runs were sent, or subjects were
            edited by hand. checkpatch cannot see it.

            ## Example
            ```
            Subject: [PATCH 0/3] net: fix the frob queue
            Subject: [PATCH 1/4] net: frob: drop the lock
            ```

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [MixedVersions, TotalMismatch];

    public override void Initialize(RuleRegistration registration) => registration.RegisterSeriesAction(Analyze);

    private void Analyze(SeriesAnalysisContext context)
    {
        if (SeriesShape.Of(context) is not { } shape) return;
        var title = shape.Anchor.Subject.Summary;
        foreach (var member in context.Members)
        {
            if (member.Subject.Total is not { } total) continue;
            var version = member.SeriesVersion;
            if (version != shape.Version) context.Report(member, MixedVersions, Locations.AtSubject(member), version, title, shape.Version);
            if (total != shape.Total) context.Report(member, TotalMismatch, Locations.AtSubject(member), total, title, shape.Total);
        }
    }
}
