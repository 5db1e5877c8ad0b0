using System.Text.Json;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Reporting;
using DiffLint.Reporting.Sarif;
using DiffLint.Rules;
using NJsonSchema;

namespace DiffLint.Tests.Sarif;

internal static class SarifTestHelpers
{
    public static readonly SarifOptions Options = new(ToolVersion: "0.0.0-test", BaseDirectory: TestPaths.RepoRoot);

    public static IReadOnlyList<RuleDescriptor> AllRules { get; } = new AnalysisEngine(BuiltInRules.All).Rules;

    private static readonly Lazy<JsonSchema> LazySchema = new(() =>
        JsonSchema.FromFileAsync(Path.Combine(TestPaths.Shared, "schemas", "sarif-schema-2.1.0.json")).GetAwaiter().GetResult());

    public static JsonSchema Schema => LazySchema.Value;

    public static string ToSarif(RunResult result, SarifOptions? options = null)
    {
        var writer = new StringWriter { NewLine = "\n" };
        new SarifReporter(options ?? Options).Write(result, AllRules, writer);
        return writer.ToString();
    }

    /// <summary>Schema errors, one per line (empty when valid).</summary>
    public static string SchemaErrors(string json) =>
        string.Join("\n", Schema.Validate(json).Select(e => $"{e.Path}: {e.Kind} {e}"));

    /// <summary>(ruleId, uri, startLine, fingerprint) of every result, sorted.</summary>
    public static List<string> Fingerprints(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var list = new List<string>();
        foreach (var result in doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray())
        {
            var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            list.Add($"{result.GetProperty("ruleId").GetString()} {physical.GetProperty("artifactLocation").GetProperty("uri").GetString()} " +
                     $"{physical.GetProperty("region").GetProperty("startLine").GetInt32()} " +
                     result.GetProperty("partialFingerprints").GetProperty(SarifFingerprint.Key).GetString());
        }

        list.Sort(StringComparer.Ordinal);
        return list;
    }
}
