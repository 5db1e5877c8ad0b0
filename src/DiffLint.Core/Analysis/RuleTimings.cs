using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace DiffLint.Core.Analysis;

/// <summary>
/// Time spent per rule (and in the engine's shared steps: the C tokenizer, moved-code detection), summed over all
/// threads, for <c>--stats</c>: which rule to look at when throughput drops, as Roslyn's <c>/reportanalyzer</c> and
/// ESLint's <c>TIMING</c> tell. Collected only when asked for; the engine then reads the clock around every action.
/// </summary>
public sealed class RuleTimings
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _ticks = new(StringComparer.Ordinal);

    internal void Add(string owner, long startTimestamp)
    {
        var elapsed = Stopwatch.GetTimestamp() - startTimestamp;
        Interlocked.Add(ref _ticks.GetOrAdd(owner, static _ => new StrongBox<long>()).Value, elapsed);
    }

    /// <summary>Each rule (or engine step) and its time, the slowest first.</summary>
    public IReadOnlyList<(string Owner, TimeSpan Time)> Slowest() =>
        [.. _ticks
            .Select(t => (t.Key, Time: Stopwatch.GetElapsedTime(0, Volatile.Read(ref t.Value.Value))))
            .OrderByDescending(t => t.Time)
            .ThenBy(t => t.Key, StringComparer.Ordinal)];

    /// <summary>The sum over every rule and step.</summary>
    public TimeSpan Total => Stopwatch.GetElapsedTime(0, _ticks.Values.Sum(t => Volatile.Read(ref t.Value)));
}
