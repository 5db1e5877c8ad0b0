using System.Runtime.InteropServices;

namespace DiffLint.Core;

/// <summary>
/// The calling thread's CPU time, from Linux's <c>CLOCK_THREAD_CPUTIME_ID</c> (in a 64-bit process, whose
/// <c>timespec</c> this reads): time the thread waits for a core that other threads or processes hold does not count.
/// Null elsewhere.
/// </summary>
public static class ThreadClock
{
    private const int ClockThreadCpuTime = 3;

    private static readonly bool Available = OperatingSystem.IsLinux() && Environment.Is64BitProcess && Probe();

    public static TimeSpan? Now()
    {
        if (!Available) return null;
        ClockGetTime(ClockThreadCpuTime, out var time);
        return TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100);
    }

    private static bool Probe()
    {
        try
        {
            return ClockGetTime(ClockThreadCpuTime, out _) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
