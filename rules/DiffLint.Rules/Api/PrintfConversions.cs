using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>
/// checkpatch's reading of printf conversions in a string literal's text (any string, as its line checks read them):
/// a <c>%</c> followed by flags, width and precision (<c>* digits . $</c>) and the conversion, with <c>%%</c> not a
/// conversion.
/// </summary>
internal static class PrintfConversions
{
    /// <summary>
    /// The first integer conversion (<c>d i o u x X</c>) of the literal written with length modifier
    /// <paramref name="modifier"/> right before it (<c>%Lu</c>, <c>%08Zx</c>), as that conversion letter; null when none.
    /// </summary>
    public static char? WithModifier(CFragment fragment, in CToken literal, char modifier)
    {
        var text = Content(fragment, literal);
        for (var at = NextPercent(text, 0); at >= 0; at = NextPercent(text, at + 1))
        {
            var end = SkipWidth(text, at + 1, lengthModifiers: false);
            if (end + 1 < text.Length && text[end] == modifier && text[end + 1] is 'd' or 'i' or 'o' or 'u' or 'x' or 'X') return text[end + 1];
        }

        return null;
    }

    /// <summary>True when the literal holds <c>0x</c> right before a decimal conversion (<c>0x%d</c>, <c>0x%08lu</c>).</summary>
    public static bool HasHexPrefixedDecimal(CFragment fragment, in CToken literal)
    {
        var text = Content(fragment, literal);
        for (var at = NextPercent(text, 0); at >= 0; at = NextPercent(text, at + 1))
        {
            if (at < 2 || text[at - 2] != '0' || text[at - 1] != 'x') continue;
            var end = SkipWidth(text, at + 1, lengthModifiers: true);
            if (end < text.Length && text[end] is 'd' or 'i' or 'o' or 'u') return true;
        }

        return false;
    }

    /// <summary>The text between the literal's quotes (after a prefix such as <c>L</c> or <c>u8</c>).</summary>
    private static ReadOnlySpan<char> Content(CFragment fragment, in CToken literal)
    {
        var text = fragment.TextOf(literal);
        var open = text.IndexOf('"');
        if (open < 0) return [];
        text = text[(open + 1)..];
        return text.EndsWith("\"") ? text[..^1] : text;
    }

    /// <summary>
    /// The next '%' from <paramref name="from"/> that starts a conversion, a "%%" pair being skipped as a whole; -1 when
    /// none. Found by a vectorized search: asked for every string literal, and most hold no '%'.
    /// </summary>
    public static int NextPercent(ReadOnlySpan<char> text, int from)
    {
        while (from < text.Length)
        {
            var at = text[from..].IndexOf('%');
            if (at < 0) return -1;
            at += from;
            if (at + 1 >= text.Length || text[at + 1] != '%') return at;
            from = at + 2;
        }

        return -1;
    }

    /// <summary>Past checkpatch's <c>[\*\d\.\$]*</c> (and with <paramref name="lengthModifiers"/> its <c>l z t h</c> too) from <paramref name="at"/>.</summary>
    private static int SkipWidth(ReadOnlySpan<char> text, int at, bool lengthModifiers)
    {
        while (at < text.Length && (text[at] is '*' or '.' or '$' || char.IsAsciiDigit(text[at]) || (lengthModifiers && text[at] is 'l' or 'z' or 't' or 'h')))
            at++;
        return at;
    }
}
