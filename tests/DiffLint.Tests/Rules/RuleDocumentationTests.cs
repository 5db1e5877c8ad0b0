using DiffLint.Core.Analysis;
using DiffLint.Reporting;
using DiffLint.Rules;

namespace DiffLint.Tests.Rules;

/// <summary>Keeps <c>docs/rules/</c> in sync with the descriptors (DIFFLINT_ACCEPT=1 regenerates) and the descriptors complete.</summary>
public class RuleDocumentationTests
{
    private static readonly string DocsFolder = Path.Combine(TestPaths.RepoRoot, "docs", "rules");

    private static IEnumerable<RuleDescriptor> AllDescriptors() =>
        new AnalysisEngine(BuiltInRules.All).Rules.Where(r => !r.Id.StartsWith("DL9", StringComparison.Ordinal))
            .Concat([AnalysisEngine.RuleFailure, DiffLint.Core.DiffLintRunner.ParserFailure]);

    [Fact]
    public void DocsFolderMatchesTheDescriptors()
    {
        var expected = AllDescriptors().ToDictionary(r => r.Id + ".md", RuleDocumentation.RenderRule);
        expected["README.md"] = RuleDocumentation.RenderIndex(AllDescriptors());
        if (TestPaths.Accept)
        {
            Directory.CreateDirectory(DocsFolder);
            foreach (var stale in Directory.EnumerateFiles(DocsFolder, "*.md").Where(f => !expected.ContainsKey(Path.GetFileName(f)))) File.Delete(stale);
            foreach (var (name, text) in expected) File.WriteAllText(Path.Combine(DocsFolder, name), text);
            return;
        }

        var present = Directory.Exists(DocsFolder) ? Directory.EnumerateFiles(DocsFolder, "*.md").Select(Path.GetFileName).ToHashSet() : [];
        foreach (var (name, text) in expected)
        {
            Assert.True(present.Contains(name), $"docs/rules/{name} is missing: run DIFFLINT_ACCEPT=1 dotnet test");
            Assert.Equal(text, File.ReadAllText(Path.Combine(DocsFolder, name)));
        }

        Assert.Empty(present.Except(expected.Keys));
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
