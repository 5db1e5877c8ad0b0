using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a comparison with a constant or an upper-case name on its left (<c>0 == x</c>, "Yoda conditions").</summary>
[DiffLintRule]
public sealed class ConstantOnLeftRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3057",
        name: "constant-on-left",
        title: "Constant on the left of a comparison",
        messageFormat: "Comparisons should place the constant on the right side of the test",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "CONSTANT_COMPARISON",
        documentation: """
            ## What it does
            Reports an added line whose last comparison of the form *constant* `==`/`!=`/`<`/`<=`/`>`/`>=` *name*
            has a number or an upper-case name (`NULL`, `MAX_LEN`) on the left and a variable, member, dereference
            or call on the right. As in checkpatch, only the rightmost such comparison of a line is judged, and it
            is not reported when an operator or `.` comes right before the constant (`x + 1 < y`, `a && 0 == b`,
            `-1 == x`) or when the right side is an upper-case name too (`FOO == BAR`).

            ## Why it matters
            `if (0 == x)` guards against typing `=` for `==`, which compilers have warned about for decades;
            kernel style reads the test the way it is said: "if x is zero".

            ## Example
            ```diff
            +	if (NULL != dev->priv)
            ```
            should be `if (dev->priv != NULL)` (or `if (dev->priv)`).

            ## Configuration
            Kernel, git and U-Boot profiles (QEMU's checkpatch has no such check).
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterSymbolAction(Analyze, RegisteredNames.Of("==", "!=", "<", "<=", ">", ">="));

    /// <summary>checkpatch reads the rightmost comparison of a constant with a name on the line, and only that one.</summary>
    private void Analyze(CTokenContext context)
    {
        var fragment = context.Fragment;
        ref readonly var line = ref fragment.Lines.ItemRef(context.Line);
        var comparison = context.Index;
        if (!ComparesConstant(fragment, line, comparison, out var right)) return;
        for (var later = comparison + 1; later < line.EndToken; later++)
        {
            if (ComparesConstant(fragment, line, later, out _)) return;
        }

        var constant = comparison - 1;
        if (FollowsOperator(fragment, line, constant) || IsUpperCaseOperand(fragment, line, right)) return;
        context.Source.Report(Descriptor, fragment, fragment.Tokens[constant]);
    }

    /// <summary>
    /// Token <paramref name="comparison"/> of <paramref name="line"/> is a comparison with a constant before it and a
    /// name (or <c>&amp;name</c>, <c>*name</c>) after it; <paramref name="right"/> is the token after the comparison.
    /// </summary>
    private static bool ComparesConstant(CFragment fragment, in CLine line, int comparison, out int right)
    {
        right = comparison + 1;
        if (comparison <= line.FirstToken || right >= line.EndToken) return false;
        var tokens = fragment.Tokens;
        if (!IsComparison(fragment, tokens[comparison]) || !IsConstant(fragment, tokens[comparison - 1])) return false;
        var operand = tokens[right];
        if ((operand.IsSymbol('&') || operand.IsSymbol('*')) && right + 1 < line.EndToken) operand = tokens[right + 1];
        return operand.Kind is CTokenKind.Identifier or CTokenKind.Keyword;
    }

    private static bool IsConstant(CFragment fragment, in CToken token)
    {
        if (token.Kind == CTokenKind.Number) return char.IsAsciiDigit(token.First) || token.First == '.';
        return token.Kind == CTokenKind.Identifier && IsUpperCaseName(fragment.TextOf(token));
    }

    private static bool IsUpperCaseName(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty || word[0] is not ((>= 'A' and <= 'Z') or '_')) return false;
        foreach (var c in word)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_')) return false;
        }

        return true;
    }

    private static bool IsComparison(CFragment fragment, in CToken token) =>
        token.Kind == CTokenKind.Operator && fragment.TextOf(token) is "==" or "!=" or "<" or "<=" or ">" or ">=";

    /// <summary>The code before the constant ends with an operator other than an assignment, or with <c>.</c>: the constant is part of a larger operand.</summary>
    private static bool FollowsOperator(CFragment fragment, in CLine line, int constant)
    {
        if (constant == line.FirstToken) return false;
        var before = fragment.Tokens[constant - 1];
        if (before.Kind is not (CTokenKind.Operator or CTokenKind.Punctuation)) return false;
        var text = fragment.TextOf(before);
        var last = text[^1];
        if (last is '<' or '>' or '!' or '~' or ',' or '^' or '&' or '|' or '+' or '-' or '*' or '/' or '%' or '.') return true;
        return last == '=' && text.Length >= 2 && text[^2] is '<' or '>' or '=' or '!';
    }

    /// <summary>
    /// The right side is a bare upper-case name ending right there (<c>FOO == BAR)</c>): checkpatch takes the
    /// blanks, members and call brackets after a name as part of the operand, which then no longer reads as a constant.
    /// </summary>
    private static bool IsUpperCaseOperand(CFragment fragment, in CLine line, int right)
    {
        var tokens = fragment.Tokens;
        var operand = tokens[right];
        if (operand.Kind != CTokenKind.Identifier || !IsUpperCaseName(fragment.TextOf(operand))) return false;
        var text = line.Text;
        if (operand.End < text.Length && char.IsWhiteSpace(text[operand.End])) return false;
        if (right + 1 >= line.EndToken) return true;
        var next = tokens[right + 1];
        return !(next.IsSymbol('(') || next.IsSymbol('[') || next.IsSymbol('.') || fragment.Is(next, "->"));
    }
}
