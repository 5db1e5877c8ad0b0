using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Trailers;

/// <summary>Reviewed-by:, Acked-by: or Tested-by: from the patch's own author.</summary>
[DiffLintRule]
public sealed class SelfReviewRule : PatchRule
{
    private static readonly string[] ReviewTags = ["Reviewed-by", "Acked-by", "Tested-by"];

    // A loop, not Array.Exists(ReviewTags, line.Is): that boxed the line and made a delegate for every signature line.
    private static bool IsReviewTag(SignatureLine line)
    {
        foreach (var tag in ReviewTags)
        {
            if (line.Is(tag)) return true;
        }

        return false;
    }

    public static readonly RuleDescriptor Descriptor = new(
        id: "DL1013",
        name: "self-review",
        title: "Review tag from the patch author",
        messageFormat: "{0}: from the patch author '{1}'",
        category: "Trailer",
        defaultSeverity: Severity.Warning,
        qemuCheckpatchType: "Q_SELF_REVIEW",
        documentation: """
            ## What it does
            Reports a `Reviewed-by:`, `Acked-by:` or `Tested-by:` whose address is the patch author's (in-body `From:`
            first, then the mail's `From:`).

            ## Why it matters
            These tags record that someone else looked at the change. An author's own tag adds nothing and misleads
            maintainers who count reviews before merging.

            ## Example
            ```
            From: Jane Developer <jane@example.org>
            ...
            Signed-off-by: Jane Developer <jane@example.org>
            Reviewed-by: Jane Developer <jane@example.org>
            ```

            ## Configuration
            All profiles (QEMU's checkpatch checks it; the kernel's does not, but its rules are the same).
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (patch.Kind != MessageKind.Patch || context.GetValue(Identities.AuthorOf) is not { } author) return;
        foreach (var line in context.GetValue(SignatureLine.OfPatch))
        {
            if (!IsReviewTag(line) || line.Person is not { } person || !person.SameAddress(author)) continue;
            context.Report(Descriptor, Locations.InMessage(line.Line, line.MessageLineIndex, line.TagStart, line.Line.Text.Length),
                line.Tag, author);
        }
    }
}
