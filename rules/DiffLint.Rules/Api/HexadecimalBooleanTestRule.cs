using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports a hexadecimal constant used as an operand of <c>&amp;&amp;</c> or <c>||</c>: a bit test written as a boolean one.</summary>
[DiffLintRule]
public sealed class HexadecimalBooleanTestRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3198", "hexadecimal-boolean-test", "Hexadecimal constant in a boolean test",
        "boolean test with hexadecimal, perhaps just 1 & or |?", "HEXADECIMAL_BOOLEAN_TEST", """
            ## What it does
            Reports a constant written `0x` and decimal digits (`0x10`, as checkpatch matches it) between `&&` or
            `||` and another `&&`, `||`, `)` or `]`, or after `(` or `[` and before `&&` or `||`. Once per line.

            ## Why it matters
            A hexadecimal constant is a bit mask; as an operand of `&&` it is just "true", so `flags && 0x10` tests
            whether `flags` is non-zero, not bit 4. The `&` (or `|`) was meant.

            ## Example
            ```diff
            +	if (status && 0x10)
            ```
            Write `if (status & 0x10)`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterTokenAction(Analyze, CTokenKind.Number);

    private void Analyze(CTokenContext constant)
    {
        if (IsBooleanOperand(constant.Fragment, constant.Code, constant.CodeIndex)
            && FirstOnLine.Is(IsBooleanOperand, constant.Fragment, constant.Code, constant.CodeIndex))
            constant.Report(Descriptor);
    }

    private static bool IsBooleanOperand(CFragment fragment, ReadOnlySpan<CToken> code, int t)
    {
        if (code[t].Kind != CTokenKind.Number || t == 0 || t + 1 >= code.Length) return false;
        var text = fragment.TextOf(code[t]);
        if (text.Length < 3 || text[0] != '0' || text[1] is not ('x' or 'X') || text[2..].ContainsAnyExcept(AsciiDigits.Decimal)) return false;
        var before = fragment.TextOf(code[t - 1]);
        var after = fragment.TextOf(code[t + 1]);
        var logicalBefore = before is "&&" or "||";
        var logicalAfter = after is "&&" or "||";
        return (logicalAfter && (logicalBefore || code[t - 1].IsSymbol('(') || code[t - 1].IsSymbol('[')))
            || (logicalBefore && (code[t + 1].IsSymbol(')') || code[t + 1].IsSymbol(']')));
    }
}
