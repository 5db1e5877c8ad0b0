using System.Text.RegularExpressions;

namespace DiffLint.Tests.Install;

/// <summary>
/// What can be checked of the GitHub Action (action.yml) and the example workflow (docs/github-actions.yml) without
/// GitHub: the keys GitHub's action and workflow schemas require, that every input the steps use is declared, that run
/// steps name their shell (composite actions require it), and that the action does what the README says: --git on the
/// pull request's commits, annotations, SARIF upload. Both files were also validated against SchemaStore's
/// github-action and github-workflow JSON schemas with the npm package @action-validator/cli 0.6.0 (not a test
/// dependency: the suite runs offline).
/// </summary>
public class GitHubActionTests
{
    private static readonly string Action = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "action.yml"));
    private static readonly string Workflow = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "github-actions.yml"));

    [Fact]
    public void TheActionHasTheKeysGitHubRequiresAndIsComposite()
    {
        foreach (var key in new[] { "name", "description", "inputs", "outputs", "runs" })
            Assert.Matches(new Regex($"^{key}:", RegexOptions.Multiline), Action);
        Assert.Matches(new Regex(@"^runs:\n  using: composite\n  steps:", RegexOptions.Multiline), Action);
        Assert.DoesNotContain("\t", Action);
    }

    [Fact]
    public void EveryRunStepNamesItsShellAndEveryUsedInputIsDeclared()
    {
        var steps = Regex.Split(Action[Action.IndexOf("  steps:", StringComparison.Ordinal)..], @"\n    - ").Skip(1).ToList();
        Assert.True(steps.Count >= 4);
        foreach (var step in steps.Where(s => Regex.IsMatch(s, @"^\s*run:", RegexOptions.Multiline)))
            Assert.Matches(new Regex(@"^\s*shell: bash$", RegexOptions.Multiline), step);

        var declared = Regex.Matches(Action[..Action.IndexOf("\noutputs:", StringComparison.Ordinal)], @"^  ([a-z-]+):$", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToHashSet();
        var used = Regex.Matches(Action, @"inputs\.([a-z-]+)").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Subset(declared, used);
    }

    [Fact]
    public void TheActionChecksThePullRequestCommitsAnnotatesAndUploadsSarif()
    {
        Assert.Contains("difflint --git \"$range\"", Action);
        Assert.Contains("github.event.pull_request.base.sha", Action);
        Assert.Contains("--format github", Action);
        Assert.Contains("--sarif \"$sarif\"", Action);
        Assert.Contains("uses: github/codeql-action/upload-sarif@v3", Action);
        // The action builds DiffLint from its own checkout, not from the repository being checked.
        Assert.Contains("$GITHUB_ACTION_PATH/src/DiffLint.Cli", Action);
    }

    [Fact]
    public void TheExampleWorkflowWorksInAnyRepository()
    {
        foreach (var key in new[] { "name", "on", "permissions", "jobs" })
            Assert.Matches(new Regex($"^{key}:", RegexOptions.Multiline), Workflow);
        Assert.Contains("pull_request:", Workflow);
        Assert.Contains("security-events: write", Workflow);
        Assert.Contains("fetch-depth: 0", Workflow);
        Assert.Matches(new Regex(@"uses: difflint/difflint@\S+"), Workflow);
        // Nothing that exists only in DiffLint's own repository.
        Assert.DoesNotContain("src/DiffLint", Workflow);
        Assert.DoesNotContain("\t", Workflow);
    }
}
