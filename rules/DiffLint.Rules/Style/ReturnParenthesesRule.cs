using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports <c>return (value);</c> where the parentheses hold one simple value.</summary>
[DiffLintRule]
public sealed class ReturnParenthesesRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3027",
        name: "return-parentheses",
        title: "return is not a function",
        messageFormat: "return is not a function, parentheses are not required",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "RETURN_PARENTHESES",
        qemuCheckpatchType: "Q_RETURN_PARENS",
        documentation: """
            ## What it does
            Reports `return (value);` when the parentheses wrap the whole returned value and that value is one
            operand: a name, a constant, a member access (`a->b`, `a.b`), an element (`a[i]`), a call (`f(x)`),
            optionally behind `&`, `*`, `-` or `!`, or such an operand followed by `?` (a conditional whose test
            is simple). `return (a + b);` and casts are left alone. Every `return` is judged on its own, also
            the single-statement body of an `if` on the line before (which kernel checkpatch misses).

            ## Why it matters
            `return` is a statement, not a function; the extra parentheses are noise that kernel and QEMU style
            reject.

            ## Example
            ```diff
            +	if (x > 10)
            +		return (x);
            ```
            should be `return x;`.

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "return");

    private void Analyze(CTokenContext keyword)
    {
        var fragment = keyword.Fragment;
        var t = keyword.Index;
        if (keyword.Token.Kind != CTokenKind.Keyword || !CodeTokens.IsOnNewLine(fragment, t)) return;
        if (!CodeTokens.TryParenthesesAfter(fragment, t, out var open, out var close)) return;
        var after = CodeTokens.Next(fragment, close);
        if (after < 0 || !fragment.Tokens[after].IsSymbol(';')) return;
        if (IsSimpleValue(fragment, CodeTokens.Next(fragment, open), close)) keyword.Report(Descriptor);
    }

    /// <summary>Code tokens <paramref name="from"/>..<paramref name="close"/> (exclusive) form one operand, optionally followed by <c>?</c>.</summary>
    private static bool IsSimpleValue(CFragment fragment, int from, int close)
    {
        var tokens = fragment.Tokens;
        var t = from;
        if (t < 0 || t >= close) return false;
        if (tokens[t].IsSymbol('&') || tokens[t].IsSymbol('*') || tokens[t].IsSymbol('-') || tokens[t].IsSymbol('!')) t = CodeTokens.Next(fragment, t);
        if (t < 0 || t >= close || tokens[t].Kind is not (CTokenKind.Identifier or CTokenKind.Number or CTokenKind.Char or CTokenKind.String)) return false;
        var operandIsName = tokens[t].Kind == CTokenKind.Identifier;
        t = CodeTokens.Next(fragment, t);
        while (t >= 0 && t < close)
        {
            var token = tokens[t];
            if (token.IsSymbol('?')) return true;
            if (!operandIsName) return false;
            if (token.IsSymbol('(') || token.IsSymbol('['))
            {
                var match = fragment.Structure.MatchOf(t);
                if (match < 0 || match > close) return false;
                t = CodeTokens.Next(fragment, match);
                continue;
            }

            if (token.Kind != CTokenKind.Operator || !(fragment.Is(token, "->") || token.IsSymbol('.'))) return false;
            t = CodeTokens.Next(fragment, t);
            if (t < 0 || t >= close || tokens[t].Kind != CTokenKind.Identifier) return false;
            t = CodeTokens.Next(fragment, t);
        }

        return t == close;
    }
}
