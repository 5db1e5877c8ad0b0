using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// Reports parentheses around a member access after <c>&amp;</c> or <c>*</c>, around a function pointer before its
/// call, and around a lone comparison or name in an <c>if</c> condition.
/// </summary>
[DiffLintRule]
public sealed class UnnecessaryParenthesesRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3110",
        name: "unnecessary-parentheses",
        title: "Unnecessary parentheses",
        messageFormat: "Unnecessary parentheses around {0}",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "UNNECESSARY_PARENTHESES",
        documentation: """
            ## What it does
            Reports, on added lines, three shapes checkpatch calls unnecessary parentheses:
            - `&(foo->bar)` and `*(foo->bar)`: a name with at least one member access (`->x`, `.x`, `[i]`) in
              parentheses right after `&` or `*` ("Unnecessary parentheses around foo->bar");
            - `(foo->ops)(arg)`: the same inside parentheses before a call, unless an `if` opens them
              ("Unnecessary parentheses around function pointer (foo->ops)"; only the first on a line);
            - in the condition of an `if` that starts the line, a parenthesised name or member chain, optionally
              after `!`, `~` or `&`, alone or compared (`==`, `!=`, `<`, `>`, `<=`, `>=`) with a name, a call, a
              number or a string: `if ((ret == 0) || (len < 4))` ("Unnecessary parentheses around 'ret == 0'").
              A single bare name in parentheses is left alone (it may be a macro argument), and so is a group
              written straight after a word or after `&`, `!` or `~` without a blank (a call, an address, a
              negation). In `drivers/staging/` this third shape is reported only under `--strict`, as in
              checkpatch.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            C's precedence already binds member access tighter than `&`/`*` and comparisons tighter than `&&`/`||`;
            the extra parentheses add noise that strict maintainers ask to drop.

            ## Example
            ```diff
            +	if ((ret == 0) || (len < 4))
            +		memset(&(priv->stats), 0, sizeof(priv->stats));
            ```

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterSymbolAction(AnalyzeAddressOf, RegisteredNames.Of("&", "*"));
        registration.RegisterSymbolAction(AnalyzeFunctionPointer, "(");
        registration.RegisterIdentifierAction(AnalyzeCondition, "if");
    }

    /// <summary><c>&amp;(a-&gt;b)</c>, <c>*(a.b[i])</c>; checkpatch goes on reading the line after the <c>)</c>.</summary>
    private void AnalyzeAddressOf(CTokenContext op)
    {
        var fragment = op.Fragment;
        if (!IsAddressOfMember(fragment, op.Index, out var close) || !IsReadFrom(fragment, op.Index)) return;
        var open = op.Index + 1;
        op.Source.Report(Descriptor, fragment, fragment.Tokens[open], Text(fragment, open + 1, close - 1));
    }

    /// <summary>
    /// <c>&amp;</c> or <c>*</c> at <paramref name="t"/>, then parentheses on its line closing at <paramref name="close"/>
    /// around a name with a member access.
    /// </summary>
    private static bool IsAddressOfMember(CFragment fragment, int t, out int close)
    {
        close = -1;
        var tokens = fragment.Tokens;
        ref readonly var token = ref tokens.ItemRef(t);
        var line = token.Line;
        if (!(token.IsSymbol('&') || token.IsSymbol('*')) || t + 1 >= fragment.Lines.ItemRef(line).EndToken) return false;
        if (!tokens[t + 1].IsSymbol('(')) return false;
        if (token.First == '*' && tokens[t + 1].Start != token.End) return false;
        var open = t + 1;
        close = fragment.Structure.MatchOf(open);
        if (close < 0 || tokens[close].Line != line) return false;
        return LvalueEnd(fragment, open + 1, close, requireMember: true) == close - 1;
    }

    /// <summary>Token <paramref name="t"/> is not inside an earlier <c>&amp;(...)</c> of its line, which checkpatch reads past.</summary>
    private static bool IsReadFrom(CFragment fragment, int t)
    {
        var k = fragment.Lines.ItemRef(fragment.Tokens[t].Line).FirstToken;
        while (k < t) k = IsAddressOfMember(fragment, k, out var close) ? close + 1 : k + 1;
        return k == t;
    }

    /// <summary><c>(dev-&gt;ops)(arg)</c>, not after <c>if</c>; checkpatch looks at the first one on a line only.</summary>
    private void AnalyzeFunctionPointer(CTokenContext open)
    {
        var fragment = open.Fragment;
        if (!IsFunctionPointer(fragment, open.Index, out var close) || !FirstOnLine.Is(fragment, open.Index, IsFunctionPointer)) return;
        var before = open.Index - 1;
        var tokens = fragment.Tokens;
        var afterIf = before >= fragment.Lines.ItemRef(open.Line).FirstToken && tokens[before].Kind == CTokenKind.Keyword
            && fragment.Is(tokens[before], "if");
        if (afterIf) return;
        open.Report(Descriptor, "function pointer " + open.LineText[open.Token.Start..tokens[close].End].ToString());
    }

    private static bool IsFunctionPointer(CFragment fragment, int open) => IsFunctionPointer(fragment, open, out _);

    /// <summary>A <c>(</c> at <paramref name="open"/> around a name with a member access, closed on its line at <paramref name="close"/> and called.</summary>
    private static bool IsFunctionPointer(CFragment fragment, int open, out int close)
    {
        var tokens = fragment.Tokens;
        close = -1;
        if (!tokens[open].IsSymbol('(')) return false;
        close = fragment.Structure.MatchOf(open);
        if (close < 0 || close + 1 >= fragment.Lines.ItemRef(tokens[open].Line).EndToken || !tokens[close + 1].IsSymbol('(')) return false;
        return LvalueEnd(fragment, open + 1, close, requireMember: true) == close - 1;
    }

    /// <summary>The parenthesised comparisons and names inside the condition of an <c>if</c> that starts its line.</summary>
    private void AnalyzeCondition(CTokenContext keyword)
    {
        if (keyword.CodeIndex != 0 || keyword.Token.Kind != CTokenKind.Keyword) return;
        var source = keyword.Source;
        if (!source.Configuration.Strict && source.File.Path.StartsWith("drivers/staging/", StringComparison.Ordinal)) return;
        var fragment = keyword.Fragment;
        var tokens = fragment.Tokens;
        var outer = CodeTokens.Next(fragment, keyword.Index);
        if (outer < 0 || !tokens[outer].IsSymbol('(')) return;
        var outerClose = fragment.Structure.MatchOf(outer);
        if (outerClose < 0) return;
        for (var open = outer + 1; open < outerClose; open++)
        {
            if (!tokens[open].IsSymbol('(')) continue;
            var close = fragment.Structure.MatchOf(open);
            if (close < 0 || close > outerClose) return;
            if (!IsFreeStanding(fragment, open, outer)) continue;
            if (!IsSimpleTest(fragment, open + 1, close)) continue;
            if (tokens[open + 1].Line != tokens[close - 1].Line) continue;
            // A single word may be a macro argument: checkpatch leaves it.
            if (close - open == 2 && tokens[open + 1].Kind is CTokenKind.Identifier or CTokenKind.Keyword or CTokenKind.Number) continue;
            keyword.Report(Descriptor, "'" + Text(fragment, open + 1, close - 1) + "'");
            open = close;
        }
    }

    /// <summary>The <c>(</c> is not written straight after a word, <c>&amp;</c>, <c>!</c> or <c>~</c>.</summary>
    private static bool IsFreeStanding(CFragment fragment, int open, int outer)
    {
        if (open == outer + 1) return true;
        var token = fragment.Tokens[open];
        if (token.Start == 0) return true;
        var c = fragment.Lines[token.Line].Text[token.Start - 1];
        return !(char.IsAsciiLetterOrDigit(c) || c is '_' or '&' or '!' or '~');
    }

    /// <summary>
    /// Tokens [<paramref name="from"/>, <paramref name="close"/>) are <c>[&amp;!~] lvalue</c>, optionally followed by a
    /// comparison and a name, a call, a number or a string (checkpatch's <c>$FuncArg</c>, an optional cast first).
    /// </summary>
    private static bool IsSimpleTest(CFragment fragment, int from, int close)
    {
        var tokens = fragment.Tokens;
        var t = from;
        if (t < close && (tokens[t].IsSymbol('&') || tokens[t].IsSymbol('!') || tokens[t].IsSymbol('~'))) t++;
        var end = LvalueEnd(fragment, t, close, requireMember: false);
        if (end < 0) return false;
        t = end + 1;
        if (t == close) return true;
        if (!IsComparison(fragment, tokens[t])) return false;
        t++;
        if (t < close && tokens[t].IsSymbol('('))
        {
            // A cast to a plain type.
            var castClose = fragment.Structure.MatchOf(t);
            if (castClose < 0 || castClose >= close || CDeclarationShape.TypeEnd(fragment, t + 1, castClose) != castClose) return false;
            t = castClose + 1;
        }

        if (t >= close) return false;
        if (tokens[t].Kind is CTokenKind.Number or CTokenKind.String) return t + 1 == close;
        if (tokens[t].IsSymbol('&') || tokens[t].IsSymbol('*')) t++;
        end = LvalueEnd(fragment, t, close, requireMember: false);
        if (end < 0) return false;
        t = end + 1;
        if (t < close && tokens[t].IsSymbol('('))
        {
            var callClose = fragment.Structure.MatchOf(t);
            if (callClose < 0 || callClose >= close) return false;
            t = callClose + 1;
        }

        return t == close;
    }

    private static bool IsComparison(CFragment fragment, in CToken token) =>
        token.Kind == CTokenKind.Operator && (token.IsSymbol('<') || token.IsSymbol('>') || fragment.Is(token, "==") || fragment.Is(token, "!=")
            || fragment.Is(token, "<=") || fragment.Is(token, ">="));

    /// <summary>
    /// The last token of checkpatch's lvalue starting at <paramref name="first"/> and ending before
    /// <paramref name="limit"/>: a name (<c>a ## b</c> joins count as one) then <c>-&gt;x</c>, <c>.x</c> and <c>[...]</c>
    /// written without blanks; -1 when none starts there or (with <paramref name="requireMember"/>) it has no member.
    /// </summary>
    private static int LvalueEnd(CFragment fragment, int first, int limit, bool requireMember)
    {
        var tokens = fragment.Tokens;
        if (first >= limit || !CDeclarationShape.IsWord(tokens[first])) return -1;
        var t = first;
        while (t + 2 < limit && fragment.Is(tokens[t + 1], "##") && CDeclarationShape.IsWord(tokens[t + 2])) t += 2;
        var members = 0;
        while (t + 1 < limit)
        {
            var next = tokens[t + 1];
            if (next.Kind == CTokenKind.Operator && (fragment.Is(next, "->") || fragment.Is(next, ".")) && t + 2 < limit
                && CDeclarationShape.IsWord(tokens[t + 2]) && tokens[t + 2].Start == next.End && next.Start == tokens[t].End)
            {
                t += 2;
                members++;
                continue;
            }

            if (next.IsSymbol('[') && next.Start == tokens[t].End)
            {
                var close = fragment.Structure.MatchOf(t + 1);
                if (close < 0 || close >= limit) return -1;
                t = close;
                members++;
                continue;
            }

            break;
        }

        return requireMember && members == 0 ? -1 : t;
    }

    private static string Text(CFragment fragment, int first, int last)
    {
        var tokens = fragment.Tokens;
        return fragment.Lines[tokens[first].Line].Text[tokens[first].Start..tokens[last].End].ToString();
    }
}
