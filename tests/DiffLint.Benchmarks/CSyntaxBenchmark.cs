using BenchmarkDotNet.Attributes;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;
using DiffLint.Core.Model;
using DiffLint.Core.Reading;

namespace DiffLint.Benchmarks;

/// <summary>
/// The C view on one core, over patches already parsed from each shared mbox: tokenizing and structuring every hunk
/// of every .c/.h file, and finding moved code in every patch. MB/s divides the mbox size by the mean time, so the
/// figures add up with <see cref="ReadAndAnalyzeBenchmark"/>'s.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class CSyntaxBenchmark
{
    private List<Patch> _patches = [];

    [ParamsSource(nameof(Inputs))]
    public string Mbox { get; set; } = "";

    public static IEnumerable<string> Inputs() => ReadAndAnalyzeBenchmark.Inputs();

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
    }

    [Benchmark]
    public int TokenizeAndStructure()
    {
        var tokens = 0;
        foreach (var patch in _patches)
        {
            for (var f = 0; f < patch.Files.Length; f++)
            {
                var file = patch.Files[f];
                if (!file.IsCSource || file.IsBinary) continue;
                foreach (var fragment in CSourceFile.Build(file, f, MoveMap.None).Fragments)
                    tokens += fragment.Tokens.Length + fragment.Structure.Statements.Length;
            }
        }

        return tokens;
    }

    [Benchmark]
    public int DetectMoves()
    {
        var moved = 0;
        foreach (var patch in _patches) moved += MovedCodeDetector.Detect(patch).MovedLines;
        return moved;
    }
}
