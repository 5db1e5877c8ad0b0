using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// Kernel checkpatch's <c>$Lval</c> read on tokens: a name followed by <c>-&gt;x</c>, <c>.x</c> and <c>[i]</c> members,
/// all written without blanks, on one line.
/// </summary>
internal static class LvalTokens
{
    public static bool IsMemberOperator(CFragment fragment, in CToken token) =>
        token.Kind == CTokenKind.Operator && (token.IsSymbol('.') || fragment.Is(token, "->"));

    /// <summary>
    /// The first token of the name, with its <c>-&gt;x</c>, <c>.x</c> and <c>[i]</c> members written without blanks,
    /// that ends at token <paramref name="last"/>; -1 when no name ends there.
    /// </summary>
    public static int Start(CFragment fragment, int last)
    {
        var tokens = fragment.Tokens;
        var at = last;
        while (at >= 0)
        {
            var token = tokens[at];
            if (token.IsSymbol(']'))
            {
                var open = fragment.Structure.MatchOf(at);
                if (open <= 0 || tokens[open].Line != token.Line) return -1;
                at = Touching(fragment, open);
                if (at < 0) return -1;
                continue;
            }

            if (token.Kind is not (CTokenKind.Identifier or CTokenKind.Keyword)) return -1;
            var member = Touching(fragment, at);
            if (member < 0 || !IsMemberOperator(fragment, tokens[member])) return at;
            var owner = Touching(fragment, member);
            if (owner < 0 || !(tokens[owner].Kind is CTokenKind.Identifier or CTokenKind.Keyword || tokens[owner].IsSymbol(']'))) return at;
            at = owner;
        }

        return -1;
    }

    /// <summary>The last token of the name and members written without blanks that starts at token <paramref name="first"/>.</summary>
    public static int End(CFragment fragment, int first)
    {
        var tokens = fragment.Tokens;
        var end = first;
        while (true)
        {
            var next = TouchingAfter(fragment, end);
            if (next < 0) return end;
            if (tokens[next].IsSymbol('['))
            {
                var close = fragment.Structure.MatchOf(next);
                if (close < 0 || tokens[close].Line != tokens[next].Line) return end;
                end = close;
                continue;
            }

            if (!IsMemberOperator(fragment, tokens[next])) return end;
            var name = TouchingAfter(fragment, next);
            if (name < 0 || tokens[name].Kind is not (CTokenKind.Identifier or CTokenKind.Keyword)) return end;
            end = name;
        }
    }

    /// <summary>The token right before <paramref name="index"/> with no blank between them, or -1.</summary>
    public static int Touching(CFragment fragment, int index)
    {
        var before = TypeWords.Adjacent(fragment, index);
        return before >= 0 && fragment.Tokens[before].End == fragment.Tokens[index].Start ? before : -1;
    }

    /// <summary>The token right after <paramref name="index"/> with no blank between them, or -1.</summary>
    public static int TouchingAfter(CFragment fragment, int index)
    {
        var after = TypeWords.AdjacentAfter(fragment, index);
        return after >= 0 && fragment.Tokens[index].End == fragment.Tokens[after].Start ? after : -1;
    }
}
