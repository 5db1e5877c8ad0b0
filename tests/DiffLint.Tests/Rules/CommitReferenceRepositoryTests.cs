using DiffLint.Tests.Git;

namespace DiffLint.Tests.Rules;

/// <summary>DL1022 and DL1023 end to end: difflint run inside a repository verifies the commits a message refers to.</summary>
public class CommitReferenceRepositoryTests
{
    [Fact]
    public void ShasAreCheckedAgainstTheRepositoryAtHand()
    {
        using var repo = new GitSandbox();
        var fixedSha = repo.Commit("a.c", "int a;\n", "a: add a", signOff: true, body: "a.c holds a.");
        repo.Commit("a.c", "int a = 1;\n", "a: initialise a", signOff: true, body: $"""
            Commit {fixedSha[..12]} ("a: add a") left a uninitialised.

            Fixes: {fixedSha[..12]} ("a: add the variable a")
            Fixes: 0123456789ab ("a: rebased away")
            """);

        var (_, output, _) = repo.RunDiffLint("--git", "HEAD", "--no-color");

        Assert.Contains($"Commit {fixedSha[..12]} is (\"a: add a\"), not (\"a: add the variable a\") [DL1023]", output);
        Assert.Contains("Commit '0123456789ab' is not in the repository", output);
        Assert.DoesNotContain("(\"a: add a\"), not (\"a: add a\")", output);
        Assert.Single(output.Split('\n'), l => l.Contains("[DL1022]", StringComparison.Ordinal));
    }
}
