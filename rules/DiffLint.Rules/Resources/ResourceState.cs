using System.Collections.Immutable;
using System.Runtime.InteropServices;

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

    /// <summary>Not held: the variable was reset (<c>p = NULL</c>) after its release, or nothing is known to be in it.</summary>
    NotHeld,

    /// <summary>Not held because its check said the acquire failed: the variable holds the failure value (NULL, -1, an ERR_PTR).</summary>
    Failed,

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
}

/// <summary>The resources of one path, by key. Immutable; equal states (paths ignored) merge.</summary>
/// <remarks>
/// A path follows a few resources at most: they are kept in an array sorted by key and copied on change, which is
/// cheaper than a tree to build, look up, compare and walk. Setting a resource equal to the one held (equality
/// ignores <see cref="TrackedResource.Path"/>) keeps the one held, as the immutable dictionary this replaces did.
/// </remarks>
internal sealed class ResourceState : IEquatable<ResourceState>
{
    public static readonly ResourceState Empty = new([]);

    private readonly TrackedResource[] _resources;

    private ResourceState(TrackedResource[] resources) => _resources = resources;

    /// <summary>The resources, in key order.</summary>
    public ReadOnlySpan<TrackedResource> Resources => _resources;

    public bool IsEmpty => _resources.Length == 0;

    public bool Follows(string key) => IndexOf(key) >= 0;

    /// <summary>Whether <paramref name="name"/> holds the status of an acquire this path follows (<c>ret = acquire(&amp;x)</c>).</summary>
    public bool IsStatusVariable(string name)
    {
        foreach (var resource in _resources)
        {
            if (resource.StatusVariable == name) return true;
        }

        return false;
    }

    public TrackedResource? this[string key] => IndexOf(key) is var index and >= 0 ? _resources[index] : null;

    public ResourceState With(TrackedResource resource)
    {
        var index = IndexOf(resource.Key);
        TrackedResource[] resources;
        if (index >= 0)
        {
            if (_resources[index].Equals(resource)) return this;
            resources = (TrackedResource[])_resources.Clone();
            resources[index] = resource;
        }
        else
        {
            var at = ~index;
            resources = new TrackedResource[_resources.Length + 1];
            _resources.AsSpan(0, at).CopyTo(resources);
            resources[at] = resource;
            _resources.AsSpan(at).CopyTo(resources.AsSpan(at + 1));
        }

        return new ResourceState(resources);
    }

    /// <summary>The resource's index, or the bitwise complement of where it would go.</summary>
    private int IndexOf(string key)
    {
        var low = 0;
        var high = _resources.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var order = string.CompareOrdinal(_resources[middle].Key, key);
            if (order == 0) return middle;
            if (order < 0) low = middle + 1;
            else high = middle - 1;
        }

        return ~low;
    }

    public bool Equals(ResourceState? other)
    {
        if (other is null || other._resources.Length != _resources.Length) return false;
        for (var i = 0; i < _resources.Length; i++)
        {
            if (!_resources[i].Equals(other._resources[i])) return false;
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ResourceState);

    public override int GetHashCode()
    {
        var hash = _resources.Length;
        foreach (var resource in _resources) hash ^= resource.GetHashCode();
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

    // Most sets hold a path or two: they are compared one by one, and hashed only past this many.
    private const int HashedFrom = 8;

    private List<ResourceState>? _states;
    private HashSet<ResourceState>? _seen;

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

    public int Count => _states?.Count ?? 0;

    public bool IsEmpty => Count == 0;

    public ReadOnlySpan<ResourceState> States => CollectionsMarshal.AsSpan(_states);

    /// <summary>No path follows any resource (most conditions of most functions).</summary>
    public bool FollowsNothing
    {
        get
        {
            if (_states is null) return true;
            foreach (var state in _states)
            {
                if (!state.IsEmpty) return false;
            }

            return true;
        }
    }

    public void Add(ResourceState state)
    {
        _states ??= [];
        if (_states.Count >= MaxPaths || !IsNew(state)) return;
        _states.Add(state);
    }

    private bool IsNew(ResourceState state)
    {
        if (_seen is not null) return _seen.Add(state);
        foreach (var known in _states!)
        {
            if (known.Equals(state)) return false;
        }

        if (_states.Count + 1 >= HashedFrom) _seen = [.. _states, state];
        return true;
    }

    public void AddRange(PathSet other)
    {
        if (other._states is null) return;
        foreach (var state in other._states) Add(state);
    }

    /// <summary>
    /// Maps every path with <paramref name="map"/> (given <paramref name="argument"/>); when nothing changes (the common
    /// case: a statement that touches no resource) the set itself is returned.
    /// </summary>
    public PathSet Select<TArgument>(Func<ResourceState, TArgument, ResourceState> map, TArgument argument)
    {
        PathSet? result = null;
        var states = _states;
        for (var i = 0; i < Count; i++)
        {
            var mapped = map(states![i], argument);
            if (result is null)
            {
                if (ReferenceEquals(mapped, states[i])) continue;
                result = new PathSet();
                for (var k = 0; k < i; k++) result.Add(states[k]);
            }

            result.Add(mapped);
        }

        return result ?? this;
    }
}
