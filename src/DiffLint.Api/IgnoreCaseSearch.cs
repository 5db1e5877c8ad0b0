namespace DiffLint.Core;

/// <summary>
/// <see cref="StringComparison.OrdinalIgnoreCase"/> substring search, fast. DiffLint runs with invariant globalization,
/// where the framework's ordinal case-insensitive <c>IndexOf</c> compares character by character (microseconds for a
/// line; forty times an ordinal search): on every line of every patch that was a few percent of a run. Here a
/// vectorised search for the value's first character in either case finds the candidates, and the framework's own
/// comparison decides each one, so the result is the same.
/// </summary>
public static class IgnoreCaseSearch
{
    /// <summary>The first index of <paramref name="value"/> in <paramref name="text"/>, ignoring case, or -1.</summary>
    public static int IndexOf(ReadOnlySpan<char> text, ReadOnlySpan<char> value)
    {
        if (value.IsEmpty) return 0;
        var first = value[0];
        // Non-ASCII first characters keep the framework's search (a candidate per character, where it is slow).
        if (!char.IsAscii(first)) return text.IndexOf(value, StringComparison.OrdinalIgnoreCase);
        var lower = char.ToLowerInvariant(first);
        var upper = char.ToUpperInvariant(first);
        // The non-ASCII letters that fold to (or from) an ASCII one are candidates too: ı and İ for i, ſ for s, the
        // Kelvin sign for k. The comparison decides them as the framework's search would.
        var other = lower switch { 'i' => '\u0131', 's' => '\u017F', 'k' => '\u212A', _ => lower };
        for (var from = 0; from + value.Length <= text.Length;)
        {
            var rest = text[from..^(value.Length - 1)];
            var at = lower == upper ? rest.IndexOf(first)
                : lower == 'i' ? rest.IndexOfAny(['i', 'I', '\u0131', '\u0130'])
                : other != lower ? rest.IndexOfAny(lower, upper, other)
                : rest.IndexOfAny(lower, upper);
            if (at < 0) return -1;
            at += from;
            if (text.Slice(at, value.Length).Equals(value, StringComparison.OrdinalIgnoreCase)) return at;
            from = at + 1;
        }

        return -1;
    }

    /// <summary>Whether <paramref name="text"/> contains <paramref name="value"/>, ignoring case.</summary>
    public static bool Contains(ReadOnlySpan<char> text, ReadOnlySpan<char> value) => IndexOf(text, value) >= 0;
}
