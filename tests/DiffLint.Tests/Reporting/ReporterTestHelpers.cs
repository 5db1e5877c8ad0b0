using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Reporting;
using DiffLint.Rules;

namespace DiffLint.Tests.Reporting;

internal static class ReporterTestHelpers
{
    public const string ToolVersion = "0.0.0-test";

    public static IReadOnlyList<RuleDescriptor> Rules { get; } =
        new AnalysisEngine(BuiltInRules.All).Rules;

    public static string Render(IReporter reporter, RunResult result)
    {
        var writer = new StringWriter { NewLine = "\n" };
        reporter.Write(result, Rules, writer);
        return writer.ToString();
    }

    /// <summary>Makes output machine-independent: the shared folder becomes ../shared, the repository root disappears.</summary>
    public static string Normalize(string text) =>
        text.Replace(TestPaths.Shared, "../shared").Replace(TestPaths.RepoRoot + "/", "");

    public static string Corpus(string relative) => Path.Combine(TestPaths.Corpus, relative);
}
