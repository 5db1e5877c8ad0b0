using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Trailers;

/// <summary>The person who sends the patch signs off last.</summary>
[DiffLintRule]
public sealed class SenderSignOffRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL1012",
        name: "sender-sign-off-last",
        title: "The sender's Signed-off-by: is missing or not the last sign-off",
        messageFormat: "{0}",
        category: "Trailer",
        defaultSeverity: Severity.Warning,
        documentation: """
            ## What it does
            For a mail that was sent (it has a `Message-ID:`), reports when the sender (the mail's `From:`, or
            `X-Original-From:` when a list rewrote it) has no `Signed-off-by:`, or has one that is not the last
            `Signed-off-by:` of the message. People send from one address and sign off with another, so a sign-off
            counts as the sender's when it shares the address (ignoring `+subaddress`), the name, the address's local
            part, or two words of the name.

            ## Why it matters
            submitting-patches.rst: sign-offs record the path of the patch in order, and whoever passes a patch on adds
            their sign-off at the end. A forwarded patch whose sender did not sign off, or signed off above someone who
            handled it later, misstates that chain. checkpatch does not check this at all.

            ## Example
            ```
            From: John Maintainer <john@example.org>
            Subject: [PATCH] foo: fix the frobnicator

            From: Jane Developer <jane@example.org>

            ...
            Signed-off-by: John Maintainer <john@example.org>
            Signed-off-by: Jane Developer <jane@example.org>
            ```

            ## Configuration
            Applies where the profile sets `RequiresSenderSignOffLast` (kernel, U-Boot). `git format-patch` files without
            a `Message-ID:` were not sent yet (or are history, whose `From:` is the author), so they are not checked.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (patch.Kind != MessageKind.Patch || patch.MessageId is null || !context.Profile.RequiresSenderSignOffLast) return;
        if (Identities.Sender(patch) is not { } sender) return;

        SignatureLine? last = null, senders = null;
        foreach (var line in context.GetValue(SignatureLine.OfPatch))
        {
            if (!line.IsSignOff) continue;
            last = line;
            if (line.Person is { } signer && signer.ProbablySamePerson(sender)) senders = line;
        }

        // No sign-off at all is DL1001's finding.
        if (last is not { } lastSignOff) return;
        if (senders is not { } own)
        {
            context.Report(Descriptor, Locations.AtPatch(patch), $"The sender '{sender}' has not signed off the patch they send");
        }
        else if (own.MessageLineIndex != lastSignOff.MessageLineIndex)
        {
            context.Report(Descriptor, Locations.InMessage(own.Line, own.MessageLineIndex, own.TagStart, own.Line.Text.Length),
                $"The sender's Signed-off-by: should be the last one, after '{lastSignOff.Value}'");
        }
    }
}
