using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Token patterns shared by the API rules.</summary>
internal static class CallSyntax
{
    /// <summary>
    /// True when the identifier at <paramref name="name"/> is called: followed by '(' and not a member
    /// (<c>ops.free(</c>, <c>s-&gt;free(</c>) nor a declaration's name (<c>void free(</c>).
    /// </summary>
    public static bool IsCall(CFragment fragment, ReadOnlySpan<CToken> tokens, int name)
    {
        if (name + 1 >= tokens.Length || !tokens[name + 1].IsSymbol('(')) return false;
        if (name == 0) return true;
        ref readonly var before = ref tokens[name - 1];
        if (before.IsSymbol('.') || fragment.Is(before, "->")) return false;
        if (before.Kind == CTokenKind.Identifier) return false;
        return before.Kind != CTokenKind.Keyword || fragment.Is(before, "return") || fragment.Is(before, "else") ||
               fragment.Is(before, "case") || fragment.Is(before, "do") || fragment.Is(before, "sizeof");
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
