using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Navigation over a fragment's code tokens (comments and line continuations skipped) shared by the style rules.</summary>
internal static class CodeTokens
{
    /// <summary>The code token before <paramref name="index"/>, or -1.</summary>
    public static int Previous(CFragment fragment, int index)
    {
        var tokens = fragment.Tokens;
        for (var t = index - 1; t >= 0; t--)
        {
            if (tokens[t].IsCode) return t;
        }

        return -1;
    }

    /// <summary>The code token after <paramref name="index"/>, or -1.</summary>
    public static int Next(CFragment fragment, int index)
    {
        var tokens = fragment.Tokens;
        for (var t = index + 1; t < tokens.Length; t++)
        {
            if (tokens[t].IsCode) return t;
        }

        return -1;
    }

    /// <summary>True when no code token precedes token <paramref name="index"/> on its line.</summary>
    public static bool StartsLine(CFragment fragment, int index)
    {
        var previous = Previous(fragment, index);
        return previous < 0 || fragment.Tokens[previous].Line != fragment.Tokens[index].Line;
    }

    /// <summary>True when no code token follows token <paramref name="index"/> on its line.</summary>
    public static bool EndsLine(CFragment fragment, int index)
    {
        var next = Next(fragment, index);
        return next < 0 || fragment.Tokens[next].Line != fragment.Tokens[index].Line;
    }

    /// <summary>Width of the leading whitespace of line <paramref name="line"/>, tabs counted to the next multiple of <paramref name="tabWidth"/>.</summary>
    public static int IndentOf(CFragment fragment, int line, int tabWidth)
    {
        var text = fragment.Lines[line].Text;
        var width = 0;
        foreach (var c in text)
        {
            if (c == ' ') width++;
            else if (c == '\t') width += tabWidth - width % tabWidth;
            else break;
        }

        return width;
    }

    /// <summary>
    /// A <c>while (...);</c> right after a <c>}</c>: the end of a do-while whose <c>do</c> is before the hunk,
    /// which the structure, not seeing the <c>do</c>, reads as a loop with an empty body.
    /// </summary>
    public static bool IsDoWhileTrailer(CFragment fragment, in CControl control)
    {
        if (control.Kind != CControlKind.While || control.BodyStart < 0 || !fragment.Tokens[control.BodyStart].IsSymbol(';')) return false;
        var before = Previous(fragment, control.Keyword);
        return before >= 0 && fragment.Tokens[before].IsSymbol('}');
    }

    /// <summary>True when token <paramref name="index"/> is on a line the patch writes (neither moved nor re-indented).</summary>
    public static bool IsOnNewLine(CFragment fragment, int index) => fragment.Lines[fragment.Tokens[index].Line].IsNew;
}
