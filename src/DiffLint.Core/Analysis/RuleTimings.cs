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

    /// <summary>Times a stage of the run.</summary>
    public void AddStage(string stage, long startTimestamp) => Add(stage, startTimestamp);
}
