using DiffLint.Core.Model;

namespace DiffLint.Core.Analysis;

/// <summary>
/// A fact derived from a patch (the trailers read as signatures, the commits its message refers to...) that several
/// rules need: computed once per patch analysis, the first time a rule asks, and shared by the rest, like Roslyn's
/// <c>SourceTextValueProvider</c>. The computation must be a pure function of the patch and of what the sink offers
/// (configuration, profile, tree), never of the order in which rules ask.
/// </summary>
public sealed class PatchValueProvider<TValue>
{
    private readonly Func<DiagnosticSink, TValue> _compute;

    public PatchValueProvider(Func<Patch, TValue> compute) => _compute = sink => compute(sink.Patch);

    private PatchValueProvider(Func<DiagnosticSink, TValue> compute) => _compute = compute;

    /// <summary>A fact that also depends on the configuration, the profile or the source tree of the analysis.</summary>
    public static PatchValueProvider<TValue> FromAnalysis(Func<DiagnosticSink, TValue> compute) => new(compute);

    internal TValue Compute(DiagnosticSink sink) => _compute(sink);

    /// <summary>Where a sink keeps this provider's value: providers are few and made once, mostly as static fields.</summary>
    internal int Slot { get; } = PatchValueSlots.Next();
}

/// <summary>Numbers the <see cref="PatchValueProvider{TValue}"/>s of every value type in one sequence.</summary>
internal static class PatchValueSlots
{
    private static int s_count;

    public static int Next() => Interlocked.Increment(ref s_count) - 1;
}
