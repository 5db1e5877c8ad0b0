using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Message;

/// <summary>Reports a patch whose commit message has no <c>Signed-off-by:</c> line.</summary>
[DiffLintRule]
public sealed class MissingSignOffRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL1001",
        name: "missing-sign-off",
        title: "Missing Signed-off-by",
        messageFormat: "Missing Signed-off-by: line in the commit message of \"{0}\"",
        category: "Message",
        defaultSeverity: Severity.Error,
        checkpatchType: "MISSING_SIGN_OFF",
        checkpatchMessage: "Missing Signed-off-by: line(s)",
        qemuCheckpatchType: "Q_MISSING_SIGNOFF",
        documentation: """
            ## What it does
            Reports a patch mail whose commit message (the text above the `---` line) has no `Signed-off-by:`
            line. Each patch of a series is checked on its own, and a sign-off placed below `---` does not count,
            because `git am` drops that part.

            ## Why it matters
            The Linux kernel, QEMU, U-Boot and many other projects require a Developer's Certificate of Origin
            sign-off on every patch. checkpatch treats a whole mbox as one patch, so a missing sign-off in patch 1
            of 2 goes unreported there.

            ## Example
            ```
            Subject: [PATCH] foo: fix the frobnicator

            The frobnicator overflowed when ...
            ---
             foo.c | 2 +-
            ```
            Fix it with `git commit --amend -s` (or `git rebase --signoff`) and regenerate the patch.

            ## Configuration
            Plain diffs without a mail are not checked.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (patch.Kind != MessageKind.Patch || patch.Headers.Count == 0) return;
        if (context.GetValue(CommitLog.FirstSignOffLine) < patch.CommitMessage.Length) return;
        context.Report(Descriptor, Locations.AtPatch(patch), patch.Subject.Summary);
    }
}
