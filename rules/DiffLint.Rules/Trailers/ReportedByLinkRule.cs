using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Trailers;

/// <summary>Reported-by: is followed at once by a Closes: (or Link:) to the report.</summary>
[DiffLintRule]
public sealed class ReportedByLinkRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL1014",
        name: "reported-by-without-closes",
        title: "Reported-by: without a Closes: or Link: to the report",
        messageFormat: "{0}: should be immediately followed by Closes: (or Link:) with a URL to the report",
        category: "Trailer",
        defaultSeverity: Severity.Warning,
        checkpatchType: "BAD_REPORTED_BY_LINK",
        checkpatchMessage: "{0}: should be immediately followed by Closes: with a URL to the report",
        documentation: """
            ## What it does
            Reports a `Reported-by:` (or `Reported-and-tested-by:`) that is not immediately followed by a `Closes:` or
            `Link:` line.

            ## Why it matters
            submitting-patches.rst: the report a fix answers should be reachable from the commit, and bug trackers
            (syzbot, the kernel test robot, bugzilla) close their entry when they see the `Closes:` URL.

            ## Example
            ```
            Reported-by: Jane Tester <jane@example.org>
            Signed-off-by: John Hacker <john@example.org>
            ```
            Add `Closes: https://lore.kernel.org/r/<message-id>` right after the `Reported-by:`.

            ## Configuration
            Applies where the profile sets `RequiresReportLink` (kernel). Unlike checkpatch, a `Link:` is accepted as
            well as `Closes:`: a private or mailing-list report has no tracker entry to close.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (patch.Kind != MessageKind.Patch || patch.Headers.Count == 0 || !context.Profile.RequiresReportLink) return;
        var message = patch.CommitMessage;
        foreach (var line in context.GetValue(SignatureLine.OfPatch))
        {
            if (!line.Is("Reported-by") && !line.Is("Reported-and-tested-by")) continue;
            var next = line.MessageLineIndex + 1 < message.Length ? message[line.MessageLineIndex + 1].Span.TrimStart() : [];
            if (next.StartsWith("Closes:", StringComparison.OrdinalIgnoreCase) || next.StartsWith("Link:", StringComparison.OrdinalIgnoreCase)) continue;
            context.Report(Descriptor, Locations.InMessage(line.Line, line.MessageLineIndex, line.TagStart, line.Line.Text.Length), line.Tag);
        }
    }
}
