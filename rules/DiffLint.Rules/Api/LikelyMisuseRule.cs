using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>
/// Reports <c>likely()</c>/<c>unlikely()</c> around <c>IS_ERR()</c> or <c>WARN*()</c>, which already use <c>unlikely()</c>,
/// and <c>likely(x) &gt; 0</c>, a comparison left outside the hint.
/// </summary>
[DiffLintRule]
public sealed class LikelyMisuseRule : PatchRule
{
    private const string Documentation = """
        ## What it does
        Reports `likely(` or `unlikely(` whose argument starts with `IS_ERR`, `IS_ERR_OR_NULL`, `IS_ERR_VALUE`
        or a `WARN` macro (`WARN_ON`, `WARN_ON_ONCE`...), negated or not (DL3179), and a `likely()` or
        `unlikely()` of a name, member, call or constant compared after its closing parenthesis, such as
        `unlikely(ret) < 0` (DL3195); each once per line.

        ## Why it matters
        These macros already hint the compiler with `unlikely()`; wrapping them again adds nothing and,
        wrapped in `likely()`, contradicts the hint. `unlikely(ret) < 0` hints the wrong thing: it tells the compiler
        `ret` is usually zero, not that the comparison is usually false; write `unlikely(ret < 0)`.

        ## Example
        ```diff
        +	if (unlikely(IS_ERR(clk)))
        ```
        Write `if (IS_ERR(clk))`.

        ## Configuration
        Kernel and U-Boot profiles.
        """;

    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3179", "likely-misuse", "Nested likely()/unlikely()",
        "nested (un)?likely() calls, {0} already uses unlikely() internally", "LIKELY_MISUSE", Documentation);

    public static readonly RuleDescriptor Comparison = KernelApiDescriptor.Create("DL3195", "likely-comparison", "Comparison outside likely()/unlikely()",
        "Using {0} should generally have parentheses around the comparison", "LIKELY_MISUSE", Documentation);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor, Comparison];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterCallAction(Analyze, RegisteredNames.Of("likely", "unlikely"));

    private void Analyze(CallContext call)
    {
        if (Nesting(call.Fragment, call.Code, call.CodeIndex) is { } inner && FirstOnLine.Is(IsNesting, call.Fragment, call.Code, call.CodeIndex))
            call.Report(Descriptor, inner);
        if (IsComparedHint(call.Fragment, call.Code, call.CodeIndex) && FirstOnLine.Is(IsComparedHint, call.Fragment, call.Code, call.CodeIndex))
            call.Report(Comparison, call.Callee.ToString());
    }

    /// <summary>
    /// <c>likely(x)</c> or <c>unlikely(x)</c> at <paramref name="t"/> followed by a comparison operator, x being checkpatch's
    /// <c>$FuncArg</c> without a cast: a name with members, a call of one, or a constant.
    /// </summary>
    private static bool IsComparedHint(CFragment fragment, ReadOnlySpan<CToken> code, int t)
    {
        if (code[t].Kind != CTokenKind.Identifier || fragment.TextOf(code[t]) is not ("likely" or "unlikely") || t + 2 >= code.Length
            || !code[t + 1].IsSymbol('('))
            return false;
        var end = code[t + 2].Kind is CTokenKind.Number or CTokenKind.String or CTokenKind.Char ? t + 3 : LineCode.LvalueEnd(fragment, code, t + 2);
        if (end > 0 && end < code.Length && code[end].IsSymbol('(')) end = CallSyntax.Close(code, end) is var close and > 0 ? close + 1 : -1;
        return end > 0 && end + 1 < code.Length && code[end].IsSymbol(')') && code[end + 1].Kind == CTokenKind.Operator
            && fragment.TextOf(code[end + 1]) is "==" or "!=" or "<" or ">" or "<=" or ">=";
    }

    private static bool IsNesting(CFragment fragment, ReadOnlySpan<CToken> code, int t) => Nesting(fragment, code, t) is not null;

    /// <summary>For <c>likely(</c> or <c>unlikely(</c> at <paramref name="t"/> whose argument starts with a hinting macro, what it matched.</summary>
    private static string? Nesting(CFragment fragment, ReadOnlySpan<CToken> code, int t)
    {
        if (code[t].Kind != CTokenKind.Identifier || fragment.TextOf(code[t]) is not ("likely" or "unlikely") || t + 1 >= code.Length
            || !code[t + 1].IsSymbol('('))
            return null;
        var argument = t + 2;
        if (argument < code.Length && code[argument].IsSymbol('!')) argument++;
        return argument < code.Length && code[argument].Kind == CTokenKind.Identifier ? NestedHint(fragment.TextOf(code[argument])) : null;
    }

    /// <summary>checkpatch's <c>IS_ERR(?:_OR_NULL|_VALUE)?|WARN</c> at the start of <paramref name="name"/>: what it matched, or null.</summary>
    private static string? NestedHint(ReadOnlySpan<char> name)
    {
        if (name.StartsWith("IS_ERR_OR_NULL")) return "IS_ERR_OR_NULL";
        if (name.StartsWith("IS_ERR_VALUE")) return "IS_ERR_VALUE";
        if (name.StartsWith("IS_ERR")) return "IS_ERR";
        return name.StartsWith("WARN") ? "WARN" : null;
    }
}
