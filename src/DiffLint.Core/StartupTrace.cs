using System.Diagnostics;
using System.Globalization;

namespace DiffLint.Core;

/// <summary>
/// <c>DIFFLINT_TRACE_STARTUP=1</c>: one stderr line per start-up phase of a run, the command line's and a one-patch
/// run's reading, parsing and analysis (wall ms since <c>Main</c>, the process's CPU ms so far, and on Linux the CPU ms
/// of the thread that marks it: the built-in rules are made on a thread of their own, the CLI's <c>PreparedEngine</c>),
/// to see where a hook's latency goes. Off, a phase mark costs one static
/// field read.
/// </summary>
/// <remarks>
/// The lines are kept and written at the <c>exit</c> mark, and the clocks are read once before the first mark: writing
/// each line as it came made the first mark pay for the console's set-up and the thread clock's first call, which then
/// showed as a phase of DiffLint's own (about 10 ms, put down to the first console call).
/// </remarks>
public static class StartupTrace
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("DIFFLINT_TRACE_STARTUP") == "1";
    private static readonly List<string> Lines = [];
    private static readonly long Start = Warm();

    public static void Mark(string phase)
    {
        if (!Enabled) return;
        var wall = Stopwatch.GetElapsedTime(Start).TotalMilliseconds;
        var cpu = Environment.CpuUsage.TotalTime.TotalMilliseconds;
        var thread = ThreadClock.Now() is { } own ? string.Format(CultureInfo.InvariantCulture, " {0,7:F1} ms this thread", own.TotalMilliseconds) : "";
        var line = string.Format(CultureInfo.InvariantCulture, "difflint startup: {0,7:F1} ms wall {1,7:F1} ms cpu{2}  {3}", wall, cpu, thread, phase);
        lock (Lines)
        {
            Lines.Add(line);
            if (phase != "exit") return;
            foreach (var each in Lines) Console.Error.WriteLine(each);
        }
    }

    /// <summary>The clocks' first calls (library loading, marshalling) made before the trace starts timing.</summary>
    private static long Warm()
    {
        if (Enabled)
        {
            _ = Environment.CpuUsage;
            _ = ThreadClock.Now();
            _ = string.Format(CultureInfo.InvariantCulture, "{0,7:F1}", 0.0);
        }

        return Stopwatch.GetTimestamp();
    }
}
