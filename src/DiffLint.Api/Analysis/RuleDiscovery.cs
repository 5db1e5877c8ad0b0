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
        var order = new string[rules.Count];
        for (var r = 0; r < rules.Count; r++)
        {
            var type = rules[r].GetType();
            try
            {
                // The first ID, then the class name: '\0' sorts before every character of an ID, so a shorter ID that
                // is a prefix of another still comes first.
                order[r] = FirstId(rules[r]) + "\0" + type.FullName;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new RuleDiscoveryException($"the SupportedDiagnostics of {type.FullName} threw {ex.GetType().Name}: {ex.Message}", ex);
            }
        }

        // Sorted by key with arrays of references: a LINQ sort of (rule, ID) pairs is generic code over a value type that
        // a precompiled build lacks and JIT-compiles at every start.
        var sorted = rules.ToArray();
        Array.Sort(order, sorted, StringComparer.Ordinal);
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

    private static string FirstId(PatchRule rule) =>
        rule.SupportedDiagnostics.IsDefaultOrEmpty ? "" : rule.SupportedDiagnostics.Select(d => d.Id).Min(StringComparer.Ordinal)!;
}

/// <summary>Why the rules of an assembly could not be found or made.</summary>
public sealed class RuleDiscoveryException(string message, Exception? inner = null) : Exception(message, inner);
