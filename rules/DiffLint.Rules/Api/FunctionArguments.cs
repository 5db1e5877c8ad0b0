using DiffLint.Core.CSyntax;
using DiffLint.Rules.Style;

namespace DiffLint.Rules.Api;

/// <summary>
/// checkpatch's <c>$FuncArg</c> read on a line's code tokens: an optional cast to a plain type, then a name with its
/// members or a keyword (after an optional <c>&amp;</c> or <c>*</c>) and an optional argument list (<c>sizeof(x)</c>),
/// a number, or a string literal.
/// </summary>
internal static class FunctionArguments
{
    /// <summary>The index after the argument starting at <paramref name="start"/>, or -1 when no <c>$FuncArg</c> starts there.</summary>
    public static int End(CFragment fragment, ReadOnlySpan<CToken> code, int start)
    {
        var t = CastEnd(fragment, code, start);
        if (t < 0) t = start;
        if (t >= code.Length) return -1;
        if (code[t].Kind is CTokenKind.Number or CTokenKind.String) return t + 1;
        if (code[t].IsSymbol('&') || code[t].IsSymbol('*')) t++;
        // checkpatch's $Ident is any word, so "sizeof(x)" reads as a call.
        var end = t < code.Length && code[t].Kind == CTokenKind.Keyword ? t + 1 : LineCode.LvalueEnd(fragment, code, t);
        if (end < 0) return -1;
        if (end < code.Length && code[end].IsSymbol('('))
        {
            var close = CallSyntax.Close(code, end);
            return close < 0 ? -1 : close + 1;
        }

        return end;
    }

    /// <summary>The index after a cast <c>(type)</c> at <paramref name="start"/> to a type without <c>*</c>, or -1.</summary>
    public static int CastEnd(CFragment fragment, ReadOnlySpan<CToken> code, int start)
    {
        if (start >= code.Length || !code[start].IsSymbol('(')) return -1;
        var t = start + 1;
        var words = 0;
        var named = false;
        while (t < code.Length && code[t].Kind is CTokenKind.Keyword or CTokenKind.Identifier)
        {
            var word = fragment.TextOf(code[t]);
            if (word is "struct" or "union" or "enum")
            {
                if (t + 1 >= code.Length || code[t + 1].Kind != CTokenKind.Identifier) return -1;
                named = true;
                t += 2;
            }
            else if (TokenSpacing.IsTypeKeyword(word))
            {
                t++;
            }
            else if (code[t].Kind == CTokenKind.Identifier && !named && TypedefNames.IsTypeName(word))
            {
                named = true;
                t++;
            }
            else
            {
                return -1;
            }

            words++;
        }

        return words > 0 && t < code.Length && code[t].IsSymbol(')') ? t + 1 : -1;
    }
}
