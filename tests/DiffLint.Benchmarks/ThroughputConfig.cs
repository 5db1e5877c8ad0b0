using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace DiffLint.Benchmarks;

/// <summary>
/// Short runs (the inputs are small and the machine has 2 cores) plus an MB/s column, under the GC and JIT settings
/// of the CLI: workstation, non-concurrent, the large-object threshold of Directory.Build.props, and no dynamic PGO
/// (this project's runtimeconfig carries them; the benchmark processes BenchmarkDotNet starts get them through the
/// environment).
/// </summary>
public sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig()
    {
        // Enough warm-up for tiered JIT to promote the hot paths (call counting needs ~30 calls and a 100 ms quiet period).
        var job = Job.Default.WithWarmupCount(12).WithIterationCount(15).WithGcServer(false).WithGcConcurrent(false).WithId("1 core");
        if (AppContext.GetData("System.GC.LOHThreshold") is { } threshold)
        {
            var bytes = Convert.ToInt64(threshold, System.Globalization.CultureInfo.InvariantCulture);
            job = job.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_GCLOHThreshold", bytes.ToString("x")));
        }

        if (AppContext.GetData("System.Runtime.TieredPGO") is { } pgo && !Convert.ToBoolean(pgo, System.Globalization.CultureInfo.InvariantCulture))
            job = job.WithEnvironmentVariable("DOTNET_TieredPGO", "0");

        AddJob(job);
        AddColumn(new MegabytesPerSecondColumn());
    }

    private sealed class MegabytesPerSecondColumn : IColumn
    {
        public string Id => "MBps";
        public string ColumnName => "MB/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Input megabytes (10^6 bytes) read, parsed and analysed per second";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var report = summary[benchmarkCase];
            var mean = report?.ResultStatistics?.Mean;
            var mbox = benchmarkCase.Parameters["Mbox"] as string;
            if (mean is null or <= 0 || mbox is null) return "-";
            var bytes = new FileInfo(SharedCorpus.PathOf(mbox)).Length;
            return (bytes / 1e6 / (mean.Value / 1e9)).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
