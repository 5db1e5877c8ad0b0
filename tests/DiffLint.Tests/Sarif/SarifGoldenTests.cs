using static DiffLint.Tests.Sarif.SarifTestHelpers;

namespace DiffLint.Tests.Sarif;

/// <summary>
/// Expected SARIF for a few inputs in <c>testdata/golden/sarif</c>. <c>DIFFLINT_ACCEPT=1 dotnet test</c> rewrites them.
/// Absolute paths are replaced by <c>../shared</c> and <c>.</c> so the files do not depend on the checkout.
/// </summary>
public class SarifGoldenTests
{
    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var seed in Directory.GetFiles(TestPaths.Seeds, "*.txt").Order(StringComparer.Ordinal))
        {
            data.Add("seed-" + Path.GetFileNameWithoutExtension(seed), Path.GetRelativePath(TestPaths.Shared, seed));
        }

        data.Add("series", "../wt/testdata/examples/series.mbox");
        data.Add("bluez-0001", "corpus/bluez/0001.patch");
        data.Add("seabios-0013", "corpus/seabios/0013.patch");
        data.Add("util-linux-0055", "corpus/util-linux/0055.patch");
        return data;
    }

    [SharedTheory]
    [MemberData(nameof(Inputs))]
    public void Matches_golden_file(string name, string input)
    {
        var path = input.StartsWith("../wt/", StringComparison.Ordinal)
            ? Path.Combine(TestPaths.RepoRoot, input["../wt/".Length..])
            : Path.Combine(TestPaths.Shared, input);
        var json = ToSarif(TestRunner.RunFiles(path));
        Assert.Equal("", SchemaErrors(json));
        var actual = json.Replace(TestPaths.Shared, "../shared").Replace(TestPaths.RepoRoot, ".");

        var expectedPath = Path.Combine(TestPaths.TestData, "golden", "sarif", name + ".sarif");
        if (TestPaths.Accept)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(expectedPath)!);
            File.WriteAllText(expectedPath, actual, new System.Text.UTF8Encoding(false));
            return;
        }

        Assert.True(File.Exists(expectedPath), $"missing {expectedPath}; run with DIFFLINT_ACCEPT=1 to create it");
        Assert.Equal(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"), actual);
    }
}
