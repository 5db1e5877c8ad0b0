using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Message;

/// <summary>
/// Checks the form of the subject summary (the text after the <c>[PATCH vN n/m]</c> prefix): its length, the
/// <c>subsystem: summary</c> form and the trailing period. checkpatch has no such checks.
/// </summary>
[DiffLintRule]
public sealed class SubjectFormRule : PatchRule
{
    public static readonly RuleDescriptor TooLong = new(
        id: "DL1026",
        name: "subject-too-long",
        title: "Subject too long",
        messageFormat: "Subject summary is {0} characters long; keep it within {1}",
        category: "Message",
        defaultSeverity: Severity.Warning,
        documentation: """
            ## What it does
            Reports a subject whose summary, the text after the `[PATCH v2 3/7]` prefix, is longer than the profile's
            limit (75 characters in every built-in profile). The prefix is not counted: it is
            dropped when the patch is applied.

            ## Why it matters
            The summary becomes the commit's one-line title in `git log --oneline`, shortlogs, Fixes: tags and mail
            subjects; the kernel's submitting-patches asks for 70–75 characters at most. checkpatch does not measure the
            subject.

            ## Example
            ```
            Subject: [PATCH] watchdog: sp5100_tco: rework the probing of the EFCH MMIO region so that it works on newer chipsets
            ```

            ## Configuration
            The limit is the profile's `SubjectLengthLimit`.
            """);

    public static readonly RuleDescriptor MissingSubsystem = new(
        id: "DL1027",
        name: "subject-missing-subsystem",
        title: "Subject lacks a 'subsystem:' prefix",
        messageFormat: "Subject \"{0}\" does not start with the area it changes ('subsystem: summary')",
        category: "Message",
        defaultSeverity: Severity.Note,
        documentation: """
            ## What it does
            Reports a subject summary that does not start with `area: ` (`net: `, `hw/usb: `, `t7004: `) when the
            profile asks for it (kernel, QEMU, git, U-Boot). Reverts (`Revert "..."`) are not checked.

            ## Why it matters
            Maintainers filter and route patches by that prefix, and shortlogs are grouped by it. checkpatch does not
            check the subject's form.

            ## Example
            ```
            Subject: [PATCH] Fix memory leak when adding GATT Characteristic
            ```
            Write `gatt: Fix memory leak when adding GATT Characteristic`; `git log --oneline -- <file>` shows the prefix
            the file's history uses.

            ## Configuration
            Enabled by the profile's `RequiresSubsystemPrefix`.
            """);

    public static readonly RuleDescriptor TrailingPeriod = new(
        id: "DL1028",
        name: "subject-trailing-period",
        title: "Subject ends with a period",
        messageFormat: "Subject \"{0}\" ends with a period",
        category: "Message",
        defaultSeverity: Severity.Note,
        offersFix: false,
        documentation: """
            ## What it does
            Reports a subject summary that ends with a full stop (an ellipsis `...` is accepted).

            ## Why it matters
            The subject is a title, not a sentence: kernel, QEMU and git guidelines all ask for no trailing period.
            checkpatch does not check it.

            ## Example
            ```
            Subject: [PATCH] lib: fix a typo.
            ```

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [TooLong, MissingSubsystem, TrailingPeriod];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        var summary = patch.Subject.Summary;
        if (!patch.HasCommitMessage || summary.Length == 0) return;
        var location = Locations.AtSubject(patch);
        var limit = context.Profile.SubjectLengthLimit;
        if (summary.Length > limit) context.Report(TooLong, location, summary.Length, limit);
        if (context.Profile.RequiresSubsystemPrefix && !HasSubsystemPrefix(summary)) context.Report(MissingSubsystem, location, summary);
        if (summary.EndsWith('.') && !summary.EndsWith("..", StringComparison.Ordinal)) context.Report(TrailingPeriod, location, summary);
    }

    /// <summary>
    /// <c>area: </c> at the start: a first word without spaces (paths, commas and braces allowed, as in
    /// <c>drm/i915,gt: </c> or <c>arm64: dts: </c>), or up to three words (<c>bluetooth hci: </c>) before the colon.
    /// </summary>
    private static bool HasSubsystemPrefix(string summary)
    {
        if (summary.StartsWith("Revert \"", StringComparison.Ordinal) || summary.StartsWith("Reapply \"", StringComparison.Ordinal)) return true;
        var colon = summary.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0 || char.IsWhiteSpace(summary[0])) return false;
        var spaces = summary.AsSpan(0, colon).Count(' ');
        return spaces <= 2 && colon <= 60;
    }
}
