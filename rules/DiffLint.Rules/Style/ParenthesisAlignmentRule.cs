using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// Reports the continuation line of a call, condition or definition whose indentation does not line up with the
/// open parenthesis it continues (checkpatch's CHECK-level PARENTHESIS_ALIGNMENT).
/// </summary>
[DiffLintRule]
public sealed class ParenthesisAlignmentRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3100",
        name: "parenthesis-alignment",
        title: "Continuation line not aligned with the open parenthesis",
        messageFormat: "Alignment should match open parenthesis",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "PARENTHESIS_ALIGNMENT",
        documentation: """
            ## What it does
            Looks at two consecutive added lines where the first opens a parenthesis it does not close and ends with
            `,`, `&&` or `||`, and reports the second when its indentation does not put it one column after that
            parenthesis. The first line must start like checkpatch's check expects: a call or a definition
            (`foo(`, `static int foo(`, `int (*fn)(`), a condition (`if (`, `while (`, `else if (`) or an assignment
            from a call (`ret = foo(`, `p->x = foo(`). The parenthesis is the last one left open on that line;
            parentheses in strings, character literals and comments do not count, and tabs count to the next multiple
            of 8. The aligned indentation is the first line's tabs followed by either tabs and spaces or only
            spaces; nothing else passes. Only the line right after the opening line is judged, as in checkpatch.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            Arguments and sub-conditions that line up under their parenthesis show at a glance what they belong
            to; netdev and many driver maintainers ask for it in review.

            ## Example
            ```diff
            +	ret = regmap_update_bits(priv->regmap, REG_CTRL,
            +		CTRL_EN, CTRL_EN);
            ```
            should be
            ```diff
            +	ret = regmap_update_bits(priv->regmap, REG_CTRL,
            +				 CTRL_EN, CTRL_EN);
            ```

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    // A fragment action: it also reports context lines (below a rewritten first line), which line actions never see.
    public override void Initialize(RuleRegistration registration) => registration.RegisterFragmentAction(Analyze);

    private void Analyze(CFragmentContext context)
    {
        var tabWidth = context.Source.Profile.TabWidth;
        var fragment = context.Fragment;
        var lines = fragment.Lines;
        for (var l = 1; l < lines.Length; l++)
        {
            ref readonly var line = ref lines.ItemRef(l);
            ref readonly var opening = ref lines.ItemRef(l - 1);
            // checkpatch's previous line skips removed lines.
            if (!opening.IsAdded || !(line.IsJudged || opening.IsJudged)) continue;
            var open = OpenParenthesisToAlignWith(fragment, l - 1);
            if (open < 0) continue;
            var openingText = opening.Text;
            var tabs = LeadingTabs(openingText);
            var column = VisualColumn(openingText, tabs, fragment.Tokens[open].Start, tabWidth) + 1;
            var indent = LeadingBlanks(line.Text);
            if (IsAligned(line.Text[..indent], tabs, column, tabWidth)) continue;
            // A context line below a rewritten first line is as misaligned as an added one.
            if (line.IsAdded) context.Report(Descriptor, l, 0, Math.Max(indent, 1));
            else context.Source.ReportBelowChange(Descriptor, fragment, l, 0, Math.Max(indent, 1));
        }
    }

    /// <summary>
    /// The last parenthesis left open on line <paramref name="line"/> when the line is one checkpatch aligns
    /// against (see the documentation), or -1.
    /// </summary>
    private static int OpenParenthesisToAlignWith(CFragment fragment, int line)
    {
        var tokens = fragment.Tokens;
        var cLine = fragment.Lines[line];
        if (cLine.TokenCount == 0) return -1;
        var first = cLine.FirstToken;
        var last = cLine.EndToken - 1;
        var end = tokens[last];
        if (!(end.IsSymbol(',') || (end.Kind == CTokenKind.Operator && (fragment.Is(end, "&&") || fragment.Is(end, "||"))))) return -1;
        if (!StartsLikeCallOrCondition(fragment, first, last)) return -1;

        // The last '(' not closed on the line; checkpatch gives up when the line closes as many as it opens.
        int opens = 0, closes = 0;
        Span<int> stack = stackalloc int[32];
        var depth = 0;
        for (var t = first; t <= last; t++)
        {
            var token = tokens[t];
            if (token.IsSymbol('('))
            {
                opens++;
                if (depth < stack.Length) stack[depth] = t;
                depth++;
            }
            else if (token.IsSymbol(')'))
            {
                closes++;
                if (depth > 0) depth--;
            }
        }

        if (opens == 0 || closes >= opens || depth == 0 || depth > stack.Length) return -1;
        return stack[depth - 1];
    }

    /// <summary>
    /// checkpatch's shapes of a line whose open parenthesis continuation lines align with: <c>else if (</c>;
    /// an optional declaration then a name (<c>foo(</c>, <c>if (</c>, <c>static int foo(</c>, <c>int (*fn)(</c>);
    /// or an lvalue assigned from a call (<c>ret = foo(</c>, <c>*p-&gt;x = foo(</c>).
    /// </summary>
    private static bool StartsLikeCallOrCondition(CFragment fragment, int first, int last)
    {
        var tokens = fragment.Tokens;
        var paren = -1;
        for (var t = first; t <= last; t++)
        {
            if (!tokens[t].IsCode || tokens[t].InDirective) return false;
            if (tokens[t].IsSymbol('('))
            {
                paren = t;
                break;
            }
        }

        if (paren <= first) return false;

        // else if (
        if (paren - first == 2 && IsStatementKeyword(fragment, tokens[first]) && fragment.Is(tokens[first + 1], "if")) return true;

        // ... (*name)(
        if (paren + 4 <= last && tokens[paren + 1].IsSymbol('*') && IsWord(tokens[paren + 2]) && tokens[paren + 3].IsSymbol(')')
            && tokens[paren + 4].IsSymbol('('))
            return IsDeclaration(fragment, first, paren);

        // [declaration] name(
        if (IsWord(tokens[paren - 1]) && IsDeclaration(fragment, first, paren - 1)) return true;

        // *lvalue = name(
        return IsAssignmentFromCall(fragment, first, paren);
    }

    /// <summary>Tokens [<paramref name="from"/>, <paramref name="to"/>) read as a type, with storage class and pointers (empty is fine).</summary>
    private static bool IsDeclaration(CFragment fragment, int from, int to)
    {
        if (from == to) return true;
        var tokens = fragment.Tokens;
        // typedef is not a type: checkpatch leaves function-pointer typedefs alone.
        if (!IsWord(tokens[from]) || IsStatementKeyword(fragment, tokens[from]) || fragment.Is(tokens[from], "typedef")) return false;
        var types = 0;
        for (var t = from; t < to; t++)
        {
            var token = tokens[t];
            if (token.IsSymbol('*')) continue;
            if (!IsWord(token) || IsStatementKeyword(fragment, token)) return false;
            if (!IsStorageOrInline(fragment, token)) types++;
        }

        return types > 0;
    }

    /// <summary><c>*</c>… lvalue (<c>a</c>, <c>a-&gt;b.c[i]</c>) <c>=</c> name, ending right before <paramref name="paren"/>.</summary>
    private static bool IsAssignmentFromCall(CFragment fragment, int first, int paren)
    {
        var tokens = fragment.Tokens;
        var t = first;
        while (t < paren && tokens[t].IsSymbol('*')) t++;
        if (t >= paren || !IsWord(tokens[t])) return false;
        t++;
        while (t < paren)
        {
            var token = tokens[t];
            if (token.Kind == CTokenKind.Operator && (fragment.Is(token, "->") || fragment.Is(token, ".")) && t + 1 < paren && IsWord(tokens[t + 1]))
            {
                t += 2;
                continue;
            }

            if (token.IsSymbol('['))
            {
                var close = fragment.Structure.MatchOf(t);
                if (close < 0 || close >= paren) return false;
                t = close + 1;
                continue;
            }

            break;
        }

        return t + 2 == paren && tokens[t].IsSymbol('=') && IsWord(tokens[t + 1]);
    }

    private static bool IsWord(in CToken token) => token.Kind is CTokenKind.Identifier or CTokenKind.Keyword;

    /// <summary>checkpatch's C90 statement keywords, which never start a declaration.</summary>
    private static bool IsStatementKeyword(CFragment fragment, in CToken token) =>
        token.Kind == CTokenKind.Keyword && fragment.TextOf(token) is "do" or "for" or "while" or "if" or "else" or "return" or "goto"
            or "continue" or "switch" or "default" or "case" or "break";

    private static bool IsStorageOrInline(CFragment fragment, in CToken token) =>
        fragment.TextOf(token) is "static" or "extern" or "asmlinkage" or "inline" or "__always_inline" or "noinline" or "__inline"
            or "__inline__" or "const";

    private static int LeadingTabs(ReadOnlySpan<char> text)
    {
        var n = 0;
        while (n < text.Length && text[n] == '\t') n++;
        return n;
    }

    private static int LeadingBlanks(ReadOnlySpan<char> text)
    {
        var n = 0;
        while (n < text.Length && text[n] is ' ' or '\t') n++;
        return n;
    }

    /// <summary>The width of characters [<paramref name="from"/>, <paramref name="to"/>) of <paramref name="text"/>, tabs expanded from <paramref name="from"/>.</summary>
    private static int VisualColumn(ReadOnlySpan<char> text, int from, int to, int tabWidth)
    {
        var width = 0;
        for (var i = from; i < to; i++) width += text[i] == '\t' ? tabWidth - width % tabWidth : 1;
        return width;
    }

    /// <summary>
    /// The indentation is the opening line's <paramref name="tabs"/> tabs followed by <paramref name="column"/>
    /// columns as tabs then spaces, or as spaces only.
    /// </summary>
    private static bool IsAligned(ReadOnlySpan<char> indent, int tabs, int column, int tabWidth)
    {
        if (indent.Length < tabs || indent[..tabs].ContainsAnyExcept('\t')) return false;
        var rest = indent[tabs..];
        if (rest.Length == column && !rest.ContainsAnyExcept(' ')) return true;
        var tabCount = column / tabWidth;
        var spaces = column % tabWidth;
        return rest.Length == tabCount + spaces && !rest[..tabCount].ContainsAnyExcept('\t') && !rest[tabCount..].ContainsAnyExcept(' ');
    }
}
