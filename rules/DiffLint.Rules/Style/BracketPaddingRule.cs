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

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        foreach (var fragment in context.Fragments)
        {
            var lines = fragment.Lines.AsSpan();
            for (var l = 0; l < lines.Length; l++)
            {
                if (!lines[l].IsJudged || lines[l].TokenCount == 0) continue;
                CheckLine(context, fragment, l);
            }
        }
    }

    /// <summary>One pass over the line's tokens for both bracket kinds; each side of each kind is reported once per line.</summary>
    private static void CheckLine(CSourceContext context, CFragment fragment, int line)
    {
        var tokens = fragment.TokensOf(line);
        var text = fragment.Lines[line].Text;
        bool parenOpenReported = false, parenCloseReported = false, bracketOpenReported = false, bracketCloseReported = false;
        for (var k = 0; k < tokens.Length; k++)
        {
            var token = tokens[k];
            if (token.Length != 1 || token.Kind != CTokenKind.Punctuation || token.IsUncertain) continue;
            switch (token.First)
            {
                case '(' when !parenOpenReported && PaddedAfterOpen(fragment, tokens, text, k):
                    context.Report(Parentheses, fragment, token, "after that open parenthesis '('");
                    parenOpenReported = true;
                    break;
                case '[' when !bracketOpenReported && PaddedAfterOpen(fragment, tokens, text, k):
                    context.Report(Brackets, fragment, token, "after that open square bracket '['");
                    bracketOpenReported = true;
                    break;
                case ')' when !parenCloseReported && PaddedBeforeClose(tokens, text, k):
                    context.Report(Parentheses, fragment, token, "before that close parenthesis ')'");
                    parenCloseReported = true;
                    break;
                case ']' when !bracketCloseReported && PaddedBeforeClose(tokens, text, k):
                    context.Report(Brackets, fragment, token, "before that close square bracket ']'");
                    bracketCloseReported = true;
                    break;
            }
        }
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
