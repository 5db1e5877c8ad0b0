using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;

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

    private readonly ConcurrentDictionary<string, StrongBox<long>> _ticks = new(StringComparer.Ordinal);

    internal void Add(string owner, long startTimestamp)
    {
        var elapsed = Stopwatch.GetTimestamp() - startTimestamp;
        Interlocked.Add(ref _ticks.GetOrAdd(owner, static _ => new StrongBox<long>()).Value, elapsed);
    }

    /// <summary>Each rule (or engine step) and its time, the slowest first.</summary>
    public IReadOnlyList<(string Owner, TimeSpan Time)> Slowest() =>
        [.. _ticks
            .Where(t => !t.Key.StartsWith(StagePrefix, StringComparison.Ordinal))
            .Select(t => (t.Key, Time: Stopwatch.GetElapsedTime(0, Volatile.Read(ref t.Value.Value))))
            .OrderByDescending(t => t.Time)
            .ThenBy(t => t.Key, StringComparer.Ordinal)];

    /// <summary>The sum over every rule and engine step (not the other stages).</summary>
    public TimeSpan Total => Slowest().Aggregate(TimeSpan.Zero, (sum, t) => sum + t.Time);

    /// <summary>The time of one rule, engine step or stage (zero when it never ran).</summary>
    public TimeSpan Of(string name) =>
        _ticks.TryGetValue(name, out var ticks) ? Stopwatch.GetElapsedTime(0, Volatile.Read(ref ticks.Value)) : TimeSpan.Zero;

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
}
