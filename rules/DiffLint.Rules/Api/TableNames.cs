namespace DiffLint.Rules.Api;

/// <summary>The names of a rule's table, for the engine's registrations.</summary>
internal static class TableNames
{
    /// <summary>
    /// The keys of <paramref name="table"/>, copied by a loop: a collection expression (<c>[.. table.Keys]</c>) copies
    /// through the key collection's interface, generic code over the value type that a precompiled build lacks and
    /// JIT-compiles at every start.
    /// </summary>
    public static string[] Of<TValue>(Dictionary<string, TValue> table)
    {
        var names = new string[table.Count];
        var n = 0;
        foreach (var name in table.Keys) names[n++] = name;
        return names;
    }
}
