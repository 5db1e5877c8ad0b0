using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// The statements of a fragment (<see cref="CStructure.Statements"/>) that start on one line, for line actions that
/// judge statements by where they start. Statements are in token order and do not overlap, so a binary search finds them.
/// </summary>
internal static class LineStatements
{
    /// <summary>The statement whose first token is <paramref name="first"/>, or false when none starts there.</summary>
    public static bool TryStartingAt(CFragment fragment, int first, out CStatement statement)
    {
        var statements = fragment.Structure.Statements;
        var at = FirstFrom(fragment, first);
        statement = at < statements.Length ? statements[at] : default;
        return at < statements.Length && statement.First == first;
    }

    /// <summary>
    /// The index in <see cref="CStructure.Statements"/> of the first statement starting at token <paramref name="token"/>
    /// or later (the number of statements when none does).
    /// </summary>
    public static int FirstFrom(CFragment fragment, int token)
    {
        var statements = fragment.Structure.Statements.AsSpan();
        int low = 0, high = statements.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (statements[middle].First < token) low = middle + 1;
            else high = middle;
        }

        return low;
    }
}
