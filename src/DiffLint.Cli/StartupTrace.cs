using System.Diagnostics;
using System.Globalization;
using DiffLint.Core;

namespace DiffLint.Cli;

/// <summary>
/// <c>DIFFLINT_TRACE_STARTUP=1</c>: one stderr line per start-up phase of a run (wall ms since <c>Main</c>, the
/// process's CPU ms so far, and on Linux the CPU ms of the thread that marks it: the built-in rules are made on a thread
/// of their own, <see cref="PreparedEngine"/>), to see where a hook's latency goes. Off, a phase mark costs one static
/// field read.
/// </summary>
internal static class StartupTrace
{
    private static readonly long Start = Stopwatch.GetTimestamp();
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("DIFFLINT_TRACE_STARTUP") == "1";

    public static void Mark(string phase)
    {
        if (!Enabled) return;
        var wall = Stopwatch.GetElapsedTime(Start).TotalMilliseconds;
        var cpu = Environment.CpuUsage.TotalTime.TotalMilliseconds;
        var thread = ThreadClock.Now() is { } own ? string.Format(CultureInfo.InvariantCulture, " {0,7:F1} ms this thread", own.TotalMilliseconds) : "";
        Console.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, "difflint startup: {0,7:F1} ms wall {1,7:F1} ms cpu{2}  {3}", wall, cpu, thread, phase));
    }
}
