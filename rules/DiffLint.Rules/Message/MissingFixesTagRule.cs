using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Message;

/// <summary>Reports a bug fix (a stable Cc, a sanitizer or syzbot report, a call trace) that has no Fixes: tag.</summary>
[DiffLintRule]
public sealed class MissingFixesTagRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL1024",
        name: "missing-fixes-tag",
        title: "Bug fix without a Fixes: tag",
        messageFormat: "The commit message mentions '{0}'; add a Fixes: tag naming the commit that introduced the bug",
        category: "Message",
        defaultSeverity: Severity.Warning,
        checkpatchType: "MISSING_FIXES_TAG",
        documentation: """
            ## What it does
            Reports a patch whose message marks it as a bug fix, by a `stable@` address, a KASAN/KCSAN/KMSAN/UBSAN
            report, a `Call Trace:` or a syzkaller/syzbot report, but has no `Fixes:` tag. Reverts are not reported.

            ## Why it matters
            The Fixes: tag tells the stable maintainers and distributions which releases need the fix. Without it a fix
            sent to stable has to be triaged by hand.

            ## Example
            ```
            Cc: stable@vger.kernel.org
            Signed-off-by: A U Thor <author@example.org>
            ```
            Add `Fixes: <12+ hex digits> ("<subject>")` of the commit that introduced the bug.

            ## Configuration
            """);

    private static readonly string[] Markers = ["stable@", "BUG: KASAN", "BUG: KCSAN", "BUG: KMSAN", "UBSAN:", "Call Trace:", "syzkaller", "syzbot"];

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (patch.Kind != MessageKind.Patch || !patch.HasCommitMessage) return;
        if (patch.Subject.Summary.StartsWith("Revert ", StringComparison.Ordinal)) return;
        string? marker = null;
        foreach (var line in patch.CommitMessage)
        {
            var text = line.Span;
            if (text.TrimStart().StartsWith("Fixes:", StringComparison.OrdinalIgnoreCase)) return;
            if (text.TrimStart().StartsWith("This reverts commit", StringComparison.Ordinal)) return;
            marker ??= FindMarker(text);
        }

        if (marker is not null) context.Report(Descriptor, Locations.AtPatch(patch), marker);
    }

    private static string? FindMarker(ReadOnlySpan<char> text)
    {
        // Every marker holds an '@', a ':' or "syz": lines with none of them (most) are not searched eight times.
        if (text.IndexOfAny('@', ':') < 0 && !text.Contains("syz", StringComparison.Ordinal)) return null;
        foreach (var marker in Markers)
        {
            if (text.Contains(marker, StringComparison.Ordinal)) return marker;
        }

        return null;
    }
}
