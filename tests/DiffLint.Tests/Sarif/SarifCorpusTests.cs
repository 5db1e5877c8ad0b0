using System.Text.Json;
using static DiffLint.Tests.Sarif.SarifTestHelpers;

namespace DiffLint.Tests.Sarif;

/// <summary>SARIF over the whole shared corpus, one corpus folder or mbox at a time: schema-valid and GitHub-ready.</summary>
public class SarifCorpusTests
{
    public static TheoryData<string> CorpusParts()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(TestPaths.Corpus).Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(dir));
        foreach (var file in Directory.GetFiles(TestPaths.Corpus, "*.mbox").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    [SharedTheory]
    [MemberData(nameof(CorpusParts))]
    public void Corpus_output_is_valid_and_github_ready(string part)
    {
        var result = TestRunner.RunFiles(Path.Combine(TestPaths.Corpus, part));
        var json = ToSarif(result);
        Assert.Equal("", SchemaErrors(json));

        using var doc = JsonDocument.Parse(json);
        Assert.Equal("https://json.schemastore.org/sarif-2.1.0.json", doc.RootElement.GetProperty("$schema").GetString());
        var run = Assert.Single(doc.RootElement.GetProperty("runs").EnumerateArray());
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(rules.Count, rules.Distinct().Count());
        Assert.True(run.TryGetProperty("results", out var results));
        Assert.Equal(JsonValueKind.Array, results.ValueKind);
        var count = 0;
        foreach (var r in results.EnumerateArray())
        {
            count++;
            var id = r.GetProperty("ruleId").GetString();
            var index = rules.IndexOf(id);
            Assert.True(index >= 0, $"{id} not in rules[]");
            Assert.Equal(index, r.GetProperty("ruleIndex").GetInt32());
            Assert.False(string.IsNullOrEmpty(r.GetProperty("message").GetProperty("text").GetString()));
            var physical = r.GetProperty("locations")[0].GetProperty("physicalLocation");
            var uri = physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!;
            Assert.False(uri.Length == 0 || uri.StartsWith('/') || uri.StartsWith("a/", StringComparison.Ordinal) ||
                         uri.StartsWith("b/", StringComparison.Ordinal) || uri.Contains("://", StringComparison.Ordinal) ||
                         (uri.IndexOf(':') is var colon and >= 0 && colon < (uri.IndexOf('/') is var slash and >= 0 ? slash : int.MaxValue)),
                $"not a relative uri: {uri}");
            Assert.True(Uri.IsWellFormedUriString(uri, UriKind.Relative), $"not well-formed: {uri}");
            var region = physical.GetProperty("region");
            Assert.True(region.GetProperty("startLine").GetInt32() >= 1);
            if (region.TryGetProperty("startColumn", out var startColumn)) Assert.True(startColumn.GetInt32() >= 1);
            Assert.False(r.GetProperty("partialFingerprints").TryGetProperty("primaryLocationLineHash", out _));
        }

        Assert.Equal(result.AllDiagnostics.Count(d => d.Id is not ("DL9001" or "DL9002")), count);
    }
}
