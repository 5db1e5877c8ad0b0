using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>
/// checkpatch tests a line once per check, so a check is reported once per line however often the line matches. The
/// rules called for each matching token report the first match of their line only: they ask whether a code token
/// before theirs matches too.
/// </summary>
internal static class FirstOnLine
{
    /// <summary>True when the code token at <paramref name="index"/> of a line's <paramref name="code"/> is a match.</summary>
    public delegate bool Match(CFragment fragment, ReadOnlySpan<CToken> code, int index);

    /// <summary>True when no code token of the line before <paramref name="index"/> is a match.</summary>
    public static bool Is(Match match, CFragment fragment, ReadOnlySpan<CToken> code, int index)
    {
        for (var t = 0; t < index; t++)
        {
            if (match(fragment, code, t)) return false;
        }

        return true;
    }
}
