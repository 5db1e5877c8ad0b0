using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Core.Patchwork;
using DiffLint.Core.Profiles;
using DiffLint.Core.Reading;
using DiffLint.Core.Trees;

namespace DiffLint.Core;

public sealed record RunOptions
{
    /// <summary>Threads for parsing and analysis; 0 means one per core.</summary>
    public int DegreeOfParallelism { get; init; }

    public ReaderOptions Reader { get; init; } = new();

    /// <summary>Opens standard input for the <c>-</c> input (tests substitute their own stream).</summary>
    public Func<Stream>? StandardInput { get; init; }

    /// <summary>The repository at hand for checking commit references (Fixes: tags); null when there is none.</summary>
    public ICommitLookup? CommitLookup { get; init; }

    /// <summary>Where whole pre-image files are read for rules that need whole functions; null: the patch alone.</summary>
    public ISourceTree? SourceTree { get; init; }

    /// <summary>Called, from any thread, with each message once it is analysed (a progress display).</summary>
    public Action<PatchSummary>? MessageAnalysed { get; init; }
}

/// <summary>Per-input facts reporters need (checkpatch prints the number of lines checked).</summary>
public sealed record InputSummary(InputSource Source, int Messages, int Lines, long Bytes);

public sealed record RunStatistics(
    int Inputs,
    int Messages,
    int Patches,
    int CoverLetters,
    int Replies,
    int OtherMails,
    int Files,
    int Hunks,
    long AddedLines,
    long RemovedLines,
    long ContextLines,
    long Bytes,
    TimeSpan WallTime,
    int Threads)
{
    public int SkippedMails => Replies + OtherMails;

    /// <summary>The counts of the reports the run handed out (findings by severity, patches by profile).</summary>
    public ReportTotals Totals { get; init; } = new();

    /// <summary>What the process spent during the run: CPU time, allocation, garbage collections.</summary>
    public ProcessCost Cost { get; init; }

    /// <summary>The run's CPU time by kind of thread, under <c>--stats</c> (null otherwise, and where the system does not tell).</summary>
    public ThreadCpu? ThreadCpu { get; init; }
    public double MegabytesPerSecond => WallTime.TotalSeconds > 0 ? Bytes / 1e6 / WallTime.TotalSeconds : 0;
}

public sealed record RunResult(
    ImmutableArray<PatchReport> Reports,
    ImmutableArray<InputError> Errors,
    ImmutableArray<InputSummary> Inputs,
    RunStatistics Statistics,
    int InternalErrors)
{
    public IEnumerable<Diagnostic> AllDiagnostics => Reports.SelectMany(r => r.Diagnostics);
}

/// <summary>
/// The whole pipeline: inputs → messages (read sequentially, streamed) → patches and their diagnostics (parsed and
/// analysed in parallel) → series checks → results in input order, whatever the thread timing.
/// </summary>
public sealed class DiffLintRunner(AnalysisEngine engine, RunOptions? options = null)
{
    public static readonly RuleDescriptor ParserFailure = new(
        "DL9002", "parser-failure", "A message could not be parsed",
        "DiffLint could not parse this message: {0}", "Internal", Severity.Error,
        """
        ## What it does
        Reports a message on which DiffLint's reader failed with an internal error.

        ## Why it matters
        The message was not analysed. The run exits with code 3; the other messages are still analysed.

        ## Example
        Not produced by any input on purpose; please report it with the message that triggered it.

        ## Configuration
        """);

    private readonly RunOptions _options = options ?? new RunOptions();

    public AnalysisEngine Engine => engine;

    /// <summary>Runs over every input and returns every report, in input order (a caller that needs the whole run at once).</summary>
    public RunResult Run(IReadOnlyList<InputSource> inputs)
    {
        var reports = new List<PatchReport>();
        var result = Run(inputs, reports.Add);
        return result with { Reports = [.. reports] };
    }

    /// <summary>
    /// Runs over every input and hands each report to <paramref name="report"/>, one at a time and in input order, once
    /// its series is complete (docs/series.md, "Streaming"); the result's <see cref="RunResult.Reports"/> is empty. With
    /// one thread it is called on the calling thread; with more, on whichever of the run's threads (the calling thread
    /// among them) completed the results before it, never on two at once.
    /// Nothing of a report is kept once it is handed over, so memory does not grow with the input.
    /// </summary>
    public RunResult Run(IReadOnlyList<InputSource> inputs, Action<PatchReport> report)
    {
        var stopwatch = Stopwatch.StartNew();
        var cost = ProcessCost.Now();
        var timings = engine.Timings;
        // Only --stats prints it; a hook's run does not read /proc for it.
        var threadCpu = timings is null ? null : ThreadCpu.Take();
        var reader = new PatchReader(_options.Reader);
        var errors = new List<InputError>();
        var perInput = new ConcurrentDictionary<int, InputCounters>();
        var internalErrors = 0;
        var threads = _options.DegreeOfParallelism > 0 ? _options.DegreeOfParallelism : Environment.ProcessorCount;
        var totals = new ReportTotals();
        var series = new SeriesStream(engine, _options, r =>
        {
            totals.Add(r);
            var start = timings is null ? 0 : Stopwatch.GetTimestamp();
            report(r);
            timings?.AddStage(RuleTimings.ReportStage, start);
        });

        IEnumerable<(MessageWork Work, long Sequence)> Work()
        {
            long sequence = 0;
            foreach (var input in inputs)
            {
                perInput[input.Ordinal] = new InputCounters();
                using var items = reader.Read(input, () => InputExpander.Open(input, _options.StandardInput)).GetEnumerator();
                while (true)
                {
                    var start = timings is null ? 0 : Stopwatch.GetTimestamp();
                    var more = items.MoveNext();
                    timings?.AddStage(RuleTimings.ReadStage, start);
                    if (!more) break;
                    if (items.Current.Error is { } error) errors.Add(error);
                    else yield return (items.Current.Message!, sequence++);
                }
            }
        }

        var oneMessage = false;

        AnalysedMessage Process((MessageWork Work, long Sequence) item)
        {
            var counters = perInput[item.Work.Source.Ordinal];
            counters.Record(item.Work.Raw);
            Patch patch;
            char[]? text;
            try
            {
                patch = item.Work.Parse(item.Sequence, timings, out text);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Interlocked.Increment(ref internalErrors);
                return new AnalysedMessage(ParseFailureReport(item.Work, item.Sequence, ex), null);
            }

            if (patch.Headers.Count > 0 || patch.Kind != MessageKind.Other) counters.MarkRecognised();
            if (oneMessage) StartupTrace.Mark("patch parsed");
            if (oneMessage && _options.SourceTree is { } tree) PrefetchPreImages(patch, tree);
            var analysed = engine.Analyze(patch, _options.CommitLookup, _options.SourceTree);
            // The report keeps nothing of the patch's text; the series stream analyses an undecided patch again, from
            // its raw mail.
            if (text is not null) MessageBuffers.Return(text);
            var work = item.Work.ReturnBuffer(keepMail: analysed.Patch.Profile.IsFallback);
            if (oneMessage) StartupTrace.Mark("patch analysed");
            _options.MessageAnalysed?.Invoke(analysed.Patch);
            return new AnalysedMessage(analysed, work);
        }

        // One thread (--jobs 1, or a one-core machine) or one message (a hook's patch): everything on the calling
        // thread, since worker threads cost more to start than one patch takes.
        using (var messages = Work().GetEnumerator())
        {
            var first = new List<(MessageWork Work, long Sequence)>(2);
            while (first.Count < 2 && messages.MoveNext()) first.Add(messages.Current);
            oneMessage = first.Count == 1;
            if (oneMessage) StartupTrace.Mark("message read");
            if (threads == 1 || first.Count < 2)
            {
                // Not first.Concat(...): LINQ over the (work, sequence) pairs is generic code a precompiled build lacks
                // and JIT-compiles at every start, a hook's included.
                foreach (var item in first) series.Add(Process(item));
                while (messages.MoveNext()) series.Add(Process(messages.Current));
            }
            else
            {
                MessagePipeline.Run(first.Concat(Rest(messages)), Process, series.Add, threads);
            }
        }

        foreach (var input in inputs)
        {
            var counters = perInput.GetValueOrDefault(input.Ordinal);
            if (counters is { Messages: > 0, Recognised: 0 })
            {
                errors.Add(new InputError(input.DisplayName, 1, null,
                    "not a patch: no mail headers and no unified diff found; expected a git format-patch mail, an mbox, a unified diff or Patchwork JSON"));
            }
        }

        series.Complete();
        internalErrors += engine.RuleFailures;
        stopwatch.Stop();
        var spent = ProcessCost.Since(cost);

        var summaries = inputs.Select(i =>
        {
            var c = perInput.GetValueOrDefault(i.Ordinal);
            return new InputSummary(i, c?.Messages ?? 0, c?.MaxLine ?? 0, c?.Bytes ?? 0);
        }).ToImmutableArray();

        return new RunResult([], [.. errors], summaries,
            totals.Statistics(summaries, stopwatch.Elapsed, threads) with { Cost = spent, ThreadCpu = ThreadCpu.Since(threadCpu, spent.CpuTime) },
            internalErrors);
    }

    private static IEnumerable<T> Rest<T>(IEnumerator<T> items)
    {
        while (items.MoveNext()) yield return items.Current;
    }

    /// <summary>A report on a mail rebuilt from Patchwork JSON, with its lines and findings moved to the JSON file.</summary>
    internal static PatchReport InJsonFile(PatchReport report, PatchworkLineMap map)
    {
        var patch = report.Patch with
        {
            FirstInputLine = map.ObjectStart.Line,
            SubjectInputLine = map.Locate(report.Patch.SubjectInputLine).Line,
            LastInputLine = map.Locate(report.Patch.LastInputLine).Line,
        };
        return report with { Patch = patch, Diagnostics = [.. report.Diagnostics.Select(d => d with { Location = map.Translate(d.Location) })] };
    }

    /// <summary>
    /// Starts reading the pre-images the C rules will ask for (each C file the patch adds lines to and that existed
    /// before: the resource analysis reads them whole) while the other rules run. Only for a run of one message, where
    /// the wait for git is the user's; an archive asks for them in turn, and only when such a rule is on.
    /// </summary>
    private static void PrefetchPreImages(Patch patch, ISourceTree tree)
    {
        foreach (var file in patch.Files)
        {
            if (file.AddsCCode && file.OldPath is not null && file.NewPath is not null) tree.Prefetch(file);
        }
    }

    private static PatchReport ParseFailureReport(MessageWork work, long sequence, Exception ex)
    {
        var summary = new PatchSummary(work.Source, work.MessageIndex, sequence, MessageKind.Patch, SubjectLine.Empty,
            work.Raw.FirstInputLine, null, null, null, null, work.Patchwork, work.Raw.FirstInputLine, work.Raw.LastInputLine,
            work.Raw.Bytes.Length, 0, 0, 0, 0, 0, null, 0);
        var diagnostic = Diagnostic.Create(ParserFailure, Severity.Error, Locations.AtInputLine(work.Raw.FirstInputLine), null,
            $"{ex.GetType().Name}: {ex.Message}");
        return new PatchReport(summary, [diagnostic]);
    }

    private sealed class InputCounters
    {
        private int _messages;
        private int _recognised;
        private int _maxLine;
        private long _bytes;

        public int Messages => _messages;
        public int Recognised => _recognised;
        public int MaxLine => _maxLine;
        public long Bytes => Interlocked.Read(ref _bytes);

        public void Record(RawMessage raw)
        {
            Interlocked.Increment(ref _messages);
            Interlocked.Add(ref _bytes, raw.Bytes.Length + (raw.SeparatorLine?.Length + 1 ?? 0));
            int seen;
            while ((seen = _maxLine) < raw.LastInputLine && Interlocked.CompareExchange(ref _maxLine, raw.LastInputLine, seen) != seen) { }
        }

        public void MarkRecognised() => Interlocked.Increment(ref _recognised);
    }
}
