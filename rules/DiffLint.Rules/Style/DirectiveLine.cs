using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>A preprocessor line as kernel checkpatch's line patterns read it: <c>#</c>, blanks, the name, a blank, the operand.</summary>
internal static class DirectiveLine
{
    /// <summary>
    /// The first operand of <paramref name="directive"/> when that token starts its line, names the directive
    /// <paramref name="name"/> (blanks allowed after the <c>#</c>) and is followed by blanks then a code token on the
    /// line; -1 otherwise.
    /// </summary>
    public static int OperandOf(CTokenContext directive, string name)
    {
        var fragment = directive.Fragment;
        ref readonly var line = ref fragment.Lines.ItemRef(directive.Line);
        if (directive.Index != line.FirstToken || line.TokenCount < 2) return -1;
        var text = directive.Text;
        if (text.Length <= 1 || !text[1..].TrimStart(" \t").SequenceEqual(name)) return -1;
        var operand = TypeWords.AdjacentAfter(fragment, directive.Index);
        return operand >= 0 && TypeWords.SpaceBetween(fragment, directive.Index) ? operand : -1;
    }
}
