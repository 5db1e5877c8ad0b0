using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Core.Profiles;

namespace DiffLint.Tests.Analysis;

public class AnalysisEngineTests
{
    private const string Documentation = "## What it does\nTest.\n\n## Why it matters\nTest.\n\n## Example\nTest.\n\n## Configuration\nNone.\n";

    private const string Patch = """
        From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001
        From: A U Thor <author@example.com>
        Subject: [PATCH] add two counters

        Signed-off-by: A U Thor <author@example.com>
        ---
        diff --git a/a.c b/a.c
        --- a/a.c
        +++ b/a.c
        @@ -1,2 +1,4 @@
         int keep;
        +int one;
        +int two;
         int end;
        @@ -10,2 +12,3 @@
         int other;
        +int three;
         int last;
        """;

    /// <summary>Counts its calls; optionally limited to profiles, throwing on a line, or asking a shared value.</summary>
    private sealed class CountingRule(string id, ImmutableArray<string> profiles = default, string? throwOn = null) : PatchRule
    {
        public readonly RuleDescriptor Descriptor = new(id, "counting", "Counting", "Line {0}", "Style", Severity.Warning, Documentation,
            profiles: profiles);

        public int Calls { get; private set; }
        public List<int> SharedValues { get; } = [];

        public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

        public override void Initialize(RuleRegistration registration)
        {
            registration.RegisterAddedLineAction(context =>
            {
                Calls++;
                if (throwOn is not null && context.Text.SequenceEqual(throwOn)) throw new InvalidOperationException("boom");
                context.Report(Descriptor, 0, context.Text.Length, null, context.Line.NewLine);
            });
            registration.RegisterPatchAction(context => SharedValues.Add(context.GetValue(AddedLineCount)));
        }
    }

    private static int s_computations;

    private static readonly PatchValueProvider<int> AddedLineCount = new(patch =>
    {
        Interlocked.Increment(ref s_computations);
        return patch.Files.Sum(f => f.AddedCount);
    });

    private static Patch Parsed() => Assert.Single(TestRunner.ParseText(Patch));

    [Fact]
    public void ARuleThatThrowsIsReportedOnceAndTheOtherRulesStillRun()
    {
        var failing = new CountingRule("DL3997", throwOn: "int one;");
        var healthy = new CountingRule("DL3998");
        var engine = new AnalysisEngine([failing, healthy]);
        var report = engine.Analyze(Parsed());
        var failure = Assert.Single(report.Diagnostics, d => d.Id == AnalysisEngine.RuleFailure.Id);
        Assert.Contains("CountingRule", failure.Message);
        Assert.Contains("InvalidOperationException: boom", failure.Message);
        Assert.Equal(1, engine.RuleFailures);
        // The failing rule skips the rest of that hunk only; the next hunk is judged again.
        Assert.Equal([13], report.Diagnostics.Where(d => d.Id == "DL3997").Select(d => d.Location.Line));
        Assert.Equal([2, 3, 13], report.Diagnostics.Where(d => d.Id == "DL3998").Select(d => d.Location.Line));
    }

    [Fact]
    public void ARuleWhoseDiagnosticsDoNotApplyToTheProfileIsNotRun()
    {
        var qemuOnly = new CountingRule("DL3997", profiles: ["qemu"]);
        new AnalysisEngine([qemuOnly]).Analyze(Parsed());
        Assert.Equal(0, qemuOnly.Calls);

        var forced = new CountingRule("DL3997", profiles: ["qemu"]);
        var report = new AnalysisEngine([forced], profiles: new ProfileSelector(BuiltInProfiles.Qemu)).Analyze(Parsed());
        Assert.Equal(3, forced.Calls);
        Assert.Equal(3, report.Diagnostics.Length);
    }

    [Fact]
    public void ARuleTurnedOffByConfigurationIsNotRun()
    {
        var rule = new CountingRule("DL3997");
        var configuration = RuleConfiguration.Default.WithRule("DL3997", null);
        Assert.Empty(new AnalysisEngine([rule], configuration).Analyze(Parsed()).Diagnostics);
        Assert.Equal(0, rule.Calls);
    }

    [Fact]
    public void APatchValueIsComputedOncePerPatchForAllRules()
    {
        var first = new CountingRule("DL3997");
        var second = new CountingRule("DL3998");
        var engine = new AnalysisEngine([first, second]);
        var before = Volatile.Read(ref s_computations);
        engine.Analyze(Parsed());
        engine.Analyze(Parsed());
        Assert.Equal(2, Volatile.Read(ref s_computations) - before);
        Assert.Equal([3, 3], first.SharedValues);
        Assert.Equal([3, 3], second.SharedValues);
    }

    [Fact]
    public void TimingsNameEachRuleThatRan()
    {
        var rule = new CountingRule("DL9990");
        var engine = new AnalysisEngine([rule]) { Timings = new RuleTimings() };
        engine.Analyze(Parsed());
        Assert.Contains(engine.Timings!.Slowest(), t => t.Owner == nameof(CountingRule));
        Assert.True(engine.Timings.Total >= TimeSpan.Zero);
    }

    [Fact]
    public void TimingsSumWhatEachThreadAdded()
    {
        var timings = new RuleTimings();
        // Two names of the same text, as two threads' tables could hold them: summed by name.
        var name = new string("SomeRule".AsSpan());
        var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            for (var i = 0; i < 1000; i++) timings.Add(name, 0, 10);
            timings.Add("SomeRule", 0, 5);
        })).ToList();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        Assert.Equal(System.Diagnostics.Stopwatch.GetElapsedTime(0, 4 * (1000 * 10 + 5)), Assert.Single(timings.Slowest()).Time);
    }

    [Fact]
    public void StrictRulesRunOnlyUnderStrictOrOnTheKernelsStrictPaths()
    {
        var strict = new StrictRule();
        Assert.Empty(new AnalysisEngine([strict]).Analyze(Parsed()).Diagnostics);
        Assert.NotEmpty(new AnalysisEngine([strict], RuleConfiguration.Default.WithStrict(true)).Analyze(Parsed()).Diagnostics);
        var netPatch = Assert.Single(TestRunner.ParseText(Patch.Replace("a/a.c", "a/net/core/a.c").Replace("b/a.c", "b/net/core/a.c")));
        Assert.NotEmpty(new AnalysisEngine([strict]).Analyze(netPatch).Diagnostics);
        Assert.NotEmpty(new AnalysisEngine([strict], RuleConfiguration.Default.WithRule("DL9991", Severity.Warning)).Analyze(Parsed()).Diagnostics);
    }

    /// <summary>A CHECK-level rule (checkpatch --strict) that reports every added line.</summary>
    private sealed class StrictRule : PatchRule
    {
        private static readonly RuleDescriptor Descriptor = new("DL9991", "strict-counting", "Strict", "Line {0}", "Style", Severity.Note, Documentation,
            isStrict: true);

        public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

        public override void Initialize(RuleRegistration registration) =>
            registration.RegisterAddedLineAction(context => context.Report(Descriptor, 0, context.Text.Length, null, context.Line.NewLine));
    }
}
