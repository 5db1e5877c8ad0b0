using DiffLint.Cli;
using DiffLint.Core.Analysis;
using DiffLint.Rules.Whitespace;

namespace DiffLint.Tests.Analysis;

/// <summary>
/// .editorconfig settings: severities by ID, category and for all rules, per [glob] section, and rule options
/// (<c>difflint.DL2007.max_line_length</c>) that a rule reads through its context.
/// </summary>
public sealed class RuleOptionsTests
{
    private static readonly string Code = "\tif (value > limit) value = compute_the_value(first, second);"; // 68 columns (a tab is 8)

    private static readonly string Patch = $"""
        diff --git a/drivers/a.c b/drivers/a.c
        --- a/drivers/a.c
        +++ b/drivers/a.c
        @@ -1 +1,3 @@
         int a;
        +int b; 
        +{Code}
        diff --git a/lib/b.c b/lib/b.c
        --- a/lib/b.c
        +++ b/lib/b.c
        @@ -1 +1,3 @@
         int a;
        +int b; 
        +{Code}

        """;

    private static List<Diagnostic> Run(string editorconfig) =>
        [.. TestRunner.RunText(Patch.ReplaceLineEndings("\n"), configuration: TestRunner.ConfigurationFromEditorConfig("root = true\n" + editorconfig)).AllDiagnostics];

    [Fact]
    public void SeverityById()
    {
        var found = Run("[*]\ndotnet_diagnostic.DL2001.severity = warning\n");
        Assert.Equal(2, found.Count(d => d.Id == "DL2001" && d.Severity == Severity.Warning));
    }

    [Fact]
    public void SeverityByCategory()
    {
        var found = Run("[*]\ndotnet_analyzer_diagnostic.category-Whitespace.severity = suggestion\n");
        Assert.Equal(2, found.Count(d => d.Id == "DL2001"));
        Assert.All(found.Where(d => d.Rule.Category == "Whitespace"), d => Assert.Equal(Severity.Note, d.Severity));
    }

    [Fact]
    public void SeverityForAllRules()
    {
        var found = Run("[*]\ndotnet_analyzer_diagnostic.severity = none\ndotnet_diagnostic.DL2001.severity = warning\n");
        Assert.Equal(["DL2001", "DL2001"], found.Select(d => d.Id));
        Assert.All(found, d => Assert.Equal(Severity.Warning, d.Severity));
    }

    [Fact]
    public void SeverityInAPathGlobSection()
    {
        var found = Run("[drivers/**]\ndotnet_diagnostic.DL2001.severity = none\n[lib/*.c]\ndotnet_analyzer_diagnostic.category-Whitespace.severity = warning\n");
        var trailing = Assert.Single(found, d => d.Id == "DL2001");
        Assert.Equal("lib/b.c", trailing.Location.Path);
        Assert.Equal(Severity.Warning, trailing.Severity);
    }

    [Fact]
    public void TheLineLengthLimitIsARuleOptionPerPath()
    {
        Assert.DoesNotContain(Run("[*]\nindent_style = tab\n"), d => d.Id == "DL2007");

        var everywhere = Run("[*]\ndifflint.DL2007.max_line_length = 60\n").Where(d => d.Id == "DL2007").ToList();
        Assert.Equal(["drivers/a.c", "lib/b.c"], everywhere.Select(d => d.Location.Path));
        Assert.All(everywhere, d => Assert.Equal("Line is 68 columns, over the limit of 60", d.Message));

        var onePath = Run("[drivers/**]\ndifflint.dl2007.MAX_LINE_LENGTH = 64\n[lib/**]\ndifflint.DL2007.max_line_length = 68\n");
        Assert.Equal("drivers/a.c", Assert.Single(onePath, d => d.Id == "DL2007").Location.Path);

        // A value that is not a number leaves the profile's limit.
        Assert.DoesNotContain(Run("[*]\ndifflint.DL2007.max_line_length = short\n"), d => d.Id == "DL2007");
    }

    [Fact]
    public void RuleOptionsReadTheirSectionAndFallBackToTheirDefault()
    {
        var configuration = TestRunner.ConfigurationFromEditorConfig("root = true\n[*]\ndifflint_min_conf_desc_length = 2\n[lib/**]\ndifflint.DL2007.max_line_length = 90\n");
        Assert.Equal(90, configuration.OptionsFor("lib/x.c").GetInt(LineLengthRule.MaxLineLength, 100));
        Assert.Equal(100, configuration.OptionsFor("drivers/x.c").GetInt(LineLengthRule.MaxLineLength, 100));
        Assert.Equal(100, configuration.OptionsFor(null).GetInt(LineLengthRule.MaxLineLength, 100));
        // A repository-wide option is read at the top whatever the file.
        Assert.Equal("2", configuration.OptionsFor("lib/x.c").Get(DiffLint.Rules.Layout.KconfigHelpRule.MinimumLines));
        Assert.Equal(100, RuleConfiguration.Default.OptionsFor("lib/x.c").GetInt(LineLengthRule.MaxLineLength, 100));
    }

    [Fact]
    public void EveryRuleOptionIsListedOnItsRulesPage()
    {
        var withOptions = CommandLine.Descriptors.Where(d => !d.Options.IsEmpty).ToList();
        Assert.Contains(withOptions, d => d.Id == "DL2007");
        foreach (var id in new[] { "DL1030", "DL1041", "DL2024", "DL2025", "DL5001", "DL5002", "DL5003", "DL5004", "DL5005" })
            Assert.Contains(withOptions, d => d.Id == id);
        foreach (var rule in withOptions)
        {
            var page = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "rules", rule.Id + ".md"));
            var configuration = page[page.IndexOf("## Configuration", StringComparison.Ordinal)..];
            foreach (var option in rule.Options) Assert.Contains($"| `{option.Key}` |", configuration);
        }

        // The keys the rules read, by hand or through their context, are all declared.
        var declared = withOptions.SelectMany(d => d.Options).Select(o => o.Key).ToHashSet();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "rules"), "*.cs", SearchOption.AllDirectories))
        {
            foreach (System.Text.RegularExpressions.Match key in System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(file),
                         "\"(difflint_[a-z_]+)\"", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)))
                Assert.Contains(key.Groups[1].Value, declared);
        }
    }

    [Fact]
    public void APageWithoutOptionsSaysSoInOneSentence()
    {
        var page = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "rules", "DL2001.md"));
        Assert.EndsWith("## Configuration\n" + DiffLint.Reporting.RuleDocumentation.NoOptions + "\n", page);
        // The sentence replaces the hand-written "None." that some sections used to be.
        foreach (var rule in CommandLine.Descriptors)
        {
            var documentation = rule.Documentation;
            Assert.False(documentation[documentation.IndexOf("## Configuration", StringComparison.Ordinal)..].Trim() == "## Configuration\nNone.",
                $"{rule.Id}: its Configuration section says only 'None.'");
        }
    }
}
