using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Rules;

namespace DiffLint.Tests.Analysis;

public sealed class EditorConfigSettingsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("difflint-editorconfig-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private const string Patch = """
        diff --git a/src/x.c b/src/x.c
        --- a/src/x.c
        +++ b/src/x.c
        @@ -1 +1,3 @@
         int a;
        +int b; 
        +// comment
        diff --git a/doc/x.txt b/doc/x.txt
        --- a/doc/x.txt
        +++ b/doc/x.txt
        @@ -1 +1,2 @@
         a
        +b 

        """;

    private List<Diagnostic> Run(string editorconfig, string? parentEditorconfig = null)
    {
        var repo = Path.Combine(_root, "repo");
        Directory.CreateDirectory(repo);
        File.WriteAllText(Path.Combine(repo, ".editorconfig"), editorconfig);
        if (parentEditorconfig is not null) File.WriteAllText(Path.Combine(_root, ".editorconfig"), parentEditorconfig);
        var settings = EditorConfigSettings.Load(repo);
        var configuration = RuleConfiguration.Default.WithEditorConfig(settings);
        var bytes = System.Text.Encoding.UTF8.GetBytes(Patch.ReplaceLineEndings("\n"));
        var runner = new DiffLintRunner(new AnalysisEngine(BuiltInRules.All, configuration), new RunOptions { StandardInput = () => new MemoryStream(bytes) });
        return [.. runner.Run([new InputSource("-", null, 0)]).AllDiagnostics];
    }

    [Fact]
    public void SeverityPerRuleFollowsTheFileSections()
    {
        var found = Run("root = true\n[*.c]\ndotnet_diagnostic.DL2001.severity = none\n[doc/**]\ndotnet_diagnostic.DL2001.severity = suggestion\n");
        Assert.DoesNotContain(found, d => d.Id == "DL2001" && d.Location.Path == "src/x.c");
        Assert.Contains(found, d => d.Id == "DL2001" && d.Location.Path == "doc/x.txt" && d.Severity == Severity.Note);
    }

    [Fact]
    public void DiffLintAliasAndCategoryKeysWork()
    {
        var found = Run("root = true\n[*]\ndifflint_diagnostic.DL2001.severity = warning\ndotnet_analyzer_diagnostic.category-Whitespace.severity = none\n");
        Assert.All(found.Where(d => d.Id == "DL2001"), d => Assert.Equal(Severity.Warning, d.Severity));
        Assert.DoesNotContain(found, d => d.Rule.Category == "Whitespace" && d.Id != "DL2001");
    }

    [Fact]
    public void RootTrueStopsTheLookupAndTheDeeperFileWins()
    {
        var parent = "root = true\n[*]\ndotnet_diagnostic.DL2001.severity = none\ndifflint_profile = git\n";
        Assert.Contains(Run("[*]\ndotnet_diagnostic.DL2001.severity = warning\n", parent), d => d.Id == "DL2001" && d.Severity == Severity.Warning);
        Assert.Equal("git", EditorConfigSettings.Load(Path.Combine(_root, "repo"))!.Profile);
        Assert.Contains(Run("root = true\n[*]\nindent_style = tab\n", parent), d => d.Id == "DL2001" && d.Severity == Severity.Error);
        Assert.Null(EditorConfigSettings.Load(Path.Combine(_root, "repo"))!.Profile);
    }

    [Fact]
    public void NoEditorconfigMeansNoSettings()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;
        var settings = EditorConfigSettings.Load(empty);
        Assert.True(settings is null || settings.Files.All(f => !f.StartsWith(_root, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("root = true\n[*]\nindent_style = tab\n")]
    [InlineData("root = true\n[*]\nDIFFLINT_PROFILE = git\n")]
    [InlineData("root = true\r[*]\rdifflint_profile = qemu\r")]
    [InlineData("root = true\r\n[*]\r\n  difflint_profile\t: git # comment\r\n")]
    [InlineData("root = true\n[*.c]\ndifflint_profile = git\n[*]\ndifflint_profile = uboot\n")]
    [InlineData("root = true\n# difflint_profile = git\n[*]\nx = difflint_profile = git\n")]
    public void AnswersAsRoslynDoesWithoutParsingFilesThatCannotAnswer(string editorconfig)
    {
        // The settings ask Roslyn only when a file has the key; whatever the text, the answer is Roslyn's own.
        var repo = Directory.CreateDirectory(Path.Combine(_root, "repo")).FullName;
        var file = Path.Combine(repo, ".editorconfig");
        File.WriteAllText(file, editorconfig);
        var roslyn = Microsoft.CodeAnalysis.AnalyzerConfigSet.Create(System.Collections.Immutable.ImmutableArray.Create(Microsoft.CodeAnalysis.AnalyzerConfig.Parse(editorconfig, file)))
            .GetOptionsForSourcePath(Path.Combine(repo, "_"));
        var expected = roslyn.AnalyzerOptions.TryGetValue("difflint_profile", out var profile) ? profile : null;
        Assert.Equal(expected, EditorConfigSettings.Load(repo)!.Profile);
    }
}
