using BenchmarkDotNet.Attributes;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Rules;

namespace DiffLint.Benchmarks;

/// <summary>
/// Read + engine throughput on one core: split, decode, parse and run every built-in rule over each shared mbox,
/// the file read from the page cache. The MB/s column divides the input size by the mean time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class ReadAndAnalyzeBenchmark
{
    private DiffLintRunner _runner = null!;
    private InputSource _input = null!;

    public static IEnumerable<string> Inputs() =>
    [
        "bluez.mbox", "git.mbox", "iproute2.mbox", "libslirp.mbox", "seabios.mbox", "u-boot.mbox", "util-linux.mbox",
        "lists/watchdog.mbox",
    ];

    [ParamsSource(nameof(Inputs))]
    public string Mbox { get; set; } = "";

    public long Bytes => new FileInfo(SharedCorpus.PathOf(Mbox)).Length;

    [GlobalSetup]
    public void Setup()
    {
        _runner = new DiffLintRunner(new AnalysisEngine(BuiltInRules.All), new RunOptions { DegreeOfParallelism = 1 });
        var path = SharedCorpus.PathOf(Mbox);
        _input = new InputSource(path, path, 0);
    }

    [Benchmark]
    public int ReadAndAnalyze()
    {
        var result = _runner.Run([_input]);
        return result.Reports.Length;
    }
}
