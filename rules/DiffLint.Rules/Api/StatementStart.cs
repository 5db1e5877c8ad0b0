using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>
/// checkpatch reads some checks on the statement that starts at the line it is judging (its <c>$stat</c>) and
/// reports them there: such a rule judges a call only on the line where the call's statement starts.
/// </summary>
internal static class StatementStart
{
    /// <summary>
    /// True when the statement holding the line of token <paramref name="index"/> (code token <paramref name="codeIndex"/>
    /// of the line's <paramref name="code"/>) starts on that line: the code before the line ends a statement, a block, a
    /// control header or a directive, or there is none in the fragment.
    /// </summary>
    public static bool IsOnLineOf(CFragment fragment, int index, int codeIndex)
    {
        var first = index;
        for (var t = codeIndex - 1; t >= 0 && first >= 0; t--) first = CodeTokens.Previous(fragment, first);
        var before = first < 0 ? -1 : CodeTokens.Previous(fragment, first);
        if (before < 0) return true;
        ref readonly var token = ref fragment.Tokens.ItemRef(before);
        return token.InDirective || token.IsSymbol(';') || token.IsSymbol('{') || token.IsSymbol('}') || token.IsSymbol(')');
    }
}
