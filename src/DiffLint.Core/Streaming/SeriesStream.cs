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
    private readonly Queue<(long Sequence, ProfileChoice Choice)> _choices = new();

    /// <summary>What <see cref="_choices"/> says about the layout.</summary>
    private readonly InputLayoutTally _layout = new();

    /// <summary>The series the members form as they come.</summary>
    private readonly OpenSeries<Entry> _series = new(Window);

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
        _pending.Enqueue(entry);
        if (entry.Undecided is not null) _undecided.Enqueue(entry);
        if (patch.IsAnalysed)
        {
            _choices.Enqueue((patch.Sequence, patch.Profile));
            _layout.Add(patch.Profile);
        }
        if (entry.IsMember)
        {
            entry.Member = _series.Add(patch, entry);
            if (!SeriesGrouping.MayJoinASeries(patch)) entry.Alone = true;
        }

        while (_undecided.TryPeek(out var first) && first.Sequence <= _newest - Window) Decide(_undecided.Dequeue());
        ForgetChoicesBefore(_newest - 2 * Window);
        Drain(final: false);
        _series.Forget(_newest);
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
                else if (!final && !_series.IsComplete(head.Member!, _newest)) return;
                else FinishSeries([.. _series.SeriesOf(head.Member!).Select(m => m.Item)]);
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
    /// Analyses again, under the layout the patches around it show (<see cref="InputLayoutTally"/>), a patch
    /// about which nothing told a profile. Only those patches' raw mail is kept until then.
    /// </summary>
    private void Decide(Entry entry)
    {
        var work = entry.Undecided!;
        entry.Undecided = null;
        var sequence = entry.Sequence;
        // Undecided patches are decided in input order, once the window after them is read (or at the end): the choices
        // left are those within the window around this one.
        ForgetChoicesBefore(sequence - Window);
        if (_layout.Layout is not { } layout) return;
        var start = engine.Timings is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        entry.Report = engine.Analyze(work.Parse(sequence, null, out var text), options.CommitLookup, options.SourceTree, layout);
        if (text is not null) MessageBuffers.Return(text);
        engine.Timings?.AddStage(RuleTimings.SeriesStage, start);
    }

    private void ForgetChoicesBefore(long sequence)
    {
        while (_choices.TryPeek(out var oldest) && oldest.Sequence < sequence) _layout.Remove(_choices.Dequeue().Choice);
    }

    private sealed class Entry(PatchReport report)
    {
        public PatchReport Report { get; set; } = report;

        public long Sequence { get; } = report.Patch.Sequence;

        public MessageWork? Undecided { get; set; }

        public PatchworkLineMap? Lines { get; init; }

        public bool IsMember { get; init; }

        public bool Alone { get; set; }

        public bool Finished { get; set; }

        /// <summary>Its place in the series of the stream (members only).</summary>
        public OpenSeries<Entry>.Member? Member { get; set; }
    }
}
