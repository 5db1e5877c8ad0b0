using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Message;

/// <summary>
/// Reports a <c>[PATCH]</c> mail that carries no diff; optionally (checkpatch compatibility) also a cover letter, which
/// checkpatch cannot tell from one.
/// </summary>
[DiffLintRule]
public sealed class PatchWithoutDiffRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL1042",
        name: "patch-without-diff",
        title: "Patch mail without a diff",
        messageFormat: "Does not appear to be a unified-diff format patch",
        category: "Message",
        defaultSeverity: Severity.Error,
        checkpatchType: "NOT_UNIFIED_DIFF",
        qemuCheckpatchType: "Q_NOT_UNIFIED_DIFF",
        documentation: """
            ## What it does
            Reports a mail tagged `[PATCH]` (not a reply, not a `[PATCH 0/N]` cover letter) in which no diff is found,
            even after its quoted-printable or base64 parts are decoded. The finding points at the last line of the
            mail, as checkpatch's NOT_UNIFIED_DIFF does.

            A `[PATCH 0/N]` cover letter has no diff by design: DiffLint recognises it by its subject and does not report
            it here. checkpatch cannot tell a cover letter from a patch (it only skips files named
            `*cover-letter.patch`), so every cover letter taken from a list archive gets NOT_UNIFIED_DIFF from it; turn
            on DL1043 to reproduce those rows. The message file checked by the `commit-msg` hook has no diff yet and is
            not reported either.

            ## Why it matters
            A patch without a diff cannot be applied: the diff was left out, pasted as an attachment type the list
            stripped, or mangled by the mailer so that it no longer reads as a diff. Reviewers and `git am` see an
            empty commit.

            ## Example
            ```
            Subject: [PATCH] watchdog: foo: fix the timeout

            The timeout is in seconds, not milliseconds.

            Signed-off-by: Jane Developer <jane@example.org>
            ```

            ## Configuration
            """);

    public static readonly RuleDescriptor CoverLetterDescriptor = new(
        id: "DL1043",
        name: "cover-letter-without-diff",
        title: "Cover letter without a diff (checkpatch compatibility)",
        messageFormat: "Does not appear to be a unified-diff format patch",
        category: "Message",
        defaultSeverity: Severity.Error,
        checkpatchType: "NOT_UNIFIED_DIFF",
        qemuCheckpatchType: "Q_NOT_UNIFIED_DIFF",
        isEnabledByDefault: false,
        documentation: """
            ## What it does
            Off by default. When turned on, reports every `[PATCH 0/N]` cover letter that has no diff, at its last line,
            as checkpatch's NOT_UNIFIED_DIFF does for any input without a diff. Like checkpatch it leaves alone an input
            file whose name ends in `cover-letter.patch` (`git format-patch --cover-letter` output).

            ## Why it matters
            It does not: a cover letter is not meant to carry a diff. The rule exists for tools that compare DiffLint's
            `--format checkpatch` output with checkpatch's line by line, and for bots that expect the row.

            ## Example
            ```
            Subject: [PATCH v2 0/3] watchdog: add support for the foo watchdog
            ```

            ## Configuration
            `dotnet_diagnostic.DL1043.severity = error` in `.editorconfig` (or `difflint_diagnostic.DL1043.severity`)
            turns it on.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor, CoverLetterDescriptor];

    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterPatchAction(AnalyzePatch);
        registration.RegisterSeriesAction(AnalyzeCoverLetters);
    }

    private void AnalyzePatch(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (patch.Kind != MessageKind.Patch || patch.Headers.Count == 0 || patch.Source.IsCommitMessageOnly) return;
        if (patch.Files.Length > 0 || patch.DiffProblems.Length > 0) return;
        context.Report(Descriptor, Locations.AtPatch(patch));
    }

    private void AnalyzeCoverLetters(SeriesAnalysisContext context)
    {
        foreach (var member in context.Members)
        {
            if (member.Kind != MessageKind.CoverLetter || member.FileCount > 0) continue;
            if (member.Source.DisplayName.EndsWith("cover-letter.patch", StringComparison.Ordinal)) continue;
            context.Report(member, CoverLetterDescriptor, new DiagnosticLocation(LocationKind.Patch, null, default, member.LastInputLine, null));
        }
    }
}
