using System.Collections.Immutable;
using DiffLint.Core.Analysis;

namespace DiffLint.Rules;

/// <summary>The rules that ship with DiffLint: every class of this assembly marked <see cref="DiffLintRuleAttribute"/>, in ID order.</summary>
public static class BuiltInRules
{
    public static ImmutableArray<PatchRule> All { get; } = RuleDiscovery.Find(typeof(BuiltInRules).Assembly);
}
