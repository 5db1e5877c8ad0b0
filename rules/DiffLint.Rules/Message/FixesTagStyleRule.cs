using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Message;

/// <summary>Reports a Fixes: tag that is not exactly <c>Fixes: &lt;12+ hex&gt; ("subject")</c> on one line.</summary>
[DiffLintRule]
public sealed class FixesTagStyleRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL1021",
        name: "fixes-tag-style",
        title: "Fixes: tag not in 'Fixes: <sha> (\"subject\")' form",
        messageFormat: "Write the tag as 'Fixes: <12+ hex digits> (\"<subject>\")' on one line: {0}",
        category: "Message",
        defaultSeverity: Severity.Warning,
        checkpatchType: "BAD_FIXES_TAG",
        documentation: """
            ## What it does
            Reports a `Fixes:` tag that is not exactly `Fixes: <sha> ("<subject>")`: a misspelt or lower-case tag, a
            missing colon, extra spaces, the word `commit`, a sha shorter than 12 digits or in upper case, a subject that is
            missing, not double-quoted, or wrapped onto the next line.

            ## Why it matters
            Stable-tree and distribution backport tools parse Fixes: tags mechanically, one line each. A tag they cannot
            read means the fix is not backported with the commit it fixes.

            ## Example
            ```
            Fixes: 1234abcd (net: add the check)
            ```
            Write `Fixes: 1234abcd5678 ("net: add the check")`; `git log -1 --format='Fixes: %h ("%s")' --abbrev=12 <sha>`
            prints it. Do not wrap the line, however long.

            ## Configuration
            None. With a repository, DL1022 and DL1023 check that the commit exists and the subject matches.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (!patch.HasCommitMessage) return;
        foreach (var reference in context.GetValue(CommitReferences.OfPatch))
        {
            if (reference.Kind != CommitReferenceKind.FixesTag) continue;
            var line = patch.CommitMessage[reference.LineIndex];
            var problem = Problem(reference, line.Span);
            if (problem is null) continue;
            context.Report(Descriptor, Locations.InMessage(line, reference.LineIndex, reference.Start, reference.End), problem);
        }
    }

    private static string? Problem(CommitReference reference, ReadOnlySpan<char> line)
    {
        if (reference.Keyword != "Fixes:") return $"'{reference.Keyword}' should be 'Fixes:'";
        if (reference.Start > 0) return "the tag is indented";
        if (reference.Separator != " ") return reference.Separator.Trim().Length > 0
            ? "drop the word 'commit'"
            : "put one space between 'Fixes:' and the sha";
        if (reference.Sha.Length < 12) return $"'{reference.Sha}' has only {reference.Sha.Length} hex digits";
        if (reference.Sha.Any(char.IsAsciiLetterUpper)) return $"'{reference.Sha}' has upper-case hex digits";
        if (reference.Subject is null)
        {
            return line[reference.Start..].Contains('(') ? "the (\"subject\") is wrapped or not closed" : "the (\"subject\") is missing";
        }

        if (reference.GapBeforeSubject != " ") return "put one space between the sha and the (\"subject\")";
        return reference.SubjectQuoted ? null : "the subject is not in double quotes";
    }
}
