namespace DiffLint.Core.CSyntax;

/// <summary>Calls in a token sequence: whether a name is called, and where its argument list closes.</summary>
public static class CallSyntax
{
    /// <summary>
    /// True when the identifier at <paramref name="name"/> is called: followed by '(' and not a member
    /// (<c>ops.free(</c>, <c>s-&gt;free(</c>) nor a declaration's name (<c>void free(</c>, <c>QEMUBH *bh_new(</c>).
    /// </summary>
    public static bool IsCall(CFragment fragment, ReadOnlySpan<CToken> tokens, int name)
    {
        if (name + 1 >= tokens.Length || !tokens[name + 1].IsSymbol('(')) return false;
        if (name == 0) return true;
        ref readonly var before = ref tokens[name - 1];
        if (before.IsSymbol('.') || fragment.Is(before, "->")) return false;
        if (before.Kind == CTokenKind.Identifier) return false;
        if (before.IsSymbol('*')) return !IsPointerDeclarator(fragment, tokens, name - 1);
        return before.Kind != CTokenKind.Keyword || IsExpressionKeyword(fragment, before);
    }

    private static bool IsExpressionKeyword(CFragment fragment, in CToken keyword) =>
        fragment.Is(keyword, "return") || fragment.Is(keyword, "else") || fragment.Is(keyword, "case") ||
        fragment.Is(keyword, "do") || fragment.Is(keyword, "sizeof");

    /// <summary>
    /// True when the '*' at <paramref name="star"/> makes a declarator: <c>QEMUBH *bh_new(</c>, <c>static char **f(</c>,
    /// the stars preceded by type words only, back to the start of a statement. <c>x = a * f(y)</c> is a product.
    /// </summary>
    private static bool IsPointerDeclarator(CFragment fragment, ReadOnlySpan<CToken> tokens, int star)
    {
        var t = star;
        while (t >= 0 && tokens[t].IsSymbol('*')) t--;
        var words = 0;
        for (; t >= 0; t--)
        {
            ref readonly var token = ref tokens[t];
            if (!token.IsCode) continue;
            if (token.Kind == CTokenKind.Identifier || (token.Kind == CTokenKind.Keyword && !IsExpressionKeyword(fragment, token)))
            {
                words++;
                continue;
            }

            return words > 0 && (token.IsSymbol(';') || token.IsSymbol('{') || token.IsSymbol('}'));
        }

        return words > 0;
    }

    /// <summary>The index of the ')' closing the '(' at <paramref name="open"/>, or -1 when it is not in the fragment.</summary>
    public static int Close(ReadOnlySpan<CToken> tokens, int open)
    {
        var depth = 0;
        for (var t = open; t < tokens.Length; t++)
        {
            if (tokens[t].IsSymbol('(')) depth++;
            else if (tokens[t].IsSymbol(')') && --depth == 0) return t;
        }

        return -1;
    }
}
