using System.Collections.Immutable;
using System.Reflection;

namespace DiffLint.Core.Analysis;

/// <summary>Finds the rules of an assembly: its non-abstract <see cref="PatchRule"/> classes marked <see cref="DiffLintRuleAttribute"/>.</summary>
public static class RuleDiscovery
{
    /// <summary>
    /// One instance of every marked rule class of <paramref name="assembly"/>, ordered by the first ID each declares
    /// (then by class name), so the order does not depend on how the compiler laid the types out.
    /// </summary>
    /// <exception cref="RuleDiscoveryException">A type cannot be loaded, a marked class is not a usable rule, or its constructor throws.</exception>
    public static ImmutableArray<PatchRule> Find(Assembly assembly)
    {
        var rules = new List<PatchRule>();
        foreach (var type in RuleTypes(assembly))
        {
            if (!type.IsDefined(typeof(DiffLintRuleAttribute), inherit: true)) continue;
            if (type.IsAbstract || type.ContainsGenericParameters)
                throw new RuleDiscoveryException($"{type.FullName} is marked [DiffLintRule] but is abstract or generic");
            if (type.GetConstructor(Type.EmptyTypes) is not { } constructor)
                throw new RuleDiscoveryException($"{type.FullName} is marked [DiffLintRule] but has no public parameterless constructor");
            try
            {
                // The constructor found above, not Activator.CreateInstance: each is called once, and the activator's
                // cache (generic code a precompiled build lacks) would be JIT-compiled at every start for nothing.
                rules.Add((PatchRule)constructor.Invoke(null));
            }
            catch (TargetInvocationException ex) when (ex.InnerException is { } inner)
            {
                throw new RuleDiscoveryException($"the constructor of {type.FullName} threw {inner.GetType().Name}: {inner.Message}", inner);
            }
        }

        return InIdOrder(rules);
    }

    /// <summary>
    /// <paramref name="rules"/> ordered by the first ID each declares (then by class name), as <see cref="Find"/> orders
    /// them: for an assembly whose marked classes were listed at build time.
    /// </summary>
    /// <exception cref="RuleDiscoveryException">A rule's <c>SupportedDiagnostics</c> throws.</exception>
    public static ImmutableArray<PatchRule> InIdOrder(IReadOnlyList<PatchRule> rules)
    {
        var firstIds = new string[rules.Count];
        for (var r = 0; r < rules.Count; r++)
        {
            try
            {
                firstIds[r] = FirstId(rules[r]);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new RuleDiscoveryException($"the SupportedDiagnostics of {rules[r].GetType().FullName} threw {ex.GetType().Name}: {ex.Message}", ex);
            }
        }

        // Sorted by the first ID with arrays of references (a LINQ sort of (rule, ID) pairs is generic code over a value
        // type that a precompiled build lacks), then by class name among rules of one first ID. The class names only
        // there: two rules rarely share a first ID, and each type's FullName, built by reflection for the 187 built-in
        // rules on the thread a hook waits for, was ~0.5% of a hook run's CPU samples (perf, published build).
        var sorted = rules.ToArray();
        Array.Sort(firstIds, sorted, StringComparer.Ordinal);
        for (var start = 0; start < sorted.Length;)
        {
            var end = start + 1;
            while (end < sorted.Length && string.Equals(firstIds[end], firstIds[start], StringComparison.Ordinal)) end++;
            if (end - start > 1)
            {
                var names = new string[end - start];
                for (var r = start; r < end; r++) names[r - start] = sorted[r].GetType().FullName ?? "";
                Array.Sort(names, sorted, start, end - start, StringComparer.Ordinal);
            }

            start = end;
        }

        return [.. sorted];
    }

    /// <summary>The non-abstract <see cref="PatchRule"/> classes of <paramref name="assembly"/> that lack the attribute (and so are not run).</summary>
    public static ImmutableArray<Type> Unmarked(Assembly assembly) =>
        [.. RuleTypes(assembly).Where(t => !t.IsAbstract && t.GetCustomAttribute<DiffLintRuleAttribute>() is null)];

    private static IEnumerable<Type> RuleTypes(Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            var first = ex.LoaderExceptions.FirstOrDefault(e => e is not null);
            throw new RuleDiscoveryException($"its types cannot be loaded ({first?.Message ?? ex.Message}); was it built against another DiffLint.Api?", ex);
        }

        return types.Where(t => t.IsClass && typeof(PatchRule).IsAssignableFrom(t));
    }

    // A loop, not Select and Min: LINQ's iterators over each of the 187 built-in rules' descriptors were 1.6% of a hook
    // run's CPU samples (perf, published build), on the thread the hook waits for.
    private static string FirstId(PatchRule rule)
    {
        var declared = rule.SupportedDiagnostics;
        if (declared.IsDefaultOrEmpty) return "";
        var first = declared[0].Id;
        foreach (var descriptor in declared)
        {
            if (string.CompareOrdinal(descriptor.Id, first) < 0) first = descriptor.Id;
        }

        return first;
    }
}

/// <summary>Why the rules of an assembly could not be found or made.</summary>
public sealed class RuleDiscoveryException(string message, Exception? inner = null) : Exception(message, inner);
