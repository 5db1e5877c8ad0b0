using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Generated;

namespace DiffLint.Rules;

/// <summary>The rules that ship with DiffLint: every class of this assembly marked <see cref="DiffLintRuleAttribute"/>, in ID order.</summary>
/// <remarks>
/// The marked classes are found at build time (<see cref="RuleRegistry"/>, written by DiffLint.Generators), not by
/// reflection at every start: that loaded every type of the assembly and cost a hook about as much as its analysis.
/// </remarks>
public static class BuiltInRules
{
    public static ImmutableArray<PatchRule> All { get; } = RuleDiscovery.InIdOrder(RuleRegistry.Create());
}
