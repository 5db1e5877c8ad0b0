using System.Collections.Immutable;

namespace DiffLint.Core.Analysis;

/// <summary>The rule behind an action: its name (for <c>--stats</c> and DL9001) and the descriptors it may report.</summary>
internal sealed class RuleOwner(string name, ImmutableArray<RuleDescriptor> declared)
{
    public string Name => name;

    /// <summary>The rule's place among the engine's rules: where <c>--stats</c> adds up its time without a lookup per call; -1 for none.</summary>
    public int Index { get; init; } = -1;

    public bool Declares(RuleDescriptor rule)
    {
        foreach (var descriptor in declared)
        {
            if (ReferenceEquals(descriptor, rule)) return true;
        }

        return false;
    }
}
