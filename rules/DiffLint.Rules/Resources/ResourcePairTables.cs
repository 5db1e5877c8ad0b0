using System.Collections.Immutable;

namespace DiffLint.Rules.Resources;

/// <summary>
/// Reads pair tables: the built-in ones (<c>Resources/Pairs/*.pairs</c>, embedded in this assembly) and a repository's
/// own, merged over them. A table is text, one entry a line:
/// <code>
/// # comment (also after a line's fields)
/// family NAME                                   # family of the lines below (default: the file name without extension)
/// KIND  ACQUIRE[@CARRIER]  RELEASE[@CARRIER]  [FAILURE]
/// transfer FUNCTION@N[,N...]                    # FUNCTION takes ownership of its argument(s) N (1-based)
/// forget NAME                                   # drop every pair whose acquire or release is NAME, and NAME's transfers
/// </code>
/// KIND is <c>memory</c>, <c>handle</c>, <c>ref</c>, <c>lock</c> or <c>state</c>. CARRIER is <c>ret</c> (the
/// acquire's default), <c>1</c>..<c>9</c> (the release's default is <c>1</c>), <c>none</c> (a global state such as
/// rcu_read_lock(); only lock and state pairs, and then on both sides) or, for a memory acquire, <c>%m</c> (the
/// arguments that the <c>%m</c> conversions of the call's string-literal format fill: sscanf(s, "%ms", &amp;p)).
/// FAILURE says what a failed acquire returns (for an out-parameter acquire, the status it returns): <c>none</c>
/// (default), <c>null</c>, <c>negative</c>, <c>nonzero</c>, <c>false</c>, <c>iserr</c>, <c>iserrnull</c>, <c>count</c>
/// (the number of conversions made, fewer than asked on failure). An acquire whose carrier is an argument gives a NEW
/// resource to <c>x</c> when the argument is written <c>&amp;x</c> (asprintf(&amp;s, ...)); any other argument names
/// the EXISTING object the reference, lock or state is taken on (mutex_lock(&amp;s-&gt;lock)). One release a line:
/// several lines for one acquire are fine. Names are C identifiers, and fields are split on whitespace.
/// </summary>
/// <remarks>
/// Lines are applied in order, over the table given as <c>over</c>: a pair with the acquire, acquire carrier and
/// release of an earlier one replaces it (a repository's line wins over the built-in one), and <c>forget</c> removes
/// what came before it, so a repository can forget a built-in release and list its own. Every pair of one acquire
/// (and acquire carrier) must agree on the kind and the failure, since both describe the acquire, not the pair.
/// </remarks>
public static class ResourcePairTables
{
    private const string ResourcePrefix = "DiffLint.Rules.Resources.Pairs.";
    private const string Extension = ".pairs";

    private static readonly Lazy<ResourcePairTable> BuiltInTable = new(() => Parse(ReadBuiltInFiles()));

    /// <summary>The tables shipped with DiffLint, one family a file (libc, glib, qemu, kernel, uboot, iproute2, bluez).</summary>
    public static ResourcePairTable BuiltIn => BuiltInTable.Value;

    /// <summary>
    /// Starts parsing the built-in tables on the table-loading thread, where they take ~5 ms of a one-patch run's
    /// critical path at its first C patch otherwise.
    /// </summary>
    public static void StartLoading()
    {
        if (Interlocked.Exchange(ref s_loadingStarted, 1) == 0) TableLoading.Queue(static () => _ = BuiltInTable.Value);
    }

    private static int s_loadingStarted;

    /// <summary>
    /// Parses <paramref name="files"/> (each named by <c>Source</c>, the name errors and pairs report) over
    /// <paramref name="over"/>, usually <see cref="BuiltIn"/>; throws <see cref="ResourcePairFormatException"/> on the
    /// first malformed line.
    /// </summary>
    public static ResourcePairTable Parse(IEnumerable<(string Source, string Text)> files, ResourcePairTable? over = null)
    {
        var builder = new TableBuilder(over);
        foreach (var (source, text) in files)
            builder.AddFile(source, text);
        return builder.Build();
    }

    // The names by a loop and a list sort, not Where and Order: LINQ's iterators were over half of reading the files,
    // 1.3% of a hook run's CPU samples (perf, published build), on the table-loading thread.
    private static IEnumerable<(string Source, string Text)> ReadBuiltInFiles()
    {
        var assembly = typeof(ResourcePairTables).Assembly;
        var names = new List<string>();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(Extension, StringComparison.Ordinal)) names.Add(name);
        }

        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"Embedded resource {name} is listed but cannot be opened.");
            using var reader = new StreamReader(stream);
            yield return (name[ResourcePrefix.Length..], reader.ReadToEnd());
        }
    }

    /// <summary>The pairs and transfers so far, in the order they were first listed.</summary>
    /// <remarks>
    /// Keyed by strings and holding classes: the built-in tables are parsed at the first C patch of every run (a hook's
    /// whole budget is ~100 ms), and dictionaries keyed by tuples of a struct are generic code a precompiled build
    /// lacks, JIT-compiled at every start.
    /// </remarks>
    private sealed class TableBuilder
    {
        private readonly OrderedDictionary<string, ResourcePair> _pairs = new(StringComparer.Ordinal);
        private readonly OrderedDictionary<string, OwnershipTransfer> _transfers = new(StringComparer.Ordinal);

        // The keys of each acquire's pairs, in table order: a new pair is checked against its acquire's pairs only.
        private readonly Dictionary<string, List<string>> _keysByAcquire = new(StringComparer.Ordinal);

        public TableBuilder(ResourcePairTable? over)
        {
            if (over is null)
                return;
            foreach (var pair in over.Pairs)
                Set(pair);
            foreach (var transfer in over.Transfers)
                _transfers[KeyOf(transfer.Function, transfer.Carrier)] = transfer;
        }

        private void Set(ResourcePair pair)
        {
            var key = KeyOf(pair);
            if (!_pairs.ContainsKey(key))
            {
                var acquireKey = KeyOf(pair.Acquire, pair.AcquireCarrier);
                if (!_keysByAcquire.TryGetValue(acquireKey, out var keys))
                    _keysByAcquire[acquireKey] = keys = [];
                keys.Add(key);
            }

            _pairs[key] = pair;
        }

        public ResourcePairTable Build()
        {
            var pairs = ImmutableArray.CreateBuilder<ResourcePair>(_pairs.Count);
            foreach (var pair in _pairs.Values) pairs.Add(pair);
            var transfers = ImmutableArray.CreateBuilder<OwnershipTransfer>(_transfers.Count);
            foreach (var transfer in _transfers.Values) transfers.Add(transfer);
            return new(pairs.MoveToImmutable(), transfers.MoveToImmutable());
        }

        public void AddFile(string source, string text)
        {
            var family = Path.GetFileNameWithoutExtension(source);
            var lineNumber = 0;
            foreach (var rawLine in text.Split('\n'))
            {
                lineNumber++;
                var fields = Fields(rawLine);
                if (fields.Count == 0)
                    continue;
                var line = new LineReader(source, lineNumber, fields);
                switch (fields[0])
                {
                    case "family":
                        family = line.SingleName("family NAME");
                        break;
                    case "transfer":
                        AddTransfers(line);
                        break;
                    case "forget":
                        Forget(line.SingleName("forget NAME"));
                        break;
                    default:
                        AddPair(line, family);
                        break;
                }
            }
        }

        private void AddPair(LineReader line, string family)
        {
            var kind = line.Kind();
            if (line.Fields.Count < 3)
                throw line.Error("expected KIND ACQUIRE[@CARRIER] RELEASE[@CARRIER] [FAILURE]: the release is missing");
            if (line.Fields.Count > 4)
                throw line.Error($"expected at most a failure after the release, found '{line.Fields[4]}'");

            var (acquire, acquireCarrier) = line.NameAndCarrier(1, Carrier.Return);
            var (release, releaseCarrier) = line.NameAndCarrier(2, new Carrier(1));
            var failure = line.Fields.Count == 4 ? line.Failure(3) : AcquireFailure.None;

            if (releaseCarrier.IsFormatted || (acquireCarrier.IsFormatted && kind != ResourceKind.Memory))
                throw line.Error($"expected %m only on a memory acquire: it names the strings a scanf-like format allocates");
            if (releaseCarrier.IsReturn)
                throw line.Error($"expected {release}@N (1..9) or {release}@none: a release takes its resource as an argument, not as its return value");
            if (acquireCarrier.IsGlobal && kind is not (ResourceKind.Lock or ResourceKind.State))
                throw line.Error($"expected {acquire}@ret or {acquire}@N: only lock and state pairs can be global (@none)");
            if (acquireCarrier.IsGlobal != releaseCarrier.IsGlobal)
            {
                throw acquireCarrier.IsGlobal
                    ? line.Error($"expected {release}@none: a global acquire (@none) is released globally")
                    : line.Error($"expected {acquire}@none: a global release (@none) ends a global acquire");
            }

            var pair = new ResourcePair(family, kind, acquire, acquireCarrier, release, releaseCarrier, failure, line.Source, line.Number);
            foreach (var key in _keysByAcquire.GetValueOrDefault(KeyOf(acquire, acquireCarrier)) ?? [])
            {
                var other = _pairs[key];
                if (other.Release != release && (other.Kind != kind || other.Failure != failure))
                {
                    throw line.Error(
                        $"expected kind {KindName(other.Kind)} and failure {FailureName(other.Failure)} for {acquire}@{acquireCarrier}, as {other.Source} line {other.Line} has: one acquire has one kind and one failure");
                }
            }

            Set(pair);
        }

        private void AddTransfers(LineReader line)
        {
            const string Expected = "transfer FUNCTION@N[,N...]";
            if (line.Fields.Count != 2)
                throw line.Error($"expected {Expected}");
            var field = line.Fields[1];
            var at = field.IndexOf('@', StringComparison.Ordinal);
            if (at < 0)
                throw line.Error($"expected {Expected}: '{field}' names no argument");
            var function = line.Name(field[..at]);
            foreach (var number in field[(at + 1)..].Split(','))
            {
                var argument = ArgumentNumber(number)
                    ?? throw line.Error($"expected argument numbers 1..9 separated by commas after '{function}@', found '{number}'");
                var carrier = new Carrier(argument);
                _transfers[KeyOf(function, carrier)] = new OwnershipTransfer(function, carrier, line.Source, line.Number);
            }
        }

        private void Forget(string name)
        {
            var forgotten = new List<ResourcePair>();
            foreach (var pair in _pairs.Values)
            {
                if (pair.Acquire == name || pair.Release == name) forgotten.Add(pair);
            }

            foreach (var pair in forgotten)
            {
                var key = KeyOf(pair);
                _pairs.Remove(key);
                _keysByAcquire[KeyOf(pair.Acquire, pair.AcquireCarrier)].Remove(key);
            }

            var forgottenTransfers = new List<OwnershipTransfer>();
            foreach (var transfer in _transfers.Values)
            {
                if (transfer.Function == name) forgottenTransfers.Add(transfer);
            }

            foreach (var transfer in forgottenTransfers)
                _transfers.Remove(KeyOf(transfer.Function, transfer.Carrier));
        }

        // Names are C identifiers and a carrier is a number, so a space cannot occur inside a part of a key.
        private static string KeyOf(ResourcePair pair) => string.Concat(KeyOf(pair.Acquire, pair.AcquireCarrier), " ", pair.Release);

        private static string KeyOf(string function, Carrier carrier) =>
            string.Concat(function, " ", carrier.Argument.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>One non-blank line's fields, with what it takes to read them and to say what was wrong.</summary>
    private sealed class LineReader(string source, int number, List<string> fields)
    {
        public string Source => source;
        public int Number => number;
        public List<string> Fields => fields;

        public ResourcePairFormatException Error(string expected) => new(source, number, expected);

        public string SingleName(string form)
        {
            if (fields.Count != 2)
                throw Error($"expected {form}");
            return Name(fields[1]);
        }

        public string Name(string text) =>
            IsIdentifier(text) ? text : throw Error($"expected a C identifier (letters, digits, _), found '{text}'");

        public ResourceKind Kind() => fields[0] switch
        {
            "memory" => ResourceKind.Memory,
            "handle" => ResourceKind.Handle,
            "ref" => ResourceKind.Reference,
            "lock" => ResourceKind.Lock,
            "state" => ResourceKind.State,
            var other => throw Error($"expected a kind (memory, handle, ref, lock, state) or family, transfer, forget; found '{other}'"),
        };

        public (string Name, Carrier Carrier) NameAndCarrier(int index, Carrier fallback)
        {
            var field = fields[index];
            var at = field.IndexOf('@', StringComparison.Ordinal);
            if (at < 0)
                return (Name(field), fallback);
            var name = Name(field[..at]);
            var carrierText = field[(at + 1)..];
            Carrier? carrier = carrierText switch
            {
                "ret" => Carrier.Return,
                "none" => Carrier.Global,
                "%m" => Carrier.Formatted,
                _ => ArgumentNumber(carrierText) is { } argument ? new Carrier(argument) : null,
            };
            return carrier is { } found
                ? (name, found)
                : throw Error($"expected a carrier (ret, none, %m or an argument 1..9) after '{name}@', found '{carrierText}'");
        }

        public AcquireFailure Failure(int index) => fields[index] switch
        {
            "none" => AcquireFailure.None,
            "null" => AcquireFailure.Null,
            "negative" => AcquireFailure.Negative,
            "nonzero" => AcquireFailure.NonZero,
            "false" => AcquireFailure.False,
            "iserr" => AcquireFailure.ErrorPointer,
            "iserrnull" => AcquireFailure.ErrorPointerOrNull,
            "count" => AcquireFailure.Count,
            var other => throw Error($"expected a failure (none, null, negative, nonzero, false, iserr, iserrnull, count), found '{other}'"),
        };
    }

    /// <summary>A line's whitespace-separated fields, up to a <c>#</c> comment.</summary>
    private static List<string> Fields(string line)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        var content = hash < 0 ? line : line[..hash];
        var fields = new List<string>();
        var start = -1;
        for (var i = 0; i <= content.Length; i++)
        {
            var atSpace = i == content.Length || char.IsWhiteSpace(content[i]);
            if (atSpace && start >= 0)
            {
                fields.Add(content[start..i]);
                start = -1;
            }
            else if (!atSpace && start < 0)
            {
                start = i;
            }
        }

        return fields;
    }

    private static bool IsIdentifier(string text)
    {
        if (text.Length == 0 || char.IsAsciiDigit(text[0])) return false;
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_') return false;
        }

        return true;
    }

    /// <summary>1..9 from its single digit; null for anything else (0, 10, letters, empty).</summary>
    private static int? ArgumentNumber(string text) =>
        text.Length == 1 && text[0] is >= '1' and <= '9' ? text[0] - '0' : null;

    private static string KindName(ResourceKind kind) => kind switch
    {
        ResourceKind.Reference => "ref",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string FailureName(AcquireFailure failure) => failure switch
    {
        AcquireFailure.ErrorPointer => "iserr",
        AcquireFailure.ErrorPointerOrNull => "iserrnull",
        _ => failure.ToString().ToLowerInvariant(),
    };
}

/// <summary>A malformed line in a pair table: where it is and what was expected there.</summary>
public sealed class ResourcePairFormatException : Exception
{
    private readonly string _source;

    public ResourcePairFormatException(string source, int line, string expected)
        : base($"{source}, line {line}: {expected}")
    {
        _source = source;
        Line = line;
        Expected = expected;
    }

    /// <summary>
    /// The table file the line is in, as it was named to <see cref="ResourcePairTables.Parse"/> (the same name
    /// <see cref="ResourcePair.Source"/> carries). It replaces <see cref="Exception.Source"/>, which would name an assembly.
    /// </summary>
    public override string Source => _source;

    /// <summary>1-based.</summary>
    public int Line { get; }

    /// <summary>The message without the position: what the line should have had.</summary>
    public string Expected { get; }
}
