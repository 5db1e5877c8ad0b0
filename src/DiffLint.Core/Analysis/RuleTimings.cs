using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DiffLint.Core.Analysis;

/// <summary>
/// Time spent per rule (and in the engine's shared steps: the C tokenizer, moved-code detection), summed over all
/// threads, for <c>--stats</c>: which rule to look at when throughput drops, as Roslyn's <c>/reportanalyzer</c> and
/// ESLint's <c>TIMING</c> tell. Collected only when asked for; the engine then reads the clock around every action.
/// The run's other stages (reading, MIME decoding, diff parsing, series checks, report writing) are timed in it too, apart
/// from the rules (<see cref="Stages"/>).
/// </summary>
public sealed class RuleTimings
{
    /// <summary>Cutting the inputs into messages (the reader thread).</summary>
    public const string ReadStage = "(stage) read";

    /// <summary>Decoding each mail: headers, MIME parts, transfer encodings, charsets.</summary>
    public const string MimeStage = "(stage) MIME";

    /// <summary>Parsing each decoded mail into its message and diff.</summary>
    public const string DiffParseStage = "(stage) diff parse";

    /// <summary>The series rules, code moved between patches, and patches analysed again under the input's layout.</summary>
    public const string SeriesStage = "(stage) series checks";

    /// <summary>Writing the reports (every format asked for).</summary>
    public const string ReportStage = "(stage) report writing";

    /// <summary>The engine's shared steps, timed with the rules.</summary>
    public const string TokenizerStep = "(engine) C tokenizer";

    public const string StructureStep = "(engine) C structure";

    public const string MovedCodeStep = "(engine) moved-code detection";

    private const string StagePrefix = "(stage) ";

    /// <summary>
    /// Each thread's own table, owner to ticks: adding is a lookup in it and a plain add, with no lock, no interlocked
    /// add on a counter the other workers write too, and no allocation once an owner is in. The engine adds once per
    /// rule callback, millions of times per run, so under <c>--stats</c> this is on the hot path. An owner is looked up by
    /// reference (the engine passes each rule's one name string, and the stages are constants), not by hashing its
    /// characters; the tables are summed by name when read (after the run).
    /// </summary>
    [ThreadStatic] private static ThreadTable? t_table;

    private readonly List<ThreadTable> _tables = [];

    internal void Add(string owner, long startTimestamp) => Add(owner, startTimestamp, Stopwatch.GetTimestamp());

    /// <summary>Adds the time from <paramref name="startTimestamp"/> to <paramref name="endTimestamp"/> to <paramref name="owner"/>.</summary>
    internal void Add(string owner, long startTimestamp, long endTimestamp)
    {
        var table = t_table;
        if (table is null || table.Timings != this) table = TableOfThisThread();
        ref var ticks = ref CollectionsMarshal.GetValueRefOrAddDefault(table.Ticks, owner, out _);
        ticks += endTimestamp - startTimestamp;
    }

    /// <summary>Adds the time since <paramref name="startTimestamp"/> to a rule.</summary>
    internal void Add(RuleOwner owner, long startTimestamp) => OfThisThread().Add(owner, Stopwatch.GetTimestamp() - startTimestamp);

    /// <summary>This thread's table, for a caller that adds many times in a row (read once rather than per call).</summary>
    internal ThreadTable OfThisThread()
    {
        var table = t_table;
        return table is not null && table.Timings == this ? table : TableOfThisThread();
    }

    private ThreadTable TableOfThisThread()
    {
        // A thread keeps the table of the last RuleTimings it added to (one per run); another one's is found again here.
        lock (_tables)
        {
            var id = Environment.CurrentManagedThreadId;
            var table = _tables.Find(t => t.ThreadId == id);
            if (table is null) _tables.Add(table = new ThreadTable(this, id));
            return t_table = table;
        }
    }

    /// <summary>Every owner's ticks, summed over the threads' tables: read once the threads that add are done (the run is over).</summary>
    private Dictionary<string, long> Totals()
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        lock (_tables)
        {
            foreach (var table in _tables)
            {
                foreach (var (owner, ticks) in table.Ticks) totals[owner] = totals.GetValueOrDefault(owner) + ticks;
                for (var i = 0; i < table.Owners.Length; i++)
                {
                    if (table.Owners[i] is { } owner) totals[owner.Name] = totals.GetValueOrDefault(owner.Name) + table.ByIndex[i];
                }
            }
        }

        return totals;
    }

    /// <summary>Each rule (or engine step) and its time, the slowest first.</summary>
    public IReadOnlyList<(string Owner, TimeSpan Time)> Slowest() =>
        [.. Totals()
            .Where(t => !t.Key.StartsWith(StagePrefix, StringComparison.Ordinal))
            .Select(t => (t.Key, Time: Stopwatch.GetElapsedTime(0, t.Value)))
            .OrderByDescending(t => t.Time)
            .ThenBy(t => t.Key, StringComparer.Ordinal)];

    /// <summary>The sum over every rule and engine step (not the other stages).</summary>
    public TimeSpan Total => Slowest().Aggregate(TimeSpan.Zero, (sum, t) => sum + t.Time);

    /// <summary>The time of one rule, engine step or stage (zero when it never ran).</summary>
    public TimeSpan Of(string name) => Totals().TryGetValue(name, out var ticks) ? Stopwatch.GetElapsedTime(0, ticks) : TimeSpan.Zero;

    /// <summary>
    /// The run stage by stage, in pipeline order: read, MIME, diff parse, C tokenizer, C structure, moved-code detection,
    /// the rules of each pack (built-in first), series checks, report writing. Summed over threads.
    /// </summary>
    public IReadOnlyList<(string Stage, TimeSpan Time)> Stages()
    {
        var rules = Slowest().Where(t => !t.Owner.StartsWith('(')).ToList();
        return
        [
            ("read", Of(ReadStage)),
            ("MIME", Of(MimeStage)),
            ("diff parse", Of(DiffParseStage)),
            ("C tokenizer", Of(TokenizerStep)),
            ("C structure", Of(StructureStep)),
            ("moved-code detection", Of(MovedCodeStep)),
            .. rules.GroupBy(t => PackOf(t.Owner)).OrderBy(g => g.Key == RulePack.BuiltInName ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => ($"rules: {g.Key} ({g.Count()} rule{(g.Count() == 1 ? "" : "s")})", g.Aggregate(TimeSpan.Zero, (sum, t) => sum + t.Time))),
            ("series checks", Of(SeriesStage)),
            ("report writing", Of(ReportStage)),
        ];
    }

    /// <summary>The pack a timed rule comes from: the engine names a pack's rule <c>Rule (pack)</c>, a built-in one <c>Rule</c>.</summary>
    private static string PackOf(string owner) =>
        owner.EndsWith(')') && owner.LastIndexOf(" (", StringComparison.Ordinal) is > 0 and var open ? owner[(open + 2)..^1] : RulePack.BuiltInName;

    /// <summary>Times a stage of the run.</summary>
    public void AddStage(string stage, long startTimestamp) => Add(stage, startTimestamp);

    internal sealed class ThreadTable(RuleTimings timings, int threadId)
    {
        public RuleTimings Timings { get; } = timings;

        public int ThreadId { get; } = threadId;

        public Dictionary<string, long> Ticks { get; } = new(ReferenceEqualityComparer.Instance);

        /// <summary>The rules' ticks by <see cref="RuleOwner.Index"/>, with the owner each slot belongs to.</summary>
        public long[] ByIndex { get; private set; } = [];

        public RuleOwner?[] Owners { get; private set; } = [];

        /// <summary>Adds <paramref name="ticks"/> to a rule: an array add, no lookup (the rule callbacks' hot path under --stats).</summary>
        public void Add(RuleOwner owner, long ticks)
        {
            var index = owner.Index;
            if ((uint)index < (uint)Owners.Length && ReferenceEquals(Owners[index], owner)) ByIndex[index] += ticks;
            else AddFirst(owner, ticks);
        }

        private void AddFirst(RuleOwner owner, long ticks)
        {
            var index = owner.Index;
            if (index >= Owners.Length)
            {
                var length = Math.Max(index + 1, Owners.Length * 2);
                Owners = [.. Owners, .. new RuleOwner?[length - Owners.Length]];
                ByIndex = [.. ByIndex, .. new long[length - ByIndex.Length]];
            }

            if (index >= 0 && Owners[index] is null)
            {
                Owners[index] = owner;
                ByIndex[index] = ticks;
                return;
            }

            // No index, or another engine's rule at this one (two engines timed in one run): by name.
            ref var byName = ref CollectionsMarshal.GetValueRefOrAddDefault(Ticks, owner.Name, out _);
            byName += ticks;
        }
    }
}
