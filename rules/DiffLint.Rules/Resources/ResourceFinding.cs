using System.Collections.Immutable;

namespace DiffLint.Rules.Resources;

/// <summary>What went wrong with a resource on a path.</summary>
internal enum ResourceProblem : byte
{
    /// <summary>A new resource reaches an exit still held (DL5001).</summary>
    Leak,

    /// <summary><c>p = realloc(p, n)</c>: when realloc fails the only pointer to the old block is lost (DL5001).</summary>
    ReallocLoses,

    /// <summary>Released twice on one path (DL5002).</summary>
    DoubleRelease,

    /// <summary>Released on a path where its acquire failed, so the release gets the failure value: close(-1) (DL5002).</summary>
    ReleaseAfterFailure,

    /// <summary>Used after its release (DL5003).</summary>
    UseAfterRelease,

    /// <summary>A lock or state still held at an exit, when other exits release it (DL5004).</summary>
    HeldAtExit,

    /// <summary>Released on a path that never acquired it, when the function acquires it on others (DL5004).</summary>
    ReleaseWithoutAcquire,

    /// <summary>The patch takes more references of a family than it drops (DL5005).</summary>
    UnbalancedReference,
}

/// <summary>
/// One problem found in one function: where it is reported (<see cref="Token"/>), the acquire and release involved
/// (token indexes of <see cref="View"/>, -1 when none), and the branches, gotos and loops of the path (<see cref="Path"/>).
/// </summary>
internal sealed record ResourceFinding(
    ResourceProblem Problem,
    CodeView View,
    string Function,
    string Resource,
    ResourcePair Pair,
    int Token,
    int AcquireToken,
    int ReleaseToken,
    ImmutableArray<int> Path)
{
    /// <summary>How the message names the place a leak happens ("this return", "the end of its block, where it goes out of scope"...).</summary>
    public string Exit { get; init; } = "";

    /// <summary>The view <see cref="ReleaseToken"/> indexes: <see cref="View"/>, or the hunk before it that showed an earlier piece of the function.</summary>
    public CodeView ReleaseView { get => field ?? View; init; }
}
