using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Core.Patchwork;
using DiffLint.Core.Profiles;
using DiffLint.Core.Reading;

namespace DiffLint.Core;

/// <summary>A message once analysed: its report, and the message itself (to analyse it again under the input's layout).</summary>
internal readonly record struct AnalysedMessage(PatchReport Report, MessageWork? Work);

/// <summary>
/// Between analysis and the reporters: takes the reports in input order, finishes each series (the series rules and
/// code moved between its patches) once no later message can join it, and hands the reports on in input order.
/// A message can only join a series, or tell the layout of an undecided patch, within <see cref="Window"/> messages
/// (docs/series.md, "Streaming"), so at most that many reports wait here, whatever the input's length.
/// </summary>
internal sealed class SeriesStream(AnalysisEngine engine, RunOptions options, Action<PatchReport> emit)
{
    /// <summary>
    /// How many later messages close a series, and how far around an undecided patch the layout of the others is read.
    /// </summary>
    public const int Window = 1000;

    private readonly Queue<Entry> _pending = new();

    /// <summary>The undecided patches (profile chosen by nothing), in input order.</summary>
    private readonly Queue<Entry> _undecided = new();

    /// <summary>The profile choices of the analysed messages of the last 2 windows, which decide undecided patches.</summary>
    private readonly ProfileChoiceWindow _choices = new();

    /// <summary>Every series member of the last windows (the pending ones and those already handed on), for grouping.</summary>
    private readonly Queue<Entry> _members = new();

    private long _newest = -1;

    public void Add(AnalysedMessage message)
    {
        var report = message.Report;
        var patch = report.Patch;
        var entry = new Entry(report)
        {
            Undecided = patch.Profile.IsFallback ? message.Work : null,
            Lines = message.Work?.InputLines,
            IsMember = patch.Kind is MessageKind.Patch or MessageKind.CoverLetter or MessageKind.PlainDiff,
        };
        _newest = patch.Sequence;
        entry.WaitUntil = _newest + Window;
        _pending.Enqueue(entry);
        if (entry.Undecided is not null) _undecided.Enqueue(entry);
        if (patch.IsAnalysed) _choices.Add(patch.Sequence, patch.Profile);
        if (entry.IsMember)
        {
            _members.Enqueue(entry);
            if (!SeriesGrouping.MayJoinASeries(patch)) entry.Alone = true;
        }

        while (_undecided.TryPeek(out var first) && first.Sequence <= _newest - Window) Decide(_undecided.Dequeue());
        _choices.DropBefore(_newest - 2 * Window);
        Drain(final: false);
        // Grouping looks a window back from the oldest waiting report: older members can no longer matter.
        var horizon = (_pending.TryPeek(out var head) ? head.Sequence : _newest) - Window;
        while (_members.TryPeek(out var member) && member.Sequence < horizon) _members.Dequeue();
    }

    /// <summary>At the end of the input: every series is complete.</summary>
    public void Complete()
    {
        while (_undecided.TryDequeue(out var entry)) Decide(entry);
        Drain(final: true);
    }

    private void Drain(bool final)
    {
        while (_pending.TryPeek(out var head))
        {
            if (head.Undecided is not null) return;
            if (!head.Finished)
            {
                if (!head.IsMember) head.Finished = true;
                else if (head.Alone) FinishSeries([head]);
                else if (!final && _newest < head.WaitUntil) return;
                else FinishExpiredSeries(head, final);
                if (!head.Finished) return;
            }

            _pending.Dequeue();
            // The moved lines are the series checks' alone: reporters never see them.
            var report = head.Report with { Changes = null };
            if (head.Lines is { } lines) report = DiffLintRunner.InJsonFile(report, lines);
            head.Report = null!;
            emit(report);
        }
    }

    /// <summary>
    /// Groups the members of the window (docs/series.md) and finishes every series that has a pending member and whose
    /// last member is a whole window old; the others wait for their own last member's window.
    /// </summary>
    private void FinishExpiredSeries(Entry head, bool final)
    {
        while (_members.TryPeek(out var oldest) && oldest.Sequence < head.Sequence - Window) _members.Dequeue();
        var bySequence = _members.ToDictionary(m => m.Sequence);
        foreach (var group in SeriesGrouping.Group(_members.Select(m => m.Summary)))
        {
            var entries = group.Select(m => bySequence[m.Sequence]).Where(e => !e.Finished).ToList();
            if (entries.Count == 0) continue;
            var last = group.Max(m => m.Sequence);
            if (final || _newest - last >= Window) FinishSeries(entries);
            else foreach (var entry in entries) entry.WaitUntil = last + Window;
        }
    }

    /// <summary>
    /// The series checks of one series: the diagnostics of the series rules, and the removal of findings on lines that
    /// one patch of the series adds and another removes (code the series only moves between its patches, as a patch
    /// may within itself).
    /// </summary>
    private void FinishSeries(List<Entry> members)
    {
        var start = engine.Timings is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        var extra = engine.AnalyzeSeries([.. members.Select(m => m.Report.Patch)]);
        var patches = members.Where(m => m.Report.Patch.IsAnalysed && m.Report.Changes is not null).ToList();
        var moved = patches.Count < 2 ? null : SeriesMoves.Find([.. patches.Select(m => m.Report.Changes!)]);
        foreach (var member in members)
        {
            member.Finished = true;
            var r = member.Report;
            var hasExtra = extra.TryGetValue(r.Patch.Sequence, out var added);
            var index = moved is null ? -1 : patches.IndexOf(member);
            var lines = index >= 0 ? moved![index] : null;
            if (!hasExtra && lines is null) continue;
            var kept = lines is not null ? r.Diagnostics.Where(d => !(d.Location.Kind == LocationKind.File && lines.Contains(d.Location.InputLine))) : r.Diagnostics;
            member.Report = r with { Diagnostics = [.. kept.Concat(added ?? []).Order(DiagnosticOrder.Instance)] };
        }

        engine.Timings?.AddStage(RuleTimings.SeriesStage, start);
    }

    /// <summary>
    /// Analyses again, under the layout the patches around it show (<see cref="ProfileSelector.LayoutVotes"/>), a patch
    /// about which nothing told a profile. Only those patches' raw mail is kept until then.
    /// </summary>
    private void Decide(Entry entry)
    {
        var work = entry.Undecided!;
        entry.Undecided = null;
        var sequence = entry.Sequence;
        if (_choices.Around(sequence, Window).InputLayout is not { } layout) return;
        var start = engine.Timings is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        entry.Report = engine.Analyze(work.Parse(sequence), options.CommitLookup, options.SourceTree, layout);
        entry.Summary = entry.Report.Patch;
        engine.Timings?.AddStage(RuleTimings.SeriesStage, start);
    }

    private sealed class Entry(PatchReport report)
    {
        public PatchReport Report { get; set; } = report;

        /// <summary>The summary for grouping, kept after the report is handed on.</summary>
        public PatchSummary Summary { get; set; } = report.Patch;

        public long Sequence { get; } = report.Patch.Sequence;

        public MessageWork? Undecided { get; set; }

        public PatchworkLineMap? Lines { get; init; }

        public bool IsMember { get; init; }

        public bool Alone { get; set; }

        public bool Finished { get; set; }

        /// <summary>The newest message to have been read before the series can be complete.</summary>
        public long WaitUntil { get; set; }
    }
}
