using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// For rules that report a line once, on the first token that qualifies (as checkpatch, matching a line with one
/// regex, does): a token action told about a qualifying token asks whether an earlier token of its line qualifies too.
/// The question is asked only when the token qualifies, so the cost is paid on findings, not on every token.
/// </summary>
internal static class FirstOnLine
{
    /// <summary>True when no token before <paramref name="index"/> on its line satisfies <paramref name="qualifies"/>.</summary>
    public static bool Is(CFragment fragment, int index, Func<CFragment, int, bool> qualifies)
    {
        var tokens = fragment.Tokens;
        for (var t = fragment.Lines.ItemRef(tokens.ItemRef(index).Line).FirstToken; t < index; t++)
        {
            if (qualifies(fragment, t)) return false;
        }

        return true;
    }
}
