using DiffLint.Core.Model;

namespace DiffLint.Core.Analysis;

/// <summary>
/// A fact derived from a patch (the trailers read as signatures, the commits its message refers to...) that several
/// rules need: computed once per patch analysis, the first time a rule asks, and shared by the rest, like Roslyn's
/// <c>SourceTextValueProvider</c>. <paramref name="compute"/> must be a pure function of the patch.
/// </summary>
public sealed class PatchValueProvider<TValue>(Func<Patch, TValue> compute)
{
    internal TValue Compute(Patch patch) => compute(patch);
}
