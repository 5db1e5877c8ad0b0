namespace DiffLint.Rules;

/// <summary>
/// The spellings a rule registers its code actions for, as arrays. The registrations take <c>params
/// ReadOnlySpan&lt;string&gt;</c>, for which the compiler passes a few strings in an inline array of their count:
/// generic code (one method per count, 2 to 11 here) that a precompiled build lacks and JIT-compiles at every start.
/// </summary>
internal static class RegisteredNames
{
    /// <summary>The spellings, as an array (which the registration reads as a span).</summary>
    public static string[] Of(params string[] spellings) => spellings;

    /// <summary>
    /// The keys of <paramref name="table"/>, copied by a loop: a collection expression (<c>[.. table.Keys]</c>) copies
    /// through the key collection's interface, generic code over the value type that a precompiled build lacks.
    /// </summary>
    public static string[] KeysOf<TValue>(Dictionary<string, TValue> table)
    {
        var names = new string[table.Count];
        var n = 0;
        foreach (var name in table.Keys) names[n++] = name;
        return names;
    }

    /// <summary>
    /// Every concatenation of one string from each of <paramref name="parts"/>, the first part varying slowest: the
    /// spellings a checkpatch pattern such as <c>(?:devm_)?(k|kv)?calloc</c> stands for. Loops, not a LINQ query: the
    /// query's SelectMany instantiations are JIT-compiled at every start (about 2 ms of a one-patch run for the first
    /// rule that used one).
    /// </summary>
    public static string[] Combinations(params string[][] parts)
    {
        string[] names = [""];
        foreach (var part in parts)
        {
            var longer = new string[names.Length * part.Length];
            var n = 0;
            foreach (var start in names)
            {
                foreach (var end in part) longer[n++] = start + end;
            }

            names = longer;
        }

        return names;
    }
}
