using DiffLint.Cli;
using DiffLint.Cli.Rules;
using DiffLint.Core.Analysis;
using DiffLint.Reporting;
using DiffLint.Rules;

namespace DiffLint.Tests.Rules;

/// <summary>Keeps <c>docs/rules/</c> in sync with the descriptors (DIFFLINT_ACCEPT=1 regenerates) and the descriptors complete.</summary>
public class RuleDocumentationTests
{
    private static readonly string DocsFolder = Path.Combine(TestPaths.RepoRoot, "docs", "rules");

    private const string Refresh = "run: dotnet run --project src/DiffLint.Cli -- rules --write-docs docs/rules";

    private static IEnumerable<RuleDescriptor> AllDescriptors() => RuleCatalogue.BuiltInEntries.Select(r => r.Descriptor);

    /// <summary>docs/rules/ is what 'difflint rules --write-docs' writes; this test only compares, it never writes.</summary>
    [Fact]
    public void DocsFolderMatchesTheDescriptors()
    {
        var expected = RuleDocumentation.Pages([.. RuleCatalogue.BuiltInEntries]);
        var present = Directory.Exists(DocsFolder) ? Directory.EnumerateFiles(DocsFolder, "*.md").Select(Path.GetFileName).ToHashSet() : [];
        foreach (var (name, text) in expected)
        {
            Assert.True(present.Contains(name), $"docs/rules/{name} is missing; {Refresh}");
            Assert.True(text == File.ReadAllText(Path.Combine(DocsFolder, name)), $"docs/rules/{name} is out of date; {Refresh}");
        }

        Assert.True(present.SetEquals(expected.Keys), $"docs/rules/ has pages of no rule: {string.Join(", ", present.Except(expected.Keys))}; {Refresh}");
    }

    [Theory]
    [InlineData("DL2007")]
    [InlineData("long-line")]
    [InlineData("LONG_LINE")]
    [InlineData("dl9001")]
    public void RulePrintsItsDocsPageByIdNameOrType(string word)
    {
        var stdout = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["rule", word, "--format", "markdown"], stdout, new StringWriter()));
        var id = word.StartsWith("dl", StringComparison.OrdinalIgnoreCase) ? word.ToUpperInvariant() : "DL2007";
        Assert.Equal(File.ReadAllText(Path.Combine(DocsFolder, id + ".md")), stdout.ToString());
        var byDefault = new StringWriter();
        CommandLine.Run(["rule", word], byDefault, new StringWriter());
        Assert.Equal(stdout.ToString(), byDefault.ToString());
    }

    [Fact]
    public void ATypeOfSeveralRulesPrintsEachPage()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["rule", "Q_LINE_OVER_80"], stdout, new StringWriter()));
        var pages = string.Join("\n", new[] { "DL2007", "DL2008", "DL2009" }.Select(id => File.ReadAllText(Path.Combine(DocsFolder, id + ".md"))));
        Assert.Equal(pages, stdout.ToString());
    }

    [Theory]
    [InlineData("DL0000", "rule DL0000: names no rule; expected a rule ID")]
    [InlineData("no-such-rule", "rule no-such-rule: names no rule")]
    [InlineData("Whitespace", "rule Whitespace: is a category, not a rule")]
    public void AnUnknownRuleExitsWithTwo(string word, string message)
    {
        var stderr = new StringWriter();
        var stdout = new StringWriter();
        Assert.Equal(2, CommandLine.Run(["rule", word], stdout, stderr));
        Assert.Contains(message, stderr.ToString());
        Assert.Equal("", stdout.ToString());
    }

    [Fact]
    public void RuleAsJsonCarriesTheDocumentation()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["rule", "trailing-whitespace", "--format", "json"], stdout, new StringWriter()));
        using var json = System.Text.Json.JsonDocument.Parse(stdout.ToString());
        var rule = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("DL2001", rule.GetProperty("id").GetString());
        Assert.Equal("TRAILING_WHITESPACE", rule.GetProperty("checkpatchType").GetString());
        Assert.Contains("## What it does", rule.GetProperty("documentation").GetString());
    }

    [Fact]
    public void RulesListsEveryRuleInEachFormat()
    {
        string Rules(params string[] options)
        {
            var stdout = new StringWriter();
            Assert.Equal(0, CommandLine.Run(["rules", .. options], stdout, new StringWriter()));
            return stdout.ToString();
        }

        var text = Rules().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(RuleCatalogue.BuiltInEntries.Count + 1, text.Length);
        Assert.Matches("^ID +NAME +CATEGORY +SEVERITY +CHECK +PROFILES +CHECKPATCH +QEMU +PACK +TITLE$", text[0]);
        Assert.Matches("^DL2007 +long-line +Whitespace +warning +- +all +LONG_LINE +Q_LINE_OVER_80 +built-in +Line over the length limit$",
            Assert.Single(text, l => l.StartsWith("DL2007", StringComparison.Ordinal)));
        Assert.Matches("^DL3105 +comparison-to-null +Style +note +yes ", Assert.Single(text, l => l.StartsWith("DL3105", StringComparison.Ordinal)));
        Assert.Equal(Rules(), Rules("--format", "text"));

        using var json = System.Text.Json.JsonDocument.Parse(Rules("--format", "json"));
        Assert.Equal(RuleCatalogue.BuiltInEntries.Count, json.RootElement.GetArrayLength());
        var check = json.RootElement.EnumerateArray().Single(r => r.GetProperty("id").GetString() == "DL3105");
        Assert.True(check.GetProperty("strict").GetBoolean());
        Assert.Equal("built-in", check.GetProperty("pack").GetString());
        Assert.Equal("COMPARISON_TO_NULL", check.GetProperty("checkpatchType").GetString());
        Assert.False(check.TryGetProperty("documentation", out _));

        Assert.Equal(File.ReadAllText(Path.Combine(DocsFolder, "README.md")), Rules("--format", "markdown"));
    }

    [Fact]
    public void WriteDocsWritesThePagesTheTestExpects()
    {
        var directory = Directory.CreateTempSubdirectory("difflint-docs-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "DL0000.md"), "a rule that is gone");
            File.WriteAllText(Path.Combine(directory, "notes.md"), "not a rule page");
            var stdout = new StringWriter();
            Assert.Equal(0, CommandLine.Run(["rules", "--write-docs", directory], stdout, new StringWriter()));
            var expected = RuleDocumentation.Pages([.. RuleCatalogue.BuiltInEntries]);
            foreach (var (name, text) in expected) Assert.Equal(text, File.ReadAllText(Path.Combine(directory, name)));
            Assert.False(File.Exists(Path.Combine(directory, "DL0000.md")));
            Assert.True(File.Exists(Path.Combine(directory, "notes.md")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void ProfilesPageMatchesTheBuiltInProfiles()
    {
        var path = Path.Combine(TestPaths.RepoRoot, "docs", "profiles.md");
        var expected = RuleDocumentation.RenderProfiles(DiffLint.Core.Profiles.BuiltInProfiles.All);
        if (TestPaths.Accept)
        {
            File.WriteAllText(path, expected);
            return;
        }

        Assert.True(File.Exists(path), "docs/profiles.md is missing: run DIFFLINT_ACCEPT=1 dotnet test");
        Assert.Equal(expected, File.ReadAllText(path));
    }

    [Fact]
    public void EveryDescriptorIsDocumentedInTheRequiredSections()
    {
        foreach (var rule in AllDescriptors())
        {
            foreach (var section in new[] { "## What it does", "## Why it matters", "## Example", "## Configuration" })
                Assert.True(rule.Documentation.Contains(section, StringComparison.Ordinal), $"{rule.Id} lacks '{section}'");
            Assert.Matches("^DL[0-9]{4}$", rule.Id);
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", rule.Name);
            Assert.False(string.IsNullOrWhiteSpace(rule.Description), $"{rule.Id} has no description");
        }
    }

    [Fact]
    public void EveryRuleLivesInItsOwnFileNamedAfterIt()
    {
        var rulesFolder = Path.Combine(TestPaths.RepoRoot, "rules", "DiffLint.Rules");
        foreach (var rule in BuiltInRules.All)
        {
            var name = rule.GetType().Name;
            var files = Directory.EnumerateFiles(rulesFolder, name + ".cs", SearchOption.AllDirectories).ToList();
            Assert.True(files.Count == 1, $"{name} should live in {name}.cs");
        }
    }
}
