using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reads a C type name from the tokens, as checkpatch's type pattern reads it: qualifiers, a type, then <c>*</c>, <c>const</c> and <c>[]</c>.</summary>
internal static class TypeName
{
    /// <summary>
    /// Reads a type starting at token <paramref name="first"/>, not going past <paramref name="end"/> (exclusive):
    /// attributes, then <c>struct/union/enum name</c>, <c>typeof(...)</c>, a run of C type words, a known typedef
    /// name or (with <paramref name="allowUnknownName"/>) any identifier, then <c>*</c>, attributes and <c>[]</c>.
    /// <paramref name="after"/> is the first code token past the type (or <paramref name="end"/>).
    /// </summary>
    public static bool TryRead(CFragment fragment, int first, int end, bool allowUnknownName, out int after) =>
        TryRead(fragment, first, end, allowUnknownName, out after, out _);

    /// <inheritdoc cref="TryRead(CFragment, int, int, bool, out int)"/>
    /// <param name="pointers">How many <c>*</c> follow the type name.</param>
    public static bool TryRead(CFragment fragment, int first, int end, bool allowUnknownName, out int after, out int pointers)
    {
        after = -1;
        pointers = 0;
        var tokens = fragment.Tokens;
        var t = SkipAttributes(fragment, first, end);
        if (t >= end || tokens[t].Kind is not (CTokenKind.Identifier or CTokenKind.Keyword)) return false;
        var text = fragment.TextOf(tokens[t]);
        if (text is "struct" or "union" or "enum")
        {
            t = Next(fragment, t, end);
            if (t >= end || tokens[t].Kind != CTokenKind.Identifier) return false;
            t = Next(fragment, t, end);
        }
        else if (text is "typeof" or "__typeof__")
        {
            var open = Next(fragment, t, end);
            if (open >= end || !tokens[open].IsSymbol('(')) return false;
            var close = fragment.Structure.MatchOf(open);
            if (close < 0 || close >= end) return false;
            t = Next(fragment, close, end);
        }
        else if (DeclarationLine.IsBasicTypeWord(text))
        {
            while (t < end && tokens[t].Kind == CTokenKind.Keyword && DeclarationLine.IsBasicTypeWord(fragment.TextOf(tokens[t])))
            {
                t = SkipAttributes(fragment, Next(fragment, t, end), end);
            }
        }
        else if (tokens[t].Kind == CTokenKind.Identifier && (allowUnknownName || TypedefNames.IsTypeName(text)))
        {
            t = Next(fragment, t, end);
        }
        else
        {
            return false;
        }

        while (true)
        {
            t = SkipAttributes(fragment, t, end);
            if (t >= end) break;
            if (tokens[t].IsSymbol('*'))
            {
                pointers++;
                t = Next(fragment, t, end);
            }
            else if (tokens[t].IsSymbol('[') && Next(fragment, t, end) is var close && close < end && tokens[close].IsSymbol(']'))
            {
                t = Next(fragment, close, end);
            }
            else
            {
                break;
            }
        }

        after = t;
        return true;
    }

    private static int SkipAttributes(CFragment fragment, int t, int end)
    {
        while (t < end && fragment.Tokens[t].Kind is CTokenKind.Identifier or CTokenKind.Keyword
            && DeclarationLine.IsAttribute(fragment.TextOf(fragment.Tokens[t])))
        {
            t = Next(fragment, t, end);
        }

        return t;
    }

    private static int Next(CFragment fragment, int t, int end)
    {
        var next = CodeTokens.Next(fragment, t);
        return next < 0 || next > end ? end : next;
    }
}
