using System.Collections.Immutable;

namespace DiffLint.Rules.Resources;

/// <summary>What a path knows of one resource.</summary>
internal enum ResourceStatus : byte
{
    /// <summary>Acquired, and whether the acquire failed has not been tested yet.</summary>
    Unchecked,

    /// <summary>Acquired and known to have succeeded.</summary>
    Held,

    /// <summary>Released by a release function.</summary>
    Released,

    /// <summary>Not held: the acquire failed, or the variable was reset (<c>p = NULL</c>) after its release.</summary>
    NotHeld,

    /// <summary>Handed on (returned, stored, passed to an owner), or made unknowable: no longer this function's to release.</summary>
    Escaped,
}

/// <summary>
/// One resource on one path: a variable holding a new resource (<see cref="IsVariable"/>), or an object or global state
/// a lock, reference or state is taken on (<see cref="Key"/> is its normalised expression).
/// </summary>
internal sealed record TrackedResource(
    string Key,
    bool IsVariable,
    ResourcePair Pair,
    ResourceStatus Status,
    int AcquireToken,
    int ReleaseToken,
    bool ReleasedByPair,
    string? StatusVariable,
    ImmutableArray<int> Path)
{
    public bool IsHeld => Status is ResourceStatus.Held or ResourceStatus.Unchecked;

    /// <summary>Equality ignores <see cref="Path"/>, so two paths that agree on every resource merge into one state.</summary>
    public bool Equals(TrackedResource? other) =>
        other is not null && Key == other.Key && IsVariable == other.IsVariable && ReferenceEquals(Pair, other.Pair) &&
        Status == other.Status && AcquireToken == other.AcquireToken && ReleaseToken == other.ReleaseToken &&
        ReleasedByPair == other.ReleasedByPair && StatusVariable == other.StatusVariable;

    public override int GetHashCode() => HashCode.Combine(Key, Status, AcquireToken, ReleaseToken, StatusVariable);

    /// <summary>The same resource with a branch, goto or loop token added to the path that reached it (a few steps are kept).</summary>
    public TrackedResource Through(int token) =>
        Path.Length >= 12 || (Path.Length > 0 && Path[^1] == token) ? this : this with { Path = Path.Add(token) };
}

/// <summary>The resources of one path, by key. Immutable; equal states (paths ignored) merge.</summary>
internal sealed class ResourceState : IEquatable<ResourceState>
{
    public static readonly ResourceState Empty = new(ImmutableDictionary<string, TrackedResource>.Empty.WithComparers(StringComparer.Ordinal));

    private ResourceState(ImmutableDictionary<string, TrackedResource> resources) => Resources = resources;

    public ImmutableDictionary<string, TrackedResource> Resources { get; }

    public TrackedResource? this[string key] => Resources.TryGetValue(key, out var resource) ? resource : null;

    public ResourceState With(TrackedResource resource) => new(Resources.SetItem(resource.Key, resource));

    public ResourceState Through(int token)
    {
        if (Resources.IsEmpty) return this;
        var builder = Resources.ToBuilder();
        foreach (var (key, resource) in Resources)
        {
            if (resource.IsHeld || resource.Status == ResourceStatus.Released) builder[key] = resource.Through(token);
        }

        return new ResourceState(builder.ToImmutable());
    }

    public bool Equals(ResourceState? other)
    {
        if (other is null || other.Resources.Count != Resources.Count) return false;
        foreach (var (key, resource) in Resources)
        {
            if (!other.Resources.TryGetValue(key, out var theirs) || !resource.Equals(theirs)) return false;
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ResourceState);

    public override int GetHashCode()
    {
        var hash = Resources.Count;
        foreach (var (_, resource) in Resources) hash ^= resource.GetHashCode();
        return hash;
    }
}

/// <summary>
/// The states of the paths reaching a point, merged when equal and capped: past <see cref="MaxPaths"/> further paths
/// are dropped, which can only lose findings (the analysis prefers silence to a guess).
/// </summary>
internal sealed class PathSet
{
    public const int MaxPaths = 48;

    private readonly List<ResourceState> _states = [];
    private readonly HashSet<ResourceState> _seen = [];

    public static PathSet Single(ResourceState state)
    {
        var set = new PathSet();
        set.Add(state);
        return set;
    }

    /// <summary>A new set with the paths of both (neither is changed: sets may be shared once <see cref="Select"/> returns its input).</summary>
    public static PathSet Union(PathSet first, PathSet second)
    {
        var union = new PathSet();
        union.AddRange(first);
        union.AddRange(second);
        return union;
    }

    public int Count => _states.Count;

    public bool IsEmpty => _states.Count == 0;

    public IReadOnlyList<ResourceState> States => _states;

    public void Add(ResourceState state)
    {
        if (_states.Count >= MaxPaths || !_seen.Add(state)) return;
        _states.Add(state);
    }

    public void AddRange(PathSet other)
    {
        foreach (var state in other._states) Add(state);
    }

    /// <summary>Maps every path; when nothing changes (the common case: a statement that touches no resource) the set itself is returned.</summary>
    public PathSet Select(Func<ResourceState, ResourceState> map)
    {
        PathSet? result = null;
        for (var i = 0; i < _states.Count; i++)
        {
            var mapped = map(_states[i]);
            if (result is null)
            {
                if (ReferenceEquals(mapped, _states[i])) continue;
                result = new PathSet();
                for (var k = 0; k < i; k++) result.Add(_states[k]);
            }

            result.Add(mapped);
        }

        return result ?? this;
    }
}
