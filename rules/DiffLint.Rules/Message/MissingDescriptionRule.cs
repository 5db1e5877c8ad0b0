using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Message;

/// <summary>Reports a commit message with no description: only a subject, or a subject and trailers.</summary>
[DiffLintRule]
public sealed class MissingDescriptionRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL1029",
        name: "missing-commit-description",
        title: "Commit message has no description",
        messageFormat: "The commit message of \"{0}\" has no description below the subject",
        category: "Message",
        defaultSeverity: Severity.Warning,
        checkpatchType: "COMMIT_MESSAGE",
        checkpatchMessage: "Missing commit description - Add an appropriate one",
        documentation: """
            ## What it does
            Reports a patch whose commit message is only a subject, or a subject followed by trailers
            (`Signed-off-by:`, `Reviewed-by:`, ...) with no text explaining the change.

            ## Why it matters
            The body is where the reader learns why the change is needed and why it is done this way; the subject alone
            rarely says that. checkpatch counts lines (fewer than two, sign-off included), so a message made of a
            sign-off and a review tag passes there; DiffLint looks for text that is not a trailer.

            ## Example
            ```
            Subject: [PATCH] lib: fix the overflow

            Signed-off-by: A U Thor <author@example.org>
            Reviewed-by: Some One <someone@example.org>
            ```

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (patch.Kind != MessageKind.Patch || !patch.HasCommitMessage) return;
        var firstLine = 0;
        foreach (var line in patch.CommitMessage)
        {
            if (line.Span.IsWhiteSpace()) continue;
            if (!CommitLog.IsTrailerLike(line.Span.Trim())) return;
            if (firstLine == 0) firstLine = line.InputLine;
        }

        if (firstLine == 0) firstLine = patch.SeparatorInputLine > 0 ? patch.SeparatorInputLine : patch.SubjectInputLine + 1;
        // Like checkpatch, point at the line after the first line of the (empty) message.
        context.Report(Descriptor, Locations.AtInputLine(firstLine + 1), patch.Subject.Summary);
    }
}
