using BenchmarkDotNet.Attributes;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Core.Profiles;
using DiffLint.Core.Reading;
using DiffLint.Rules;
using DiffLint.Rules.Style;

namespace DiffLint.Benchmarks;

/// <summary>
/// The C spacing rules (DL3001-DL3011) on one core over patches already parsed from each shared mbox, under the QEMU
/// profile (the strictest operator spacing), next to an engine with no rules: the difference is what the spacing rules
/// cost on top of tokenizing. MB/s divides the mbox size by the mean time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class SpacingRulesBenchmark
{
    private List<Patch> _patches = [];
    private AnalysisEngine _spacing = null!;
    private AnalysisEngine _none = null!;

    [ParamsSource(nameof(Inputs))]
    public string Mbox { get; set; } = "";

    public static IEnumerable<string> Inputs() => ReadAndAnalyzeBenchmark.Inputs();

    public long Bytes => new FileInfo(SharedCorpus.PathOf(Mbox)).Length;

    [GlobalSetup]
    public void Setup()
    {
        var path = SharedCorpus.PathOf(Mbox);
        var reader = new PatchReader(new ReaderOptions());
        _patches = [];
        long sequence = 0;
        foreach (var item in reader.Read(new InputSource(path, path, 0), () => File.OpenRead(path)))
        {
            if (item.Message is { } message) _patches.Add(message.Parse(sequence++));
        }

        var profiles = new ProfileSelector(BuiltInProfiles.Qemu, "benchmark");
        _spacing = new AnalysisEngine(BuiltInRules.All.Where(r => r.GetType().Namespace == typeof(OperatorSpacingRule).Namespace), profiles: profiles);
        _none = new AnalysisEngine([], profiles: profiles);
    }

    [Benchmark(Baseline = true)]
    public int NoRules() => Run(_none);

    [Benchmark]
    public int SpacingRules() => Run(_spacing);

    private int Run(AnalysisEngine engine)
    {
        var findings = 0;
        foreach (var patch in _patches) findings += engine.Analyze(patch).Diagnostics.Length;
        return findings;
    }
}
