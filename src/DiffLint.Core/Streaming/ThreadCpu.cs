using System.Globalization;

namespace DiffLint.Core;

/// <summary>
/// The process's CPU time over a run by kind of thread: the calling thread (all of the run with -j 1; with more jobs it
/// is one of the analysis workers), the garbage collector's threads, the runtime's other threads (finalizer, JIT, ...),
/// and the rest (the other analysis workers, gone by the end of the run, and any other thread). It splits the CPU time
/// that <c>--stats</c> finds outside all stages. Read from Linux's <c>/proc/self/task</c>; nothing elsewhere.
/// </summary>
public readonly record struct ThreadCpu(TimeSpan Caller, TimeSpan Collector, TimeSpan Runtime, TimeSpan Others)
{
    /// <summary>Each live thread's CPU time so far, and which one is the caller; null where /proc is not there.</summary>
    public sealed class Snapshot
    {
        internal Snapshot(int caller, Dictionary<int, (string Name, long Ticks)> threads)
        {
            Caller = caller;
            Threads = threads;
        }

        internal int Caller { get; }

        internal Dictionary<int, (string Name, long Ticks)> Threads { get; }
    }

    /// <summary>The CPU time of every live thread of the process, the calling thread marked.</summary>
    public static Snapshot? Take()
    {
        try
        {
            if (!OperatingSystem.IsLinux() || Directory.ResolveLinkTarget("/proc/thread-self", false) is not { } self) return null;
            var caller = int.Parse(Path.GetFileName(self.FullName), CultureInfo.InvariantCulture);
            var threads = new Dictionary<int, (string, long)>();
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                if (int.TryParse(Path.GetFileName(task), CultureInfo.InvariantCulture, out var id) && Read(task) is { } thread) threads[id] = thread;
            }

            return new Snapshot(caller, threads);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// What each kind of thread spent since <paramref name="start"/>, out of <paramref name="processCpu"/> (the process's
    /// CPU time over the same stretch): the threads that ended meanwhile (the workers) count among the others.
    /// </summary>
    public static ThreadCpu? Since(Snapshot? start, TimeSpan processCpu)
    {
        if (start is null || Take() is not { } end) return null;
        long caller = 0, collector = 0, runtime = 0;
        foreach (var (id, (name, ticks)) in end.Threads)
        {
            var spent = ticks - (start.Threads.TryGetValue(id, out var before) ? before.Ticks : 0);
            if (id == start.Caller) caller += spent;
            else if (name.StartsWith(".NET Server GC", StringComparison.Ordinal) || name.StartsWith(".NET BGC", StringComparison.Ordinal)) collector += spent;
            else if (name.StartsWith(".NET ", StringComparison.Ordinal)) runtime += spent;
        }

        TimeSpan Time(long ticks) => TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
        var others = processCpu - Time(caller) - Time(collector) - Time(runtime);
        return new ThreadCpu(Time(caller), Time(collector), Time(runtime), others > TimeSpan.Zero ? others : TimeSpan.Zero);
    }

    /// <summary>The unit of /proc's CPU times (USER_HZ), 100 on every Linux .NET runs on.</summary>
    private const int ClockTicksPerSecond = 100;

    /// <summary>A thread's name and its user and system time, in clock ticks, from its <c>stat</c> file.</summary>
    private static (string Name, long Ticks)? Read(string task)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(task, "stat"));
            // "tid (name) state ppid ...": the name may hold spaces and parentheses, so the fields are counted after the last ')'.
            var open = stat.IndexOf('(');
            var close = stat.LastIndexOf(')');
            if (open < 0 || close < open) return null;
            var fields = stat[(close + 2)..].Split(' ');
            // utime and stime are fields 14 and 15 of the file, the 12th and 13th after the name.
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (stat[(open + 1)..close], ticks);
        }
        catch (Exception ex) when (ex is IOException or FormatException or IndexOutOfRangeException)
        {
            return null; // the thread ended meanwhile
        }
    }

    /// <summary>As <c>--stats</c> prints it.</summary>
    public string Describe() => string.Format(CultureInfo.InvariantCulture,
        "{0:F0} ms calling thread, {1:F0} ms garbage collector threads, {2:F0} ms other runtime threads, {3:F0} ms workers and the rest",
        Caller.TotalMilliseconds, Collector.TotalMilliseconds, Runtime.TotalMilliseconds, Others.TotalMilliseconds);
}
