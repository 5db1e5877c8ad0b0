using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports blanks just inside parentheses and square brackets: <c>( x )</c>, <c>[ 1 ]</c>.</summary>
[DiffLintRule]
public sealed class BracketPaddingRule : PatchRule
{
    public static readonly RuleDescriptor Parentheses = new(
        id: "DL3006",
        name: "space-inside-parentheses",
        title: "Space inside parentheses",
        messageFormat: "space prohibited {0}",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "SPACING",
        qemuCheckpatchType: "Q_SPACE_INSIDE_PARENS",
        documentation: """
            ## What it does
            Reports a blank right after `(` or right before `)` on the same line, once per line for each side.
            A `(` that ends the line, a `)` that starts one, empty `for` clauses (`for ( ; ; )`) and the `: )`
            of asm operand lists are accepted.

            ## Why it matters
            Kernel and QEMU style write `f(x)`, never `f( x )`.

            ## Example
            ```diff
            +	memset( &buf[num + 1], 0, 64 - (num + 1));
            +	if (vp_find_vq(vp, 2, &vq) < 0 ) {
            ```

            ## Configuration
            """);

    public static readonly RuleDescriptor Brackets = new(
        id: "DL3007",
        name: "space-inside-brackets",
        title: "Space inside square brackets",
        messageFormat: "space prohibited {0}",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "SPACING",
        qemuCheckpatchType: "Q_SPACE_INSIDE_BRACKETS",
        documentation: """
            ## What it does
            Reports a blank right after `[` or right before `]` on the same line, once per line for each side;
            designated initializers (`[ 1 ] = "net"`) included. A `[` that ends the line is accepted.

            ## Why it matters
            Subscripts and array sizes are written tight (`a[i]`, `[1] = "net"`) in kernel and QEMU code.

            ## Example
            ```diff
            +        [ 16 ] = "gpu",
            ```

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Parentheses, Brackets];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterSymbolAction(Analyze, RegisteredNames.Of("(", "[", ")", "]"));

    /// <summary>Each side of each bracket kind is reported once per line: at its first padded bracket.</summary>
    private void Analyze(CTokenContext context)
    {
        var fragment = context.Fragment;
        ref readonly var token = ref context.Token;
        ref readonly var line = ref fragment.Lines.ItemRef(token.Line);
        var text = line.Text;
        var bracket = token.First;
        // Called for every bracket, nearly all unpadded: the character on the inner side is tested before the line's
        // tokens are read (a blank there is what IsPadded needs first).
        var inner = bracket is '(' or '[' ? token.End : token.Start - 1;
        if ((uint)inner >= (uint)text.Length || !TokenSpacing.IsBlank(text[inner])) return;
        var tokens = fragment.TokensOf(token.Line);
        var k = context.Index - line.FirstToken;
        if (!IsPadded(fragment, tokens, text, k)) return;
        for (var earlier = k - 1; earlier >= 0; earlier--)
        {
            if (tokens[earlier].First == bracket && IsPadded(fragment, tokens, text, earlier)) return;
        }

        switch (bracket)
        {
            case '(':
                context.Report(Parentheses, "after that open parenthesis '('");
                break;
            case '[':
                context.Report(Brackets, "after that open square bracket '['");
                break;
            case ')':
                context.Report(Parentheses, "before that close parenthesis ')'");
                break;
            default:
                context.Report(Brackets, "before that close square bracket ']'");
                break;
        }
    }

    /// <summary>Token <paramref name="k"/> of the line is a bracket with a blank on its inner side.</summary>
    private static bool IsPadded(CFragment fragment, ReadOnlySpan<CToken> tokens, ReadOnlySpan<char> text, int k)
    {
        var token = tokens[k];
        if (token.Length != 1 || token.Kind != CTokenKind.Punctuation || token.IsUncertain) return false;
        return token.First is '(' or '[' ? PaddedAfterOpen(fragment, tokens, text, k) : PaddedBeforeClose(tokens, text, k);
    }

    /// <summary>A blank after the opener, unless the line goes on after it or the opener starts an empty for clause.</summary>
    private static bool PaddedAfterOpen(CFragment fragment, ReadOnlySpan<CToken> tokens, ReadOnlySpan<char> text, int k) =>
        k + 1 < tokens.Length && tokens[k + 1].Kind != CTokenKind.Continuation && TokenSpacing.IsBlank(text[tokens[k].End])
        && !(tokens[k].First == '(' && IsEmptyForClause(fragment, tokens, k));

    /// <summary>A blank before the closer, unless it closes an empty clause (<c>; )</c>, <c>: )</c>) or starts its line.</summary>
    private static bool PaddedBeforeClose(ReadOnlySpan<CToken> tokens, ReadOnlySpan<char> text, int k) =>
        k > 0 && TokenSpacing.IsBlank(text[tokens[k].Start - 1])
        && !(tokens[k].First == ')' && (tokens[k - 1].IsSymbol(';') || tokens[k - 1].IsSymbol(':')));

    /// <summary><c>for ( ;</c>: the first clause of a for header left empty.</summary>
    private static bool IsEmptyForClause(CFragment fragment, ReadOnlySpan<CToken> tokens, int open) =>
        tokens[open + 1].IsSymbol(';') && open > 0 && fragment.Is(tokens[open - 1], "for");
}
