using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Line starting with && or ||.</summary>
[DiffLintRule]
public sealed class LogicalContinuationsRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3118",
        name: "logical-continuations",
        title: "Line starting with && or ||",
        messageFormat: "Logical continuations should be on the previous line",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "LOGICAL_CONTINUATIONS",
        documentation: """
            ## What it does
            Reports an added line that starts (after its indentation) with `&&` or `||`: the operator belongs at the end
            of the line before.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            Kernel style ends the broken line with the operator, so each line reads as an incomplete condition until the
            last; strict maintainers ask for it.

            ## Example
            ```diff
            +	if (priv->ready
            +	    && priv->enabled)
            ```

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCodeLineAction(Analyze);

    private void Analyze(CodeLineContext line)
    {
        var text = line.Text.TrimStart(" \t");
        if (!(text.StartsWith("&&") || text.StartsWith("||"))) return;
        var start = line.Text.Length - text.Length;
        line.Report(Descriptor, start, start + 2, null);
    }
}
