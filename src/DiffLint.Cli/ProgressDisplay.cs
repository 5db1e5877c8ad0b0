using System.Diagnostics;
using System.Globalization;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Cli;

/// <summary>
/// The line a long run keeps rewriting on stderr: patches read, megabytes, MB/s and, when the inputs' size is known (an
/// archive on disk), the time left. Shown only to a person watching a terminal: never when stderr is piped or
/// redirected, in CI, with <c>--quiet</c> or in a git hook, and only once a run has lasted long enough to need it.
/// </summary>
internal sealed class ProgressDisplay
{
    /// <summary>A run shorter than this (a hook, one patch) never shows the line, so it does not flicker.</summary>
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly TextWriter _stderr;
    private readonly long _totalBytes;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private long _patches;
    private long _bytes;
    private TimeSpan _lastDrawn = TimeSpan.MinValue;
    private bool _drawn;

    private ProgressDisplay(TextWriter stderr, long totalBytes)
    {
        _stderr = stderr;
        _totalBytes = totalBytes;
    }

    /// <summary>
    /// Whether to show progress: stderr is a terminal, the run is not quiet, and nothing says CI (the <c>CI</c> or
    /// <c>GITHUB_ACTIONS</c> variables set by GitHub Actions, GitLab, Jenkins' plug-ins and most others) or a dumb terminal.
    /// </summary>
    public static bool ShouldShow(bool stderrIsTerminal, bool quiet, Func<string, string?> environment)
    {
        if (!stderrIsTerminal || quiet) return false;
        if (IsSet(environment("CI")) || IsSet(environment("GITHUB_ACTIONS"))) return false;
        return environment("TERM") is not "dumb";
    }

    private static bool IsSet(string? value) => !string.IsNullOrEmpty(value) && value is not ("0" or "false");

    /// <summary>The display for this run on the process's stderr, or null when <see cref="ShouldShow"/> says no.</summary>
    public static ProgressDisplay? ForConsole(TextWriter stderr, bool quiet, IReadOnlyList<InputSource> inputs)
    {
        // Console.Error only once stderr is known to be a terminal: asked first, it is made even when it is not used.
        var terminal = !Console.IsErrorRedirected && ReferenceEquals(stderr, Console.Error);
        if (!ShouldShow(terminal, quiet, Environment.GetEnvironmentVariable)) return null;
        long total = 0;
        foreach (var input in inputs)
        {
            // Standard input and git output have no size ahead of time: no ETA then.
            if (input.FilePath is not { } path || input.Content is not null || !File.Exists(path)) return new ProgressDisplay(stderr, 0);
            total += new FileInfo(path).Length;
        }

        return new ProgressDisplay(stderr, total);
    }

    /// <summary>Counts one analysed message (a patch, or a mail that was skipped); redraws at most four times a second.</summary>
    public void MessageAnalysed(PatchSummary message)
    {
        var patches = message.IsAnalysed ? Interlocked.Increment(ref _patches) : Interlocked.Read(ref _patches);
        var done = Interlocked.Add(ref _bytes, message.ByteLength);
        var now = _clock.Elapsed;
        if (now < Delay || now - _lastDrawn < Interval) return;
        lock (_lock)
        {
            if (now - _lastDrawn < Interval) return;
            _lastDrawn = now;
            _stderr.Write("\r\e[K" + Describe(patches, done, _totalBytes, now));
            _stderr.Flush();
            _drawn = true;
        }
    }

    /// <summary>Removes the line before the report or the statistics are written.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            if (!_drawn) return;
            _stderr.Write("\r\e[K");
            _stderr.Flush();
            _drawn = false;
        }
    }

    /// <summary>E.g. <c>difflint: 1,204 patches, 12.1 of 25.0 MB, 8.3 MB/s, about 0:02 left</c>.</summary>
    internal static string Describe(long patches, long bytes, long totalBytes, TimeSpan elapsed)
    {
        var c = CultureInfo.InvariantCulture;
        var megabytes = bytes / 1e6;
        var rate = elapsed.TotalSeconds > 0 ? megabytes / elapsed.TotalSeconds : 0;
        var text = string.Format(c, "difflint: {0:N0} patch{1}, ", patches, patches == 1 ? "" : "es");
        if (totalBytes <= 0) return text + string.Format(c, "{0:F1} MB, {1:F1} MB/s", megabytes, rate);
        text += string.Format(c, "{0:F1} of {1:F1} MB, {2:F1} MB/s", megabytes, totalBytes / 1e6, rate);
        if (rate <= 0 || bytes >= totalBytes) return text;
        var left = TimeSpan.FromSeconds(Math.Ceiling((totalBytes - bytes) / 1e6 / rate));
        return text + string.Format(c, ", about {0}:{1:D2} left", (int)left.TotalMinutes, left.Seconds);
    }
}
