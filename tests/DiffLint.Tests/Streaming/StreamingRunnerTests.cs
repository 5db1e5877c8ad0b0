using System.Text;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Rules;

namespace DiffLint.Tests.Streaming;

/// <summary>
/// The runner streams: reports come out in input order, as soon as their series is complete, and no more than a
/// bounded window of them waits, whatever the input's length; the series checks still see whole series.
/// </summary>
public class StreamingRunnerTests
{
    private static InputSource Input(string path, int ordinal = 0) => new(path, path, ordinal);

    private static List<PatchReport> Stream(DiffLintRunner runner, params InputSource[] inputs)
    {
        var reports = new List<PatchReport>();
        runner.Run(inputs, reports.Add);
        return reports;
    }

    private static string Describe(IEnumerable<PatchReport> reports) =>
        string.Join("\n", reports.Select(r => $"{r.Patch.Sequence} {r.Patch.Subject.Raw}: " + string.Join(", ", r.Diagnostics.Select(d => $"{d.Id}@{d.Location.InputLine}"))));

    [SharedFact]
    public void StreamedReportsComeInInputOrderAndMatchOneThread()
    {
        var watchdog = Input(Path.Combine(TestPaths.Corpus, "lists", "watchdog.mbox"));
        var one = Stream(new DiffLintRunner(new AnalysisEngine(BuiltInRules.All), new RunOptions { DegreeOfParallelism = 1 }), watchdog);
        var two = Stream(new DiffLintRunner(new AnalysisEngine(BuiltInRules.All), new RunOptions { DegreeOfParallelism = 2 }), watchdog);
        Assert.Equal(Enumerable.Range(0, one.Count).Select(i => (long)i), one.Select(r => r.Patch.Sequence));
        Assert.Equal(Describe(one), Describe(two));
        // The series rules ran on the list's real series (docs/series.md, "What the corpus shows").
        Assert.Contains(one.SelectMany(r => r.Diagnostics), d => d.Id == "DL1058");
        Assert.Contains(one.SelectMany(r => r.Diagnostics), d => d.Id == "DL1060");
    }

    [Fact]
    public void ALongArchiveWaitsForNoMoreThanTheWindow()
    {
        var path = Path.Combine(Path.GetTempPath(), $"difflint-stream-{Guid.NewGuid():N}.mbox");
        const int messages = SeriesStream.Window * 3;
        try
        {
            WriteArchive(path, messages);
            var analysed = 0;
            var emitted = 0;
            var mostWaiting = 0;
            var runner = new DiffLintRunner(new AnalysisEngine(BuiltInRules.All), new RunOptions
            {
                DegreeOfParallelism = 2,
                MessageAnalysed = _ => Interlocked.Increment(ref analysed),
            });
            runner.Run([Input(path)], _ =>
            {
                emitted++;
                mostWaiting = Math.Max(mostWaiting, Volatile.Read(ref analysed) - emitted);
            });
            Assert.Equal(messages, emitted);
            // The series window, and what the readers and workers hold in flight.
            Assert.InRange(mostWaiting, 0, SeriesStream.Window + MessagePipeline.Capacity(2) + 2);
            Assert.True(mostWaiting < messages / 2, $"{mostWaiting} of {messages} reports waited: the run is not streaming");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ASeriesIsCheckedWholeWithinTheWindow()
    {
        // Patches 1/3 and 3/3 of one thread, with unrelated patches between them, and no 2/3: the gap is reported.
        var mbox = new StringBuilder();
        Mail(mbox, "<c@x>", null, "[PATCH 1/3] a: one", "a.c");
        for (var i = 0; i < 20; i++) Mail(mbox, $"<u{i}@x>", null, $"[PATCH] u: unrelated {i}", $"u{i}.c");
        Mail(mbox, "<e@x>", "<c@x>", "[PATCH 3/3] a: three", "c.c");
        var reports = Run(mbox.ToString());
        Assert.Contains(reports.SelectMany(r => r.Diagnostics), d => d.Id == "DL1055");
    }

    private static List<PatchReport> Run(string mbox)
    {
        var path = Path.Combine(Path.GetTempPath(), $"difflint-stream-{Guid.NewGuid():N}.mbox");
        try
        {
            File.WriteAllText(path, mbox);
            return Stream(new DiffLintRunner(new AnalysisEngine(BuiltInRules.All), new RunOptions { DegreeOfParallelism = 2 }), Input(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void WriteArchive(string path, int messages)
    {
        var mbox = new StringBuilder();
        for (var i = 0; i < messages; i++) Mail(mbox, $"<m{i}@x>", null, $"[PATCH] lib: change {i}", $"lib/f{i % 50}.c");
        File.WriteAllText(path, mbox.ToString());
    }

    private static void Mail(StringBuilder mbox, string id, string? inReplyTo, string subject, string file)
    {
        mbox.Append("From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n")
            .Append("From: Jane Developer <jane@example.org>\n")
            .Append("Date: Tue, 3 Mar 2026 10:12:00 +0100\n")
            .Append("Message-ID: ").Append(id).Append('\n');
        if (inReplyTo is not null) mbox.Append("In-Reply-To: ").Append(inReplyTo).Append("\nReferences: ").Append(inReplyTo).Append('\n');
        mbox.Append("Subject: ").Append(subject).Append("\n\nA change.\n\nSigned-off-by: Jane Developer <jane@example.org>\n---\n")
            .Append("diff --git a/").Append(file).Append(" b/").Append(file).Append("\n--- a/").Append(file).Append("\n+++ b/").Append(file).Append('\n')
            .Append("@@ -1,1 +1,2 @@\n int a;\n+int b;\n\n");
    }
}
