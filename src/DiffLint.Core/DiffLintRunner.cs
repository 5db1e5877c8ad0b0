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

    public RunResult Run(IReadOnlyList<InputSource> inputs)
    {
        var stopwatch = Stopwatch.StartNew();
        var reader = new PatchReader(_options.Reader);
        var errors = new List<InputError>();
        var perInput = new ConcurrentDictionary<int, InputCounters>();
        var internalErrors = 0;
        var threads = _options.DegreeOfParallelism > 0 ? _options.DegreeOfParallelism : Environment.ProcessorCount;
        var undecided = new ConcurrentDictionary<long, MessageWork>();
        var inputLines = new ConcurrentDictionary<long, PatchworkLineMap>();

        IEnumerable<(MessageWork Work, long Sequence)> Work()
        {
            long sequence = 0;
            foreach (var input in inputs)
            {
                perInput[input.Ordinal] = new InputCounters();
                foreach (var item in reader.Read(input, () => InputExpander.Open(input, _options.StandardInput)))
                {
                    if (item.Error is { } error) errors.Add(error);
                    else yield return (item.Message!, sequence++);
                }
            }
        }

        PatchReport Process((MessageWork Work, long Sequence) item)
        {
            var counters = perInput[item.Work.Source.Ordinal];
            counters.Record(item.Work.Raw);
            Patch patch;
            try
            {
                patch = item.Work.Parse(item.Sequence);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Interlocked.Increment(ref internalErrors);
                return ParseFailureReport(item.Work, item.Sequence, ex);
            }

            if (patch.Headers.Count > 0 || patch.Kind != MessageKind.Other) counters.MarkRecognised();
            var report = engine.Analyze(patch, _options.CommitLookup, _options.SourceTree);
            if (report.Patch.Profile.IsFallback) undecided[item.Sequence] = item.Work;
            if (item.Work.InputLines is { } lines) inputLines[item.Sequence] = lines;
            _options.MessageAnalysed?.Invoke(report.Patch);
            return report;
        }

        // One thread (--jobs 1, or a one-core machine) or one message (a hook's patch): no PLINQ, whose ordered merge
        // would still hand every message to a worker thread and back, and whose workers cost more to start and spin
        // than one patch takes.
        using var messages = Work().GetEnumerator();
        var first = new List<(MessageWork Work, long Sequence)>(2);
        while (first.Count < 2 && messages.MoveNext()) first.Add(messages.Current);
        var all = first.Concat(Rest(messages));
        var reports = threads == 1 || first.Count < 2
            ? all.Select(Process).ToList()
            : all.AsParallel().AsOrdered().WithDegreeOfParallelism(threads).Select(Process).ToList();

        foreach (var input in inputs)
        {
            var counters = perInput.GetValueOrDefault(input.Ordinal);
            if (counters is { Messages: > 0, Recognised: 0 })
            {
                errors.Add(new InputError(input.DisplayName, 1, null,
                    "not a patch: no mail headers and no unified diff found; expected a git format-patch mail, an mbox, a unified diff or Patchwork JSON"));
            }
        }

        if (!undecided.IsEmpty) reports = FollowInputLayout(reports, undecided);
        reports = AddSeriesDiagnostics(reports);
        // Last, when every rule has reported in the lines of the rebuilt mails: Patchwork findings move to the JSON file.
        if (!inputLines.IsEmpty) reports = [.. reports.Select(r => inputLines.TryGetValue(r.Patch.Sequence, out var map) ? InJsonFile(r, map) : r)];
        internalErrors += engine.RuleFailures;
        stopwatch.Stop();

        var summaries = inputs.Select(i =>
        {
            var c = perInput.GetValueOrDefault(i.Ordinal);
            return new InputSummary(i, c?.Messages ?? 0, c?.MaxLine ?? 0, c?.Bytes ?? 0);
        }).ToImmutableArray();

        return new RunResult([.. reports], [.. errors], summaries, Statistics(reports, summaries, stopwatch.Elapsed, threads), internalErrors);
    }

    private static IEnumerable<T> Rest<T>(IEnumerator<T> items)
    {
        while (items.MoveNext()) yield return items.Current;
    }

    /// <summary>
    /// Analyses again, under the layout the other patches of the run show, the patches about which nothing told a profile
    /// (<see cref="ProfileSelector.InputLayout"/>). Only those patches' raw mail is kept until then, and the decision
    /// looks at every patch, so it does not depend on the order the threads finish in.
    /// </summary>
    private List<PatchReport> FollowInputLayout(List<PatchReport> reports, ConcurrentDictionary<long, MessageWork> undecided)
    {
        if (ProfileSelector.InputLayout(reports.Where(r => r.Patch.IsAnalysed).Select(r => r.Patch.Profile)) is not { } layout) return reports;
        return reports.Select(report => undecided.TryGetValue(report.Patch.Sequence, out var work)
            ? engine.Analyze(work.Parse(report.Patch.Sequence), _options.CommitLookup, _options.SourceTree, layout)
            : report).ToList();
    }

    /// <summary>A report on a mail rebuilt from Patchwork JSON, with its lines and findings moved to the JSON file.</summary>
    private static PatchReport InJsonFile(PatchReport report, PatchworkLineMap map)
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
    /// Series checks: the diagnostics of the series rules, and the removal of findings on lines that one patch of a
    /// series adds and another removes (code the series only moves between its patches, as a patch may within itself).
    /// </summary>
    private List<PatchReport> AddSeriesDiagnostics(List<PatchReport> reports)
    {
        var bySequence = new Dictionary<long, PatchReport>(reports.Count);
        foreach (var report in reports) bySequence[report.Patch.Sequence] = report;
        var members = reports.Select(r => r.Patch).Where(p => p.Kind is MessageKind.Patch or MessageKind.CoverLetter or MessageKind.PlainDiff);
        var extraAll = new Dictionary<long, List<Diagnostic>>();
        var movedAll = new Dictionary<long, HashSet<int>>();
        foreach (var series in SeriesGrouping.Group(members))
        {
            foreach (var (sequence, extra) in engine.AnalyzeSeries(series))
            {
                if (!extraAll.TryGetValue(sequence, out var list)) extraAll[sequence] = list = [];
                list.AddRange(extra);
            }

            var patches = series.Where(m => m.IsAnalysed && bySequence[m.Sequence].Changes is not null).ToList();
            if (patches.Count < 2) continue;
            var moved = SeriesMoves.Find([.. patches.Select(m => bySequence[m.Sequence].Changes!)]);
            for (var i = 0; i < patches.Count; i++)
            {
                if (moved[i] is { } lines) movedAll[patches[i].Sequence] = lines;
            }
        }

        if (extraAll.Count == 0 && movedAll.Count == 0) return reports;
        return reports.Select(r =>
        {
            var hasExtra = extraAll.TryGetValue(r.Patch.Sequence, out var extra);
            var hasMoved = movedAll.TryGetValue(r.Patch.Sequence, out var moved);
            if (!hasExtra && !hasMoved) return r;
            var kept = hasMoved ? r.Diagnostics.Where(d => !(d.Location.Kind == LocationKind.File && moved!.Contains(d.Location.InputLine))) : r.Diagnostics;
            return r with { Diagnostics = [.. kept.Concat(extra ?? []).Order(DiagnosticOrder.Instance)] };
        }).ToList();
    }

    private static PatchReport ParseFailureReport(MessageWork work, long sequence, Exception ex)
    {
        var summary = new PatchSummary(work.Source, work.MessageIndex, sequence, MessageKind.Patch, SubjectLine.Empty,
            work.Raw.FirstInputLine, null, null, null, null, work.Patchwork, work.Raw.FirstInputLine, work.Raw.LastInputLine,
            work.Raw.Bytes.LongLength, 0, 0, 0, 0, 0, null, 0);
        var diagnostic = new Diagnostic(ParserFailure, Severity.Error, ParserFailure.FormatMessage($"{ex.GetType().Name}: {ex.Message}"),
            Locations.AtInputLine(work.Raw.FirstInputLine));
        return new PatchReport(summary, [diagnostic]);
    }

    private static RunStatistics Statistics(List<PatchReport> reports, ImmutableArray<InputSummary> inputs, TimeSpan wall, int threads)
    {
        int patches = 0, covers = 0, replies = 0, others = 0, files = 0, hunks = 0;
        long added = 0, removed = 0, context = 0;
        foreach (var report in reports)
        {
            var p = report.Patch;
            switch (p.Kind)
            {
                case MessageKind.Patch or MessageKind.PlainDiff: patches++; break;
                case MessageKind.CoverLetter: covers++; break;
                case MessageKind.Reply: replies++; break;
                default: others++; break;
            }

            if (!p.IsAnalysed) continue;
            files += p.FileCount;
            hunks += p.HunkCount;
            added += p.AddedLines;
            removed += p.RemovedLines;
            context += p.ContextLines;
        }

        return new RunStatistics(inputs.Length, reports.Count, patches, covers, replies, others, files, hunks, added, removed,
            context, inputs.Sum(i => i.Bytes), wall, threads);
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
            Interlocked.Add(ref _bytes, raw.Bytes.LongLength + (raw.SeparatorLine?.Length + 1 ?? 0));
            int seen;
            while ((seen = _maxLine) < raw.LastInputLine && Interlocked.CompareExchange(ref _maxLine, raw.LastInputLine, seen) != seen) { }
        }

        public void MarkRecognised() => Interlocked.Increment(ref _recognised);
    }
}
