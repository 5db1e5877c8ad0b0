using System.Globalization;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Rules;

namespace DiffLint.Benchmarks;

/// <summary>
/// <c>--stages [MBOX...]</c>: one run over the shared mboxes (or the files given) with every stage timed, printed as
/// <c>difflint --stats</c> prints it: read, MIME, diff parse, C tokenizer, C structure, moved-code detection, each rule
/// pack, series checks, report writing (here: nothing is written). Not a BenchmarkDotNet run: one pass, for shares.
/// </summary>
internal static class StageTimes
{
    public static void Run(string[] files, int threads)
    {
        var timings = new RuleTimings();
        var runner = new DiffLintRunner(new AnalysisEngine(BuiltInRules.All) { Timings = timings }, new RunOptions { DegreeOfParallelism = threads });
        var paths = files.Length > 0 ? files : [.. ReadAndAnalyzeBenchmark.Inputs().Select(SharedCorpus.PathOf)];
        var inputs = paths.Select((p, i) => new InputSource(p, p, i)).ToList();
        var result = runner.Run(inputs, _ => { });
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Format(c, "{0:N0} bytes, {1} messages, {2:F1} ms wall on {3} thread(s), {4:F1} MB/s", result.Statistics.Bytes,
            result.Statistics.Messages, result.Statistics.WallTime.TotalMilliseconds, result.Statistics.Threads, result.Statistics.MegabytesPerSecond));
        var stages = timings.Stages();
        var total = stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Time);
        foreach (var (stage, time) in stages)
            Console.WriteLine(string.Format(c, "{0,10:F1} ms {1,5:P0}  {2}", time.TotalMilliseconds, total > TimeSpan.Zero ? time / total : 0, stage));
        var cost = result.Statistics.Cost;
        Console.WriteLine(string.Format(c, "{0,10:F1} ms CPU outside all stages (garbage collection, JIT, waiting threads)", (cost.CpuTime - total).TotalMilliseconds));
        foreach (var (name, value) in cost.Describe()) Console.WriteLine($"{name}: {value}");
    }
}
