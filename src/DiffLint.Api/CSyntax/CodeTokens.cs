using System.Collections.Immutable;

namespace DiffLint.Core.CSyntax;

/// <summary>Navigation over a fragment's code tokens (comments and line continuations skipped).</summary>
public static class CodeTokens
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

    /// <summary>
    /// The bracket pair right after the code token <paramref name="index"/> (<c>if (...)</c>, <c>return (...)</c>):
    /// the <c>(</c> and its matching <c>)</c>, or false when the next code token is not a <c>(</c> or its match is
    /// not in the fragment.
    /// </summary>
    public static bool TryParenthesesAfter(CFragment fragment, int index, out int open, out int close)
    {
        close = -1;
        open = Next(fragment, index);
        if (open < 0 || !fragment.Tokens[open].IsSymbol('(')) return false;
        close = fragment.Structure.MatchOf(open);
        return close >= 0;
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

    /// <summary>Index of the control whose keyword is token <paramref name="keywordToken"/>, searching from <paramref name="from"/>; -1 if none.</summary>
    public static int IndexOfControl(ImmutableArray<CControl> controls, int from, int keywordToken)
    {
        for (var c = from; c < controls.Length; c++)
        {
            if (controls[c].Keyword == keywordToken) return c;
        }

        return -1;
    }

    /// <summary>
    /// For the if control <paramref name="index"/> of an if/else chain: the if control of the <c>else if</c> arm after
    /// it, or -1; <paramref name="otherwise"/> is the control of the <c>else</c> after it (-1 when none is visible).
    /// </summary>
    public static int NextChainArm(CFragment fragment, ImmutableArray<CControl> controls, int index, out int otherwise)
    {
        otherwise = -1;
        var arm = controls[index];
        if (arm.Trailer < 0) return -1;
        otherwise = IndexOfControl(controls, index + 1, arm.Trailer);
        if (otherwise < 0 || !controls[otherwise].IsElseIf(fragment)) return -1;
        return IndexOfControl(controls, otherwise + 1, controls[otherwise].BodyStart);
    }
}
