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

    /// <summary>Returns how many conversions it made (scanf): fewer than its format asks for means some were not made.</summary>
    Count,

    /// <summary>Returns an <c>ERR_PTR()</c> (checked with IS_ERR).</summary>
    ErrorPointer,

    /// <summary>Returns NULL or an <c>ERR_PTR()</c> (checked with IS_ERR_OR_NULL).</summary>
    ErrorPointerOrNull,
}

/// <summary>
/// Where a call's resource is: its return value (<see cref="Return"/>), its 1-based argument <see cref="Argument"/>
/// (for an acquire, <c>&amp;x</c> names the variable that receives a new resource; any other expression names an
/// object the reference, lock or state is taken on), nowhere (<see cref="Global"/>: rcu_read_lock()), or the arguments
/// that the <c>%m</c> conversions of the call's format fill (<see cref="Formatted"/>: <c>sscanf(s, "%ms", &amp;p)</c>).
/// </summary>
public readonly record struct Carrier(int Argument)
{
    public static readonly Carrier Return = new(0);
    public static readonly Carrier Global = new(-1);
    public static readonly Carrier Formatted = new(-2);

    public bool IsReturn => Argument == 0;
    public bool IsGlobal => Argument == -1;
    public bool IsFormatted => Argument == -2;

    public override string ToString() =>
        IsReturn ? "ret" : IsGlobal ? "none" : IsFormatted ? "%m" : Argument.ToString(System.Globalization.CultureInfo.InvariantCulture);
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
    int Line)
{
    /// <summary>
    /// A loop macro (<c>for_each_child_of_node(parent, child) { ... }</c>, an acquire named <c>*for_each*</c> with an
    /// argument carrier): each pass of its body holds a new resource in that argument, which the macro releases when the
    /// pass ends; only a body left early keeps it.
    /// </summary>
    public bool IsIterator => !AcquireCarrier.IsReturn && !AcquireCarrier.IsGlobal && Acquire.Contains("for_each", StringComparison.Ordinal);
}

/// <summary>A function that takes ownership of (or stores) its argument <see cref="Carrier"/>: list_add, g_hash_table_insert.</summary>
public sealed record OwnershipTransfer(string Function, Carrier Carrier, string Source, int Line);

/// <summary>
/// The pairs DiffLint knows, indexed by function name: the built-in tables, then a repository's own (which may add
/// pairs, or drop a built-in acquire or release with a <c>forget</c> line). A patch's learned wrappers are laid over a
/// table (<see cref="WithLearned"/>) without rebuilding its indexes, which are costly to build and read on every call.
/// </summary>
public sealed class ResourcePairTable
{
    private readonly ResourcePairTable? _base;
    private readonly Dictionary<string, ImmutableArray<ResourcePair>> _acquires;
    private readonly Dictionary<string, ImmutableArray<ResourcePair>> _releases;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _names;
    private readonly HashSet<string>? _learnedNames;

    // Bit Shape(n) is set for every name n the table knows (learned ones included). Most identifiers followed by '('
    // in C code are none of them, and this says so without hashing them (MentionsAny asks for every call of a hunk).
    private readonly ulong[] _shapes;
    private const int ShapeBits = 1 << 14;

    // Bit Ending(n) is set for every name n the table knows (learned ones included): its last two characters. The hunk
    // prefilter tests the two before each '(' and walks back over the whole name only when some name ends so.
    private readonly ulong[] _endings;
    private const int EndingBits = 1 << 16;

    // Plain dictionaries and sets, not frozen ones: the built-in table is built at the first C patch of every run (a
    // hook's whole budget is ~100 ms), where analysing the keys for a frozen collection, and its generic code that a
    // precompiled build lacks, cost more than its faster lookups save on a patch.
    public ResourcePairTable(ImmutableArray<ResourcePair> pairs, ImmutableArray<OwnershipTransfer> transfers)
    {
        Pairs = pairs;
        Transfers = transfers;
        var (acquires, releases) = Index(pairs);
        _acquires = acquires;
        _releases = releases;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            names.Add(pair.Acquire);
            names.Add(pair.Release);
        }

        var transfersByFunction = new Dictionary<string, ImmutableArray<OwnershipTransfer>>(StringComparer.Ordinal);
        foreach (var transfer in transfers)
        {
            names.Add(transfer.Function);
            transfersByFunction[transfer.Function] = transfersByFunction.TryGetValue(transfer.Function, out var earlier) ? earlier.Add(transfer) : [transfer];
        }

        _names = names.GetAlternateLookup<ReadOnlySpan<char>>();
        TransfersByFunction = transfersByFunction;
        _shapes = new ulong[ShapeBits / 64];
        _endings = new ulong[EndingBits / 64];
        foreach (var name in names)
        {
            AddShape(_shapes, name);
            AddEnding(_endings, name);
        }
    }

    private ResourcePairTable(ResourcePairTable table, ImmutableArray<ResourcePair> learned)
    {
        _base = table;
        Pairs = table.Pairs.AddRange(learned);
        Transfers = table.Transfers;
        TransfersByFunction = table.TransfersByFunction;
        _names = table._names;
        var (acquires, releases) = Index(learned);
        _acquires = acquires;
        _releases = releases;
        _learnedNames = [.. acquires.Keys, .. releases.Keys];
        _shapes = (ulong[])table._shapes.Clone();
        _endings = (ulong[])table._endings.Clone();
        foreach (var name in _learnedNames)
        {
            AddShape(_shapes, name);
            AddEnding(_endings, name);
        }
    }

    /// <summary>A hash of a name's first two characters, last character and length, in [0, <see cref="ShapeBits"/>).</summary>
    /// <remarks>The last character tells apart the many calls that share a table name's prefix and length (mutex_init, mutex_lock).</remarks>
    private static int Shape(ReadOnlySpan<char> name) =>
        ((((name[0] * 31) + (name.Length > 1 ? name[1] : 0)) * 31 + name[^1]) * 31 + name.Length) & (ShapeBits - 1);

    private static void AddShape(ulong[] shapes, string name)
    {
        if (name.Length == 0) return;
        var shape = Shape(name);
        shapes[shape >> 6] |= 1UL << shape;
    }

    /// <summary>A name's last character and the one before it ('\0' for a one-character name), each folded to 8 bits, in [0, <see cref="EndingBits"/>).</summary>
    private static int Ending(char last, char beforeLast) => ((beforeLast & 0xFF) << 8) | (last & 0xFF);

    private static void AddEnding(ulong[] endings, string name)
    {
        if (name.Length == 0) return;
        var ending = Ending(name[^1], name.Length > 1 ? name[^2] : '\0');
        endings[ending >> 6] |= 1UL << ending;
    }

    /// <summary>
    /// False when no name the table knows ends with <paramref name="beforeLast"/> and <paramref name="last"/> ('\0' for a
    /// name of one character): a cheaper first test than <see cref="Knows"/>, which needs the whole name.
    /// </summary>
    public bool MayEndAName(char last, char beforeLast)
    {
        var ending = Ending(last, beforeLast);
        return (_endings[ending >> 6] & (1UL << ending)) != 0;
    }

    private static (Dictionary<string, ImmutableArray<ResourcePair>>, Dictionary<string, ImmutableArray<ResourcePair>>) Index(IEnumerable<ResourcePair> pairs)
    {
        var acquires = new Dictionary<string, ImmutableArray<ResourcePair>>(StringComparer.Ordinal);
        var releases = new Dictionary<string, ImmutableArray<ResourcePair>>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            acquires[pair.Acquire] = acquires.TryGetValue(pair.Acquire, out var a) ? a.Add(pair) : [pair];
            releases[pair.Release] = releases.TryGetValue(pair.Release, out var r) ? r.Add(pair) : [pair];
        }

        return (acquires, releases);
    }

    /// <summary>This table with <paramref name="learned"/> pairs (a patch's own wrappers) laid over it.</summary>
    public ResourcePairTable WithLearned(IReadOnlyCollection<ResourcePair> learned) =>
        learned.Count == 0 ? this : new ResourcePairTable(this, [.. learned]);

    public ImmutableArray<ResourcePair> Pairs { get; }
    public ImmutableArray<OwnershipTransfer> Transfers { get; }

    /// <summary>The pairs <paramref name="name"/> acquires (one function may start resources of several pairs: g_strdup → g_free, or g_autofree).</summary>
    public bool TryGetAcquires(string name, out ImmutableArray<ResourcePair> pairs)
    {
        if (IsUnknownShape(name))
        {
            pairs = default;
            return false;
        }

        return _acquires.TryGetValue(name, out pairs) || (_base is not null && _base.TryGetAcquires(name, out pairs));
    }

    /// <summary>The pairs <paramref name="name"/> releases.</summary>
    public bool TryGetReleases(string name, out ImmutableArray<ResourcePair> pairs)
    {
        if (IsUnknownShape(name))
        {
            pairs = default;
            return false;
        }

        return _releases.TryGetValue(name, out pairs) || (_base is not null && _base.TryGetReleases(name, out pairs));
    }

    public bool IsAcquire(string name) => TryGetAcquires(name, out _);

    public bool IsRelease(string name) => TryGetReleases(name, out _);

    /// <summary>As <see cref="IsRelease(string)"/>, for a name in a line's text.</summary>
    public bool IsRelease(ReadOnlySpan<char> name) =>
        !IsUnknownShape(name) &&
        (_releases.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(name) || (_base is not null && _base.IsRelease(name)));

    public IReadOnlyDictionary<string, ImmutableArray<OwnershipTransfer>> TransfersByFunction { get; }

    /// <summary>The ownership transfers of <paramref name="name"/> (<see cref="TransfersByFunction"/>, with the cheap test first).</summary>
    public bool TryGetTransfers(string name, out ImmutableArray<OwnershipTransfer> transfers)
    {
        if (IsUnknownShape(name))
        {
            transfers = default;
            return false;
        }

        return TransfersByFunction.TryGetValue(name, out transfers);
    }

    /// <summary>Whether the table names <paramref name="name"/> (acquire, release or transfer): the prefilter that spares tokenizing code that calls none.</summary>
    public bool Knows(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || IsUnknownShape(name)) return false;
        return _names.Contains(name) || (_learnedNames is not null && _learnedNames.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name));
    }

    /// <summary>
    /// The first test of every lookup by name: true when no name of the table (learned ones included) has the shape of
    /// <paramref name="name"/>, so that it is none of them, told without hashing it (most callees are none). An empty
    /// name is left to the lookups.
    /// </summary>
    private bool IsUnknownShape(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty) return false;
        var shape = Shape(name);
        return (_shapes[shape >> 6] & (1UL << shape)) == 0;
    }
}
