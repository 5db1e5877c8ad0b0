using System.Collections.Frozen;
using System.Collections.Immutable;

namespace DiffLint.Rules.Resources;

/// <summary>What sort of resource a pair manages, which decides what counts as a bug.</summary>
public enum ResourceKind : byte
{
    /// <summary>Memory: a new pointer that must be freed or handed on (malloc/free, g_strdup/g_free).</summary>
    Memory,

    /// <summary>A handle to something outside the process: fd, FILE*, DIR*, socket (open/close, fopen/fclose).</summary>
    Handle,

    /// <summary>A counted reference: returned (of_node_get → of_node_put) or taken on an existing object (object_ref(obj)).</summary>
    Reference,

    /// <summary>A lock held on an object (mutex_lock(&amp;m) → mutex_unlock(&amp;m)) or a global one (rcu_read_lock()).</summary>
    Lock,

    /// <summary>A state switched on and off on an object or globally (clk_prepare_enable/clk_disable_unprepare, EFI_ENTRY/EFI_EXIT).</summary>
    State,
}

/// <summary>How a failed acquire shows, so the failure branch of its check is known to hold nothing.</summary>
public enum AcquireFailure : byte
{
    /// <summary>The acquire cannot fail (kref_get, spin_lock).</summary>
    None,

    /// <summary>Returns NULL (malloc, fopen).</summary>
    Null,

    /// <summary>Returns a negative value (open → -1, asprintf → -1, a negative errno).</summary>
    Negative,

    /// <summary>Returns a non-zero status (an errno, efi_status_t other than EFI_SUCCESS).</summary>
    NonZero,

    /// <summary>Returns false or 0 (mutex_trylock, a bool success).</summary>
    False,

    /// <summary>Returns an <c>ERR_PTR()</c> (checked with IS_ERR).</summary>
    ErrorPointer,

    /// <summary>Returns NULL or an <c>ERR_PTR()</c> (checked with IS_ERR_OR_NULL).</summary>
    ErrorPointerOrNull,
}

/// <summary>
/// Where a call's resource is: its return value (<see cref="Return"/>), its 1-based argument <see cref="Argument"/>
/// (for an acquire, <c>&amp;x</c> names the variable that receives a new resource; any other expression names an
/// object the reference, lock or state is taken on), or nowhere (<see cref="Global"/>: rcu_read_lock()).
/// </summary>
public readonly record struct Carrier(int Argument)
{
    public static readonly Carrier Return = new(0);
    public static readonly Carrier Global = new(-1);

    public bool IsReturn => Argument == 0;
    public bool IsGlobal => Argument < 0;

    public override string ToString() => IsReturn ? "ret" : IsGlobal ? "none" : Argument.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// One acquire/release pair of a pair table (<c>rules/DiffLint.Rules/Resources/Pairs/*.pairs</c>, or a file a
/// repository names in <c>difflint_resource_pairs</c>): a call to <see cref="Acquire"/> makes a resource of
/// <see cref="Kind"/> in <see cref="AcquireCarrier"/>, and a call to <see cref="Release"/> ends it through
/// <see cref="ReleaseCarrier"/>.
/// </summary>
public sealed record ResourcePair(
    string Family,
    ResourceKind Kind,
    string Acquire,
    Carrier AcquireCarrier,
    string Release,
    Carrier ReleaseCarrier,
    AcquireFailure Failure,
    string Source,
    int Line);

/// <summary>A function that takes ownership of (or stores) its argument <see cref="Carrier"/>: list_add, g_hash_table_insert.</summary>
public sealed record OwnershipTransfer(string Function, Carrier Carrier, string Source, int Line);

/// <summary>
/// The pairs DiffLint knows, indexed by function name: the built-in tables, then a repository's own (which may add
/// pairs, or drop a built-in acquire or release with a <c>forget</c> line).
/// </summary>
public sealed class ResourcePairTable
{
    public ResourcePairTable(ImmutableArray<ResourcePair> pairs, ImmutableArray<OwnershipTransfer> transfers)
    {
        Pairs = pairs;
        Transfers = transfers;
        var acquires = new Dictionary<string, ImmutableArray<ResourcePair>>(StringComparer.Ordinal);
        var releases = new Dictionary<string, ImmutableArray<ResourcePair>>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            acquires[pair.Acquire] = acquires.TryGetValue(pair.Acquire, out var a) ? a.Add(pair) : [pair];
            releases[pair.Release] = releases.TryGetValue(pair.Release, out var r) ? r.Add(pair) : [pair];
        }

        Acquires = acquires.ToFrozenDictionary(StringComparer.Ordinal);
        Releases = releases.ToFrozenDictionary(StringComparer.Ordinal);
        Names = acquires.Keys.Concat(releases.Keys).Concat(transfers.Select(t => t.Function)).ToFrozenSet(StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        TransfersByFunction = transfers.GroupBy(t => t.Function, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);
    }

    public ImmutableArray<ResourcePair> Pairs { get; }
    public ImmutableArray<OwnershipTransfer> Transfers { get; }

    /// <summary>Pairs by acquire function (one function may start resources of several pairs: g_strdup → g_free, or g_autofree).</summary>
    public System.Collections.Frozen.FrozenDictionary<string, ImmutableArray<ResourcePair>> Acquires { get; }

    /// <summary>Pairs by release function.</summary>
    public System.Collections.Frozen.FrozenDictionary<string, ImmutableArray<ResourcePair>> Releases { get; }

    public System.Collections.Frozen.FrozenDictionary<string, ImmutableArray<OwnershipTransfer>> TransfersByFunction { get; }

    /// <summary>Every function the table names, looked up by span (the prefilter that spares tokenizing files that call none).</summary>
    public FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Names { get; }
}
