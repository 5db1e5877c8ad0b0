using System.Text.RegularExpressions;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// Runs of C's integer type words (<c>unsigned long int</c>, <c>int unsigned</c>) on one line, and kernel checkpatch's
/// lists of the orders it calls misordered and of the C90 integer types, matched on a run's text.
/// </summary>
internal static partial class IntegerTypeRuns
{
    private const string Misordered =
        @"char\s+(?:un)?signed|int\s+(?:(?:un)?signed\s+)?short\s|int\s+short(?:\s+(?:un)?signed)|" +
        @"short\s+int(?:\s+(?:un)?signed)|(?:un)?signed\s+int\s+short|short\s+(?:un)?signed|" +
        @"long\s+int\s+(?:un)?signed|int\s+long\s+(?:un)?signed|long\s+(?:un)?signed\s+int|" +
        @"int\s+(?:un)?signed\s+long|int\s+(?:un)?signed|int\s+long\s+long\s+(?:un)?signed|" +
        @"long\s+long\s+int\s+(?:un)?signed|long\s+long\s+(?:un)?signed\s+int|long\s+long\s+(?:un)?signed|long\s+(?:un)?signed";

    private const string C90 =
        @"long\s+long\s+int\s+(?:un)?signed|long\s+long\s+(?:un)?signed\s+int|long\s+long\s+(?:un)?signed|" +
        @"(?:(?:un)?signed\s+)?long\s+long\s+int|(?:(?:un)?signed\s+)?long\s+long|int\s+long\s+long\s+(?:un)?signed|" +
        @"int\s+(?:(?:un)?signed\s+)?long\s+long|long\s+int\s+(?:un)?signed|long\s+(?:un)?signed\s+int|" +
        @"long\s+(?:un)?signed|(?:(?:un)?signed\s+)?long\s+int|(?:(?:un)?signed\s+)?long|int\s+long\s+(?:un)?signed|" +
        @"int\s+(?:(?:un)?signed\s+)?long|int\s+(?:un)?signed|(?:(?:un)?signed\s+)?int";

    // Source-generated (nothing to build at start-up). The runs matched are a few type words, so backtracking is
    // bounded; the timeout is generous because a short one (100 ms before) fired on ordinary runs when the machine
    // was busy, and a timeout is an internal error (DL9001), not a finding.
    /// <summary>Checkpatch's misordered type words, as in its <c>MISORDERED_TYPE</c> check.</summary>
    [GeneratedRegex(@"\b(?:" + Misordered + @")\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    public static partial Regex MisorderedType { get; }

    /// <summary>A misordered type or a C90 integer type, as in checkpatch's <c>UNNECESSARY_INT</c> check.</summary>
    [GeneratedRegex(@"\b(?:(?:" + Misordered + @")|(?:" + C90 + @"))\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    public static partial Regex AnyIntegerType { get; }

    /// <summary>The whole text is one C90 integer type: <c>unsigned long</c>, <c>int</c>, <c>long long int</c>.</summary>
    [GeneratedRegex(@"^(?:" + C90 + @")$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    public static partial Regex C90Type { get; }

    private static bool IsIntegerWord(CFragment fragment, in CToken token) =>
        token.Kind == CTokenKind.Keyword && fragment.TextOf(token) is "char" or "short" or "int" or "long" or "signed" or "unsigned";

    /// <summary>
    /// The run of integer type words starting at token <paramref name="first"/> (which must not continue a run) with
    /// only blanks between them: its last token, or -1 when <paramref name="first"/> does not start one.
    /// </summary>
    public static int RunEnd(CFragment fragment, int first)
    {
        var tokens = fragment.Tokens;
        if (!IsIntegerWord(fragment, tokens[first])) return -1;
        var before = TypeWords.Adjacent(fragment, first);
        if (before >= 0 && IsIntegerWord(fragment, tokens[before])) return -1;
        var end = first;
        while (true)
        {
            var after = TypeWords.AdjacentAfter(fragment, end);
            if (after < 0 || !IsIntegerWord(fragment, tokens[after])) return end;
            end = after;
        }
    }

    /// <summary>
    /// The text checkpatch's patterns read for the run <paramref name="first"/>..<paramref name="last"/>: the words and
    /// the blanks between them, and one blank after the run when there is one (a pattern ends in <c>short\s</c>).
    /// </summary>
    public static string RunText(CFragment fragment, int first, int last)
    {
        var tokens = fragment.Tokens;
        var text = fragment.Lines[tokens[first].Line].Text;
        var end = tokens[last].End;
        if (end < text.Length && text[end] is ' ' or '\t') end++;
        return text[tokens[first].Start..end].ToString();
    }
}
