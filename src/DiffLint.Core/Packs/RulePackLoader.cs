using System.Reflection;
using DiffLint.Core.Analysis;

namespace DiffLint.Core.Packs;

/// <summary>Loads the rules of a rule pack assembly, each pack in a load context of its own (<see cref="RulePackLoadContext"/>).</summary>
public static class RulePackLoader
{
    /// <summary>
    /// The rules of the assembly at <paramref name="path"/>: its classes marked <see cref="DiffLintRuleAttribute"/>.
    /// </summary>
    /// <param name="path">The assembly.</param>
    /// <param name="displayName">How errors name the pack (the path as the user wrote it).</param>
    /// <param name="guardedPaths">See <see cref="RulePack(string, IEnumerable{PatchRule}, IEnumerable{string})"/>.</param>
    /// <exception cref="RulePackException">The file is missing or not a .NET assembly, or has no usable rule.</exception>
    public static RulePack Load(string path, string displayName, IEnumerable<string>? guardedPaths = null)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new RulePackException(displayName, Directory.Exists(full) ? "is a directory, not an assembly" : "no such file");
        var name = Path.GetFileName(full);
        Assembly assembly;
        try
        {
            assembly = new RulePackLoadContext(name, full).LoadFromAssemblyPath(full);
        }
        catch (BadImageFormatException)
        {
            throw new RulePackException(displayName, "not a .NET assembly");
        }
        catch (Exception ex) when (ex is FileLoadException or IOException or UnauthorizedAccessException)
        {
            throw new RulePackException(displayName, $"cannot be loaded: {ex.Message}", ex);
        }

        return new RulePack(name, FindRules(assembly, displayName), guardedPaths);
    }

    /// <summary>The rules of a loaded pack assembly; at least one.</summary>
    internal static IReadOnlyList<PatchRule> FindRules(Assembly assembly, string displayName)
    {
        IReadOnlyList<PatchRule> rules;
        try
        {
            rules = RuleDiscovery.Find(assembly);
        }
        catch (RuleDiscoveryException ex)
        {
            throw new RulePackException(displayName, ex.Message, ex);
        }

        if (rules.Count > 0) return rules;
        var unmarked = RuleDiscovery.Unmarked(assembly);
        throw new RulePackException(displayName, unmarked.IsEmpty
            ? "no rules: no class deriving from PatchRule is marked [DiffLintRule]"
            : $"no rules: {string.Join(", ", unmarked.Select(t => t.Name))} derive{(unmarked.Length == 1 ? "s" : "")} from PatchRule but lack{(unmarked.Length == 1 ? "s" : "")} [DiffLintRule]");
    }
}
