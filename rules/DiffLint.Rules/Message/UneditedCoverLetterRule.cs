using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Message;

/// <summary>Reports a cover letter that still holds the placeholders of <c>git format-patch --cover-letter</c> or b4.</summary>
[DiffLintRule]
public sealed class UneditedCoverLetterRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL1044",
        name: "unedited-cover-letter",
        title: "Cover letter left unedited",
        messageFormat: "The cover letter was not edited: it still has the template's {0}",
        category: "Message",
        defaultSeverity: Severity.Error,
        documentation: """
            ## What it does
            Reports a `[PATCH 0/N]` cover letter that still holds the placeholders `git format-patch --cover-letter`
            writes, `*** SUBJECT HERE ***` in the subject and `*** BLURB HERE ***` in the body, or b4's `EDITME` cover
            title. One finding per cover letter, at the first placeholder, naming every one that is left.

            ## Why it matters
            The cover letter is what reviewers read first, and its subject names the series in every reply and in the
            archives. `git send-email` refuses a template subject (unless `--force`) and `b4 send` refuses an `EDITME`
            cover; checked before sending (the `sendemail-validate` hook, `b4 prep --check`) the same mistake is caught
            even when the send is forced or done another way.

            ## Example
            ```
            Subject: [PATCH 0/2] *** SUBJECT HERE ***

            *** BLURB HERE ***

            Jane Developer (2):
              watchdog: foo: add driver
              watchdog: foo: add binding
            ```

            ## Configuration
            """);

    private const string SubjectPlaceholder = "*** SUBJECT HERE ***";
    private const string BlurbPlaceholder = "*** BLURB HERE ***";

    /// <summary>b4's cover-letter template starts with <c>EDITME: cover title for &lt;branch&gt;</c>.</summary>
    private const string B4Placeholder = "EDITME";

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCoverLetterAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        var subject = patch.Subject.Summary;
        var left = new List<string>(2);
        DiagnosticLocation? first = null;
        if (subject.Contains(SubjectPlaceholder, StringComparison.Ordinal) || subject.StartsWith(B4Placeholder, StringComparison.Ordinal))
        {
            left.Add(subject.StartsWith(B4Placeholder, StringComparison.Ordinal) ? "EDITME title" : SubjectPlaceholder);
            first = Locations.AtSubject(patch);
        }

        var lines = patch.CommitMessage;
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].Span;
            var at = text.IndexOf(BlurbPlaceholder, StringComparison.Ordinal);
            if (at < 0) continue;
            left.Add(BlurbPlaceholder);
            first ??= Locations.InMessage(lines[i], i, at, at + BlurbPlaceholder.Length);
            break;
        }

        if (first is null) return;
        context.Report(Descriptor, first, string.Join(" and ", left));
    }
}
