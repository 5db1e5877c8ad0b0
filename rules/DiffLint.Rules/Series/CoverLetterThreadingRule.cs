using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Mime;

namespace DiffLint.Rules.Series;

/// <summary>Reports patches of a series whose mail threading does not lead to the series' cover letter.</summary>
[DiffLintRule]
public sealed class CoverLetterThreadingRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL1061",
        name: "series-not-threaded",
        title: "Patch not threaded to its cover letter",
        messageFormat: "\"{0}\" is not threaded to the cover letter of its series (neither In-Reply-To nor References leads to {1})",
        category: "Series",
        defaultSeverity: Severity.Warning,
        documentation: """
            ## What it does
            Reports a patch of a series whose In-Reply-To and References headers, followed through the other
            patches of the series, never reach the Message-ID of the series' cover letter.

            ## Why it matters
            Mail clients, lore.kernel.org, b4 and Patchwork put a series together by its threading; an unthreaded
            patch shows up as a separate submission, its review is lost from the series' thread, and `b4 am` on
            the cover letter does not fetch it. It happens when patches are sent in several `git send-email`
            runs, or with `--no-thread`. checkpatch cannot see it.

            ## Example
            ```
            Message-ID: <20260301.cover@example.org>
            Subject: [PATCH 0/2] ...

            Message-ID: <20260301.patch2@example.org>
            Subject: [PATCH 2/2] ...       (no In-Reply-To, no References)
            ```
            Send the whole series in one `git send-email` run (threading is on by default).

            ## Configuration
            Checked only when both the cover letter and the patch carry a Message-ID, i.e. for mails as sent or
            `git format-patch --thread` output; files written without `--thread` have no threading to check.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterSeriesAction(Analyze);

    private void Analyze(SeriesAnalysisContext context)
    {
        if (SeriesShape.Of(context) is not { Cover.MessageId: { } coverId } shape) return;
        var byId = new Dictionary<string, PatchSummary>(StringComparer.Ordinal);
        foreach (var member in context.Members)
        {
            if (member.MessageId is { } id) byId.TryAdd(MessageIds.Normalize(id), member);
        }

        foreach (var patch in shape.Patches)
        {
            if (patch.MessageId is null || ReachesCover(patch, coverId, byId)) continue;
            context.Report(patch, Descriptor, Locations.AtSubject(patch), patch.Subject.Summary, coverId.Trim());
        }
    }

    /// <summary>Follows In-Reply-To through the series' members until a mail names the cover letter.</summary>
    private static bool ReachesCover(PatchSummary patch, string coverId, Dictionary<string, PatchSummary> byId)
    {
        var visited = new HashSet<PatchSummary>(ReferenceEqualityComparer.Instance);
        for (var current = patch; current is not null && visited.Add(current);)
        {
            if (SeriesShape.Mentions(current, coverId)) return true;
            current = current.InReplyTo is { } parent && byId.TryGetValue(MessageIds.Normalize(parent), out var up) ? up : null;
        }

        return false;
    }
}
