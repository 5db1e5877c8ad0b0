using System.Text;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Core.Profiles;
using DiffLint.Core.Reading;
using DiffLint.Rules;

namespace DiffLint.Tests;

/// <summary>Runs the real pipeline on files or in-memory text.</summary>
internal static class TestRunner
{
    public static RunResult RunFiles(params string[] paths) => RunFiles(null, paths);

    /// <summary>Runs with <paramref name="profile"/> forced (null: chosen per patch, as the CLI does by default).</summary>
    public static RunResult RunFiles(Profile? profile, params string[] paths) => RunFiles(profile, null, paths);

    /// <summary>Runs with <paramref name="profile"/> forced and <paramref name="configuration"/> (null: the defaults).</summary>
    public static RunResult RunFiles(Profile? profile, RuleConfiguration? configuration, params string[] paths)
    {
        var expanded = InputExpander.Expand(paths);
        var selector = profile is null ? ProfileSelector.Automatic : new ProfileSelector(profile);
        var result = new DiffLintRunner(new AnalysisEngine(BuiltInRules.All, configuration, selector)).Run(expanded.Inputs);
        return expanded.Errors.Count == 0 ? result : result with { Errors = [.. expanded.Errors, .. result.Errors] };
    }

    /// <summary>
    /// The rule settings of an .editorconfig text, as if it were the repository's (it should say <c>root = true</c>);
    /// relative paths in it resolve against a temporary directory that is gone when this returns.
    /// </summary>
    public static RuleConfiguration ConfigurationFromEditorConfig(string text)
    {
        var root = Directory.CreateTempSubdirectory("difflint-case-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, ".editorconfig"), text);
            return RuleConfiguration.Default.WithEditorConfig(EditorConfigSettings.Load(root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    public static RunResult RunText(string text, string name = "-", RuleConfiguration? configuration = null) =>
        RunBytes(Encoding.UTF8.GetBytes(text), name, configuration);

    public static RunResult RunBytes(byte[] bytes, string name = "-", RuleConfiguration? configuration = null)
    {
        var runner = new DiffLintRunner(new AnalysisEngine(BuiltInRules.All, configuration), new RunOptions { StandardInput = () => new MemoryStream(bytes) });
        return runner.Run([new InputSource(name, null, 0)]);
    }

    /// <summary>
    /// Analyses every patch of a file with <paramref name="commits"/> standing in for the repository, as
    /// <see cref="AnalysisEngine.Analyze"/> is called when one is at hand.
    /// </summary>
    public static List<Diagnostic> AnalyzeWithCommits(string path, Profile? profile, ICommitLookup commits, RuleConfiguration? configuration = null)
    {
        var selector = profile is null ? ProfileSelector.Automatic : new ProfileSelector(profile);
        var engine = new AnalysisEngine(BuiltInRules.All, configuration, selector);
        return [.. ParseFile(path).SelectMany(patch => engine.Analyze(patch, commits).Diagnostics)];
    }

    /// <summary>Parses every message of a file into the patch model (no rules).</summary>
    public static List<Patch> ParseFile(string path) => ParseStream(path, () => File.OpenRead(path));

    public static List<Patch> ParseText(string text) => ParseStream("-", () => new MemoryStream(Encoding.UTF8.GetBytes(text)));

    private static List<Patch> ParseStream(string name, Func<Stream> open)
    {
        var reader = new PatchReader(new ReaderOptions());
        var patches = new List<Patch>();
        long sequence = 0;
        foreach (var item in reader.Read(new InputSource(name, null, 0), open))
        {
            if (item.Error is { } error) throw new InvalidOperationException(error.ToString());
            patches.Add(item.Message!.Parse(sequence++));
        }

        return patches;
    }
}
