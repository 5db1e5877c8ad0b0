using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Message;

/// <summary>With a repository at hand: reports referenced commits that do not exist, or whose quoted subject is wrong.</summary>
[DiffLintRule]
public sealed class ReferencedCommitRule : PatchRule
{
    public static readonly RuleDescriptor UnknownCommit = new(
        id: "DL1022",
        name: "unknown-commit",
        title: "Referenced commit not found in the repository",
        messageFormat: "Commit '{0}' is not in the repository (rebased, not pulled, or mistyped?)",
        category: "Message",
        defaultSeverity: Severity.Warning,
        checkpatchType: "UNKNOWN_COMMIT_ID",
        documentation: """
            ## What it does
            When DiffLint runs with a repository, reports a `Fixes:` tag or `commit <sha>` reference whose sha the
            repository does not have (or has more than one commit for). Without a repository nothing is reported.

            ## Why it matters
            A sha from a local branch that was rebased before it was merged points nowhere upstream; a Fixes: tag with it
            stops the fix from being backported.

            ## Example
            ```
            Fixes: 0123456789ab ("net: add the check")
            ```
            where `git cat-file -e 0123456789ab` fails in the target tree.

            ## Configuration
            Needs a repository: the one DiffLint runs in, or `--tree`. checkpatch's UNKNOWN_COMMIT_ID is the same check;
            run without a repository, checkpatch reports every sha as unknown, where DiffLint says nothing rather than
            guess (the evaluation lists those oracle rows as explained).
            """);

    public static readonly RuleDescriptor SubjectMismatch = new(
        id: "DL1023",
        name: "commit-subject-mismatch",
        title: "Quoted subject differs from the referenced commit's",
        messageFormat: "Commit {0} is (\"{1}\"), not (\"{2}\")",
        category: "Message",
        defaultSeverity: Severity.Warning,
        documentation: """
            ## What it does
            When DiffLint runs with a repository, reports a `Fixes:` tag or `commit <sha> ("subject")` reference whose
            quoted subject is not the subject of that commit.

            ## Why it matters
            The subject is what identifies the commit on other branches, where the sha differs. A wrong subject (a typo,
            a paraphrase, the wrong sha pasted) sends backporters to the wrong commit or nowhere.

            ## Example
            ```
            Fixes: 0123456789ab ("net: add a check")
            ```
            when commit 0123456789ab is `net: add the check`.

            ## Configuration
            Needs a repository.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [UnknownCommit, SubjectMismatch];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (context.Commits is not { } commits || !patch.HasCommitMessage) return;
        foreach (var reference in context.GetValue(CommitReferences.OfPatch))
        {
            if (reference.Kind == CommitReferenceKind.BareSha) continue;
            var line = patch.CommitMessage[reference.LineIndex];
            var location = Locations.InMessage(line, reference.LineIndex, reference.Start, reference.End);
            if (!commits.TryFind(reference.NormalizedSha, out var commit))
            {
                context.Report(UnknownCommit, location, reference.Sha);
            }
            else if (reference.Subject is { } subject && !string.Equals(subject, commit.Subject, StringComparison.Ordinal))
            {
                context.Report(SubjectMismatch, location, reference.Sha, commit.Subject, subject);
            }
        }
    }
}
