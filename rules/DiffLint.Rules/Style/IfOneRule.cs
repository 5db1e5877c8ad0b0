using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports <c>#if 1</c>.</summary>
[DiffLintRule]
public sealed class IfOneRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3158",
        name: "if-one",
        title: "#if 1 block",
        messageFormat: "Consider removing the #if 1 and its #endif",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "IF_1",
        documentation: """
            ## What it does
            Reports an added `#if 1` (the literal `1`, not `1U` or an expression that starts with it), as kernel checkpatch does.

            ## Why it matters
            Code under `#if 1` is always built: the conditional is a leftover of debugging and only makes the reader wonder.

            ## Example
            ```diff
            +#if 1
            +	foo_dump_regs(foo);
            +#endif
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterTokenAction(Analyze, CTokenKind.Preprocessor);

    private void Analyze(CTokenContext directive)
    {
        var condition = DirectiveLine.OperandOf(directive, "if");
        if (condition >= 0 && directive.Fragment.Is(directive.Fragment.Tokens.ItemRef(condition), "1")) directive.Report(Descriptor);
    }
}
