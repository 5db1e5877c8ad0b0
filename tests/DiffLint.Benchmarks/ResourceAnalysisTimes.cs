using System.Collections.Immutable;
using System.Globalization;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Rules.Resource;
using DiffLint.Rules.Resources;

namespace DiffLint.Benchmarks;

/// <summary>
/// <c>--resources [-n RUNS] MBOX</c>: the CPU time of the resource analysis alone (what <c>--stats</c> charges to
/// ResourceLeakRule), as the calling thread's CPU time (<see cref="ThreadClock"/>) summed over the patches of one run,
/// for each of RUNS runs after three to warm up. <c>--stats</c> times rules by the wall clock, which another process on
/// the cores inflates by tens of percent; this thread-CPU figure held within ±1 ms (the minimum of 11 runs of the 16 MB
/// archive, ~30 ms) with four sessions on two cores, so a change to the analysis can be judged A/B in a minute.
/// </summary>
/// <remarks>
/// Only the analysis runs (with one empty fragment action, so that the engine builds the C views the analysis reuses,
/// as it does for the built-in rules): its data is warm in the caches, and the code JIT-compiled at the top tier, so the
/// figure is a lower bound of its share of a full run.
/// </remarks>
internal static class ResourceAnalysisTimes
{
    public static void Run(string path, int runs)
    {
        var input = new InputSource(path, path, 0);
        for (var i = 0; i < 3; i++) RunOnce(input);
        var times = new List<double>();
        for (var i = 0; i < runs; i++) times.Add(RunOnce(input));
        times.Sort();
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Format(c, "resource analysis, thread CPU per run: min {0:F1} ms, median {1:F1} ms ({2})", times[0],
            times[times.Count / 2], string.Join(" ", times.Select(t => t.ToString("F1", c)))));
    }

    private static double RunOnce(InputSource input)
    {
        var rule = new TimedAnalysis();
        new DiffLintRunner(new AnalysisEngine([rule]), new RunOptions { DegreeOfParallelism = 1 }).Run([input], _ => { });
        return rule.Time.TotalMilliseconds;
    }

    /// <summary>Asks each patch for its resource facts, as the DL50xx rules do, and sums the thread CPU time it took.</summary>
    private sealed class TimedAnalysis : PatchRule
    {
        public TimeSpan Time { get; private set; }

        public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [ResourceLeakRule.Descriptor];

        public override void Initialize(RuleRegistration registration)
        {
            registration.RegisterFragmentAction(_ => { });
            registration.RegisterPatchEndAction(context =>
            {
                var start = ThreadClock.Now() ?? TimeSpan.Zero;
                context.GetValue(ResourceAnalysis.Facts);
                Time += (ThreadClock.Now() ?? TimeSpan.Zero) - start;
            });
            ResourcePairTables.StartLoading();
        }
    }
}
