using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Mime;

namespace DiffLint.Rules.Input;

/// <summary>Reports mail that had to be repaired or guessed at while decoding.</summary>
[DiffLintRule]
public sealed class MailDecodingRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL0002",
        name: "mail-decoding",
        title: "Mail could not be decoded cleanly",
        messageFormat: "{0}",
        category: "Input",
        defaultSeverity: Severity.Warning,
        documentation: """
            ## What it does
            Reports what DiffLint had to repair or guess while decoding the mail: invalid base64 or
            quoted-printable, an unknown charset, a body that claims UTF-8 but is not, malformed MIME, and line
            ends that were all turned into CRLF in transit.

            ## Why it matters
            DiffLint decodes the mail before checking it (checkpatch does not, and reports corrupt patches or
            broken sign-offs on quoted-printable mail), but what it had to guess, `git am` may get wrong: the
            applied patch can differ from what the author sent.

            ## Example
            ```
            Content-Type: text/plain; charset=x-unknown
            Content-Transfer-Encoding: base64

            ZGlmZiAtLWdpdCBh!!!
            ```

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        foreach (var problem in context.Patch.MailProblems)
        {
            // Limits are not decoding damage: DL0003 reports them.
            if (problem.Kind == MailProblemKind.InputLimit) continue;
            context.Report(Descriptor, Locations.AtInputLine(problem.Line), problem.Message);
        }
    }
}
