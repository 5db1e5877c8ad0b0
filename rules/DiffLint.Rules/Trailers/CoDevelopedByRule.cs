using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Trailers;

/// <summary>Co-developed-by: names a co-author (not the author) and is followed at once by that person's sign-off.</summary>
[DiffLintRule]
public sealed class CoDevelopedByRule : PatchRule
{
    public static readonly RuleDescriptor WithoutSignOff = new(
        id: "DL1011",
        name: "co-developed-by-without-sign-off",
        title: "Co-developed-by: not followed by the co-developer's Signed-off-by:",
        messageFormat: "Co-developed-by: must be immediately followed by Signed-off-by: of the same person{0}",
        category: "Trailer",
        defaultSeverity: Severity.Warning,
        checkpatchType: "BAD_SIGN_OFF",
        documentation: """
            ## What it does
            Reports a `Co-developed-by:` line that is not immediately followed by a `Signed-off-by:` naming the same person
            (same address, same name).

            ## Why it matters
            submitting-patches.rst: every co-author must certify the DCO, so each `Co-developed-by:` is paired with the
            co-developer's sign-off on the next line. Without it the co-developer's contribution is not certified.

            ## Example
            ```
            Co-developed-by: Jane Developer <jane@example.org>
            Signed-off-by: John Hacker <john@example.org>
            ```
            Insert `Signed-off-by: Jane Developer <jane@example.org>` between the two lines.

            ## Configuration
            """);

    public static readonly RuleDescriptor NamesAuthor = new(
        id: "DL1019",
        name: "co-developed-by-author",
        title: "Co-developed-by: names the patch author",
        messageFormat: "Co-developed-by: should not be used to attribute the patch author '{0}'",
        category: "Trailer",
        defaultSeverity: Severity.Warning,
        checkpatchType: "BAD_SIGN_OFF",
        documentation: """
            ## What it does
            Reports a `Co-developed-by:` naming the patch's author (the in-body `From:`, else the mail's `From:`).

            ## Why it matters
            The author is already credited by the `From:` line; `Co-developed-by:` is for the other people who wrote the
            change. Usually the tag was meant for someone else, or the wrong `From:` was kept.

            ## Example
            ```
            From: Jane Developer <jane@example.org>
            ...
            Co-developed-by: Jane Developer <jane@example.org>
            Signed-off-by: Jane Developer <jane@example.org>
            ```

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [WithoutSignOff, NamesAuthor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (patch.Kind != MessageKind.Patch || patch.Headers.Count == 0) return;
        var author = context.GetValue(Identities.AuthorOf);
        var lines = context.GetValue(SignatureLine.OfPatch);
        for (var k = 0; k < lines.Length; k++)
        {
            var line = lines[k];
            if (!line.Is("Co-developed-by")) continue;
            var location = Locations.InMessage(line.Line, line.MessageLineIndex, line.TagStart, line.Line.Text.Length);
            var coDeveloper = line.Person;
            if (coDeveloper is not null && author is not null && coDeveloper.SameIdentity(author))
            {
                context.Report(NamesAuthor, location, author);
            }

            var next = k + 1 < lines.Length && lines[k + 1].MessageLineIndex == line.MessageLineIndex + 1 ? lines[k + 1] : (SignatureLine?)null;
            if (next is not { IsSignOff: true } signOff)
            {
                context.Report(WithoutSignOff, location, "");
            }
            else if (coDeveloper is not null && signOff.Person is { } signer && !signer.SameIdentity(coDeveloper))
            {
                context.Report(WithoutSignOff, location, $" (the next line signs off '{signer}')");
            }
        }
    }
}
