using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// Kernel checkpatch's <c>do { } while (0)</c> macro (its <c>#define NAME(...) do {(.*)} while (0)[;\s]*$</c>): after a
/// bracketed group (the parameters, or a first group of the body), the body is <c>do { ... } while (0)</c> followed
/// only by semicolons.
/// </summary>
internal static class DoWhileZeroMacro
{
    /// <summary>The <c>{</c> after <c>do</c> when <paramref name="macro"/>'s body is such a loop, else -1.</summary>
    public static int BlockOpen(CFragment fragment, in CMacro macro)
    {
        var tokens = fragment.Tokens;
        var structure = fragment.Structure;
        var t = macro.BodyFirst;
        if (t < 0) return -1;
        if (!macro.IsFunctionLike)
        {
            if (!tokens[t].IsSymbol('(')) return -1;
            var group = structure.MatchOf(t);
            if (group < 0 || group >= macro.BodyLast) return -1;
            t = CodeTokens.Next(fragment, group);
        }

        if (!fragment.Is(tokens[t], "do")) return -1;
        var open = CodeTokens.Next(fragment, t);
        if (open < 0 || !tokens[open].IsSymbol('{')) return -1;
        var close = structure.MatchOf(open);
        var keyword = close >= 0 ? CodeTokens.Next(fragment, close) : -1;
        if (keyword < 0 || !fragment.Is(tokens[keyword], "while")) return -1;
        var paren = CodeTokens.Next(fragment, keyword);
        var zero = paren >= 0 ? CodeTokens.Next(fragment, paren) : -1;
        var shut = zero >= 0 ? CodeTokens.Next(fragment, zero) : -1;
        if (shut < 0 || !tokens[paren].IsSymbol('(') || !fragment.Is(tokens[zero], "0") || !tokens[shut].IsSymbol(')')) return -1;
        for (var s = CodeTokens.Next(fragment, shut); s >= 0 && s <= macro.BodyLast; s = CodeTokens.Next(fragment, s))
        {
            if (!tokens[s].IsSymbol(';')) return -1;
        }

        return open;
    }
}
