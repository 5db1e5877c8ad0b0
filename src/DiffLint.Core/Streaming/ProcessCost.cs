using System.Diagnostics;

namespace DiffLint.Core;

/// <summary>
/// What the process spent over a stretch of time, beside the stages <c>--stats</c> times: its CPU time (every thread,
/// user and system), the bytes the managed heap handed out, the garbage collections per generation and the time the
/// collector held the threads paused, and the methods the JIT compiled and the time it took (tiered compilation re-JITs
/// hot ReadyToRun code on a background thread, which competes with the workers for the cores). CPU time the stages do not
/// account for is the collector, the JIT and the hand-off between threads.
/// </summary>
public readonly record struct ProcessCost(TimeSpan CpuTime, long AllocatedBytes, int Gen0Collections, int Gen1Collections, int Gen2Collections,
    TimeSpan GcPause, long JitCompiledMethods, TimeSpan JitTime)
{
    /// <summary>The totals of the process so far (since it started).</summary>
    public static ProcessCost Now() =>
        // Environment.CpuUsage (getrusage), not Process.TotalProcessorTime: that reads and parses /proc/self/stat
        // through the Process class, twice per run, and counts in the kernel's 10 ms ticks.
        new(Environment.CpuUsage.TotalTime, GC.GetTotalAllocatedBytes(precise: false), GC.CollectionCount(0), GC.CollectionCount(1),
            GC.CollectionCount(2), GC.GetTotalPauseDuration(), System.Runtime.JitInfo.GetCompiledMethodCount(),
            System.Runtime.JitInfo.GetCompilationTime());

    /// <summary>What was spent between <paramref name="start"/> and now.</summary>
    public static ProcessCost Since(ProcessCost start) => Now() - start;

    /// <summary>
    /// The figures as <c>--stats</c> prints them, name and value: CPU time, megabytes allocated, collections by the
    /// oldest generation they collected, the pause time, and the JIT's methods and time.
    /// </summary>
    public IEnumerable<(string Name, string Value)> Describe()
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        yield return ("CPU time", string.Format(c, "{0:F1} ms, every thread, user and system", CpuTime.TotalMilliseconds));
        yield return ("allocated", string.Format(c, "{0:N0} MB", AllocatedBytes / 1_000_000));
        yield return ("collections", string.Format(c, "{0} gen 0, {1} gen 1, {2} gen 2; paused {3:F1} ms", Gen0Collections - Gen1Collections,
            Gen1Collections - Gen2Collections, Gen2Collections, GcPause.TotalMilliseconds));
        yield return ("JIT", string.Format(c, "{0:N0} methods compiled in {1:F1} ms", JitCompiledMethods, JitTime.TotalMilliseconds));
    }

    public static ProcessCost operator -(ProcessCost end, ProcessCost start) =>
        new(end.CpuTime - start.CpuTime, end.AllocatedBytes - start.AllocatedBytes, end.Gen0Collections - start.Gen0Collections,
            end.Gen1Collections - start.Gen1Collections, end.Gen2Collections - start.Gen2Collections, end.GcPause - start.GcPause,
            end.JitCompiledMethods - start.JitCompiledMethods, end.JitTime - start.JitTime);
}
