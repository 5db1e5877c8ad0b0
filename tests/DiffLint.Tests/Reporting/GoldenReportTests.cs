using DiffLint.Reporting;

namespace DiffLint.Tests.Reporting;

/// <summary>
/// Golden files for every output format except SARIF (SarifGoldenTests): testdata/golden/&lt;format&gt;/&lt;name&gt;.&lt;ext&gt;. DIFFLINT_ACCEPT=1 rewrites them.
/// </summary>
public class GoldenReportTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        string[] formats = ["text", "json", "checkpatch", "github", "b4", "patchwork-check"];
        foreach (var format in formats)
        {
            foreach (var seed in Directory.EnumerateFiles(TestPaths.Seeds, "*.txt").Order(StringComparer.Ordinal))
            {
                data.Add(format, "seed:" + Path.GetFileName(seed));
            }

            data.Add(format, "example:series.mbox");
            data.Add(format, "corpus:bluez/0001.patch");
            data.Add(format, "corpus:seabios/0013.patch");
            data.Add(format, "corpus:util-linux/0055.patch");
        }

        return data;
    }

    [SharedTheory]
    [MemberData(nameof(Cases))]
    public void OutputMatchesGoldenFile(string format, string input)
    {
        var (kind, name) = (input[..input.IndexOf(':')], input[(input.IndexOf(':') + 1)..]);
        var path = kind switch
        {
            "seed" => Path.Combine(TestPaths.Seeds, name),
            "example" => Path.Combine(TestPaths.TestData, "examples", name),
            _ => ReporterTestHelpers.Corpus(name),
        };
        var result = TestRunner.RunFiles(path);
        IReporter reporter = format switch
        {
            // No colour: the golden is plain bytes. The text format prints no timing (that is --stats, on stderr).
            "text" => new TextReporter(color: false, quiet: false),
            "json" => new JsonReporter(ReporterTestHelpers.ToolVersion),
            "checkpatch" => new CheckpatchReporter(),
            "github" => new GitHubActionsReporter(),
            "b4" => new B4Reporter(),
            _ => new PatchworkCheckReporter("difflint", "https://ci.example.org/difflint/1"),
        };
        var actual = ReporterTestHelpers.Normalize(ReporterTestHelpers.Render(reporter, result));

        var extension = format is "json" or "patchwork-check" ? "json" : "txt";
        var goldenName = Path.GetFileNameWithoutExtension(name.Replace('/', '-')) + "." + extension;
        var golden = Path.Combine(TestPaths.TestData, "golden", format, goldenName);
        if (TestPaths.Accept)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            File.WriteAllText(golden, actual);
            return;
        }

        Assert.True(File.Exists(golden), $"{golden} is missing; run the tests with DIFFLINT_ACCEPT=1 to create it");
        Assert.Equal(File.ReadAllText(golden).ReplaceLineEndings("\n"), actual);
    }
}
