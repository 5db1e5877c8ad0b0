using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Message;

/// <summary>Reports a commit referred to in the message other than as <c>commit &lt;12+ hex&gt; ("subject")</c>.</summary>
[DiffLintRule]
public sealed class CommitReferenceStyleRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL1020",
        name: "commit-reference-style",
        title: "Commit reference not in 'commit <sha> (\"subject\")' form",
        messageFormat: "Refer to commits as 'commit <12+ hex digits> (\"<subject>\")': {0}",
        category: "Message",
        defaultSeverity: Severity.Error,
        checkpatchType: "GIT_COMMIT_ID",
        documentation: """
            ## What it does
            Reports a commit mentioned in the commit message that is not written as `commit <sha> ("<subject>")`: a sha
            shorter than 12 hex digits, upper-case digits, no `("subject")` after it, an unquoted subject, or a bare
            12–40 digit sha without the word `commit`. The sha may start the next line and the `("subject")` may continue
            on it. Pasted logs and stack dumps, URLs, `Link:`-style tags and `This reverts commit` lines are not read.

            ## Why it matters
            Short shas become ambiguous as a repository grows, and a sha alone tells a reader (or a backporter looking at
            another branch, where the sha differs) nothing. The subject identifies the commit everywhere. When a
            repository is at hand, DL1022 and DL1023 also check that the commit exists and that the subject matches.

            ## Example
            ```
            The check was added in 1234abcd and broke ...
            ```
            Write `commit 1234abcd5678 ("net: add the check")` instead; `git log -1 --format='%h ("%s")' --abbrev=12 <sha>`
            prints it.

            ## Configuration
            None. Unlike checkpatch, English words made of hex letters ("commit added") are not read as shas.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (!patch.HasCommitMessage) return;
        foreach (var reference in context.GetValue(CommitReferences.OfPatch))
        {
            if (reference.Kind == CommitReferenceKind.FixesTag) continue;
            var problem = Problem(reference);
            if (problem is null) continue;
            var line = patch.CommitMessage[reference.LineIndex];
            context.Report(Descriptor, Locations.InMessage(line, reference.LineIndex, reference.Start, reference.End), problem);
        }
    }

    private static string? Problem(CommitReference reference)
    {
        if (reference.Kind == CommitReferenceKind.BareSha) return $"'{reference.Sha}' lacks the word 'commit' and the (\"subject\")";
        if (reference.Sha.Length < 12) return $"'{reference.Sha}' has only {reference.Sha.Length} hex digits";
        if (reference.Sha.Length > 40) return $"'{reference.Sha[..12]}...' is longer than a sha-1";
        if (reference.Sha.Any(char.IsAsciiLetterUpper)) return $"'{reference.Sha}' has upper-case hex digits";
        if (reference.Keyword is not ("commit" or "Commit")) return $"write 'commit', not '{reference.Keyword}'";
        if (reference.Separator != " ") return "put one space between 'commit' and the sha";
        if (reference.Subject is null) return $"no (\"subject\") after '{reference.Sha}'";
        if (!reference.SubjectQuoted) return $"the subject after '{reference.Sha}' is not in double quotes";
        return null;
    }
}
