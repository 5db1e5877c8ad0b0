namespace DiffLint.Core.CSyntax;

/// <summary>
/// checkpatch tests a line once per check, so a check is reported once per line however often the line matches. A
/// rule called for each matching token reports the first match of its line only: it asks whether an earlier token of
/// the line matches too. The question is asked only when the token matches, so the cost is paid on findings, not on
/// every token.
/// </summary>
public static class FirstOnLine
{
    /// <summary>True when the code token at <paramref name="index"/> of a line's <paramref name="code"/> is a match.</summary>
    public delegate bool CodeMatch(CFragment fragment, ReadOnlySpan<CToken> code, int index);

    /// <summary>True when no code token of the line before <paramref name="index"/> (an index into <paramref name="code"/>) is a match.</summary>
    /// <remarks>Read backwards, so each match reads back to the one before it only, and a line's matches cost its length.</remarks>
    public static bool Is(CodeMatch match, CFragment fragment, ReadOnlySpan<CToken> code, int index)
    {
        for (var t = index - 1; t >= 0; t--)
        {
            if (match(fragment, code, t)) return false;
        }

        return true;
    }

    /// <summary>
    /// The index in <paramref name="code"/> of the line's first match, or -1: for a line action registered for the
    /// words a match needs (<see cref="Analysis.RuleRegistration.RegisterCodeLineAction(System.Action{Analysis.CodeLineContext}, ReadOnlySpan{string})"/>).
    /// </summary>
    public static int IndexOf(CodeMatch match, CFragment fragment, ReadOnlySpan<CToken> code)
    {
        for (var t = 0; t < code.Length; t++)
        {
            if (match(fragment, code, t)) return t;
        }

        return -1;
    }

    /// <summary>True when no token before <paramref name="index"/> (an index into <see cref="CFragment.Tokens"/>) on its line satisfies <paramref name="qualifies"/>.</summary>
    public static bool Is(CFragment fragment, int index, Func<CFragment, int, bool> qualifies)
    {
        var tokens = fragment.Tokens;
        var first = fragment.Lines.ItemRef(tokens.ItemRef(index).Line).FirstToken;
        for (var t = index - 1; t >= first; t--)
        {
            if (qualifies(fragment, t)) return false;
        }

        return true;
    }
}
