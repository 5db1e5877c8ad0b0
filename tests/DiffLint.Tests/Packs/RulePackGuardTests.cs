using DiffLint.Tests.Git;

namespace DiffLint.Tests.Packs;

/// <summary>
/// A repository whose .editorconfig names a rule pack (<c>tools/acme.dll</c>: ACME901 on calls to <c>acme_legacy</c>)
/// and a folder of single-file rules (<c>.difflint/rules</c>: ACME905 on calls to <c>acme_marker</c>), checked by the
/// real difflint in that repository. One per test class: the rule file is compiled once, then read from the cache.
/// </summary>
public sealed class ConfiguredPackRepository : IDisposable
{
    public const string EditorConfig = "root = true\n\n[*]\ndifflint_rule_packs = tools/acme.dll\ndifflint_rule_sources = .difflint/rules\n";

    public ConfiguredPackRepository()
    {
        Repository = new GitSandbox();
        TestPacks.Build(Path.Combine(Repository.Root, "tools", "acme.dll"), TestPacks.Source(TestPacks.CallRule("AcmeCallRule", "ACME901", "acme_legacy")));
        var rules = Directory.CreateDirectory(Path.Combine(Repository.Root, ".difflint", "rules")).FullName;
        File.WriteAllText(Path.Combine(rules, "MarkerRule.cs"), TestPacks.Source(TestPacks.CallRule("MarkerRule", "ACME905", "acme_marker")));
        WriteEditorConfig(EditorConfig);
    }

    internal GitSandbox Repository { get; }

    public void WriteEditorConfig(string text) => File.WriteAllText(Path.Combine(Repository.Root, ".editorconfig"), text);

    /// <summary>Checks <paramref name="patch"/> (written to a file of the repository) with difflint run in the repository.</summary>
    public (int Exit, string Out, string Err) Check(string patch, params string[] args)
    {
        var input = Path.Combine(Repository.Root, "input.patch");
        File.WriteAllText(input, patch);
        return Repository.RunDiffLint([.. args, "--no-tree", "--no-color", "input.patch"]);
    }

    public void Dispose() => Repository.Dispose();
}

/// <summary>
/// Rule packs are read from the repository as it is on disk, and a patch cannot extend or rewrite its own review: one
/// that adds or changes the pack, a rule file or the .editorconfig naming them is reviewed as if they were not
/// configured (<see cref="DiffLint.Core.Analysis.RulePack.GuardedPaths"/>).
/// </summary>
public sealed class RulePackGuardTests(ConfiguredPackRepository repository) : IClassFixture<ConfiguredPackRepository>
{
    private static readonly string[] BothCalls = ["acme_legacy", "acme_marker"];

    [Fact]
    public void ThePacksTheEditorConfigNamesReviewAPatchThatLeavesThemAlone()
    {
        var (exit, output, error) = repository.Check(TestPacks.Patch(BothCalls));
        Assert.True(exit == 0, error);
        Assert.Contains("lib/a.c:3:2: warning: Call to acme_legacy [ACME901]", output);
        Assert.Contains("lib/a.c:4:2: warning: Call to acme_marker [ACME905]", output);
    }

    [Fact]
    public void APatchThatChangesTheEditorConfigIsReviewedAsIfItNamedNoPack()
    {
        var touching = TestPacks.Patch(BothCalls, ".editorconfig");
        var withPacks = repository.Check(touching);
        repository.WriteEditorConfig("root = true\n");
        try
        {
            var withoutPacks = repository.Check(touching);
            Assert.Equal(withoutPacks, withPacks);
            Assert.DoesNotContain("ACME9", withPacks.Out);
        }
        finally
        {
            repository.WriteEditorConfig(ConfiguredPackRepository.EditorConfig);
        }
    }

    [Fact]
    public void APatchThatChangesThePackIsReviewedWithoutIt()
    {
        var (_, output, _) = repository.Check(TestPacks.Patch(BothCalls, "tools/acme.dll"));
        Assert.DoesNotContain("[ACME901]", output);
        Assert.Contains("[ACME905]", output);
    }

    [Fact]
    public void APatchThatAddsARuleFileIsReviewedWithoutTheRulesOfThatFolder()
    {
        var (_, output, _) = repository.Check(TestPacks.Patch(BothCalls, ".difflint/rules/NewRule.cs"));
        Assert.DoesNotContain("[ACME905]", output);
        Assert.Contains("[ACME901]", output);
    }

    [Fact]
    public void APackNamedOnTheCommandLineInsideTheRepositoryIsGuardedToo()
    {
        var (_, output, _) = repository.Check(TestPacks.Patch("acme_legacy", "tools/acme.dll"), "--rules", "tools/acme.dll");
        Assert.DoesNotContain("[ACME901]", output);
        Assert.Contains("[ACME901]", repository.Check(TestPacks.Patch("acme_legacy"), "--rules", "tools/acme.dll").Out);
    }

    [Fact]
    public void ARuleFileThatDoesNotCompileIsReportedWithFileLineAndColumn()
    {
        var broken = Directory.CreateDirectory(Path.Combine(repository.Repository.Root, "broken-rules")).FullName;
        File.WriteAllText(Path.Combine(broken, "Broken.cs"), "public static class Broken\n{\n    static int x = ;\n}\n");
        var (exit, output, error) = repository.Check(TestPacks.Patch("f"), "--rule-source", "broken-rules");
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith("broken-rules/Broken.cs:3:20: error CS1525: Invalid expression term ';'", error);
        Assert.EndsWith("difflint: rule pack broken-rules/Broken.cs: does not compile (1 error)\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void AFolderOfRuleSourcesThatDoesNotExistExitsTwo()
    {
        var (exit, _, error) = repository.Check(TestPacks.Patch("f"), "--rule-source", "no-such-folder");
        Assert.Equal(2, exit);
        Assert.Equal("difflint: rule pack no-such-folder: no such folder of rule sources\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ACompiledRuleFileIsCachedByItsContentHash()
    {
        repository.Check(TestPacks.Patch("acme_marker"));
        var cache = Path.Combine(repository.Repository.Root, ".cache", "difflint", "rules");
        Assert.Single(Directory.GetFiles(cache, "*.dll"), f => Path.GetFileNameWithoutExtension(f).Length == 64);
    }
}
