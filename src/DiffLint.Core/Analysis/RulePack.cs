using System.Collections.Immutable;
using DiffLint.Core.Model;

namespace DiffLint.Core.Analysis;

/// <summary>
/// Rules from one place: the built-in rules, a rule pack assembly (<c>--rules</c>, <c>difflint_rule_packs</c>) or a
/// compiled single-file rule (<c>--rule-source</c>, <c>difflint_rule_sources</c>).
/// </summary>
public sealed class RulePack
{
    /// <summary>The <see cref="Name"/> of the rules that ship with DiffLint (and of the engine's own DL9001).</summary>
    public const string BuiltInName = "built-in";

    /// <param name="name">What users see the pack as: <see cref="BuiltInName"/>, or the file name of its assembly or source.</param>
    /// <param name="rules">Its rules.</param>
    /// <param name="guardedPaths">
    /// Repository-relative paths (a folder ends with <c>/</c>) that hold the pack or configure it: a patch that adds,
    /// changes or removes one of them is reviewed without this pack, so a patch can neither extend nor rewrite its own
    /// review (the way a patch that touches <c>difflint_resource_pairs</c> files is judged with the built-in pairs).
    /// </param>
    public RulePack(string name, IEnumerable<PatchRule> rules, IEnumerable<string>? guardedPaths = null)
    {
        Name = name;
        Rules = [.. rules];
        GuardedPaths = [.. guardedPaths ?? []];
    }

    public string Name { get; }

    public ImmutableArray<PatchRule> Rules { get; }

    public ImmutableArray<string> GuardedPaths { get; }

    public bool IsBuiltIn => Name == BuiltInName;

    public static RulePack BuiltIn(IEnumerable<PatchRule> rules) => new(BuiltInName, rules);

    /// <summary>Whether <paramref name="patch"/> touches a path that holds or configures the pack (see the constructor).</summary>
    public bool IsTouchedBy(Patch patch)
    {
        if (GuardedPaths.IsEmpty) return false;
        foreach (var file in patch.Files)
        {
            if (Guards(file.OldPath) || Guards(file.NewPath)) return true;
        }

        return false;
    }

    private bool Guards(string? path)
    {
        if (string.IsNullOrEmpty(path)) return false;
        foreach (var guarded in GuardedPaths)
        {
            if (guarded.EndsWith('/') ? path.StartsWith(guarded, StringComparison.Ordinal) : path == guarded) return true;
        }

        return false;
    }

    public override string ToString() => Name;
}

/// <summary>A rule pack that cannot be used: which pack, and what failed (one line).</summary>
public class RulePackException(string pack, string problem, Exception? inner = null) : Exception($"rule pack {pack}: {problem}", inner)
{
    /// <summary>The pack as the user named it (its path), or its name.</summary>
    public string Pack { get; } = pack;
}
