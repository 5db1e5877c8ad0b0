using DiffLint.Cli.Hooks;
using DiffLint.Core.Git;

namespace DiffLint.Tests.Git;

public class GitVersionTests
{
    [Theory]
    [InlineData("git version 2.39.5", 2, 39, 5)]
    [InlineData("git version 2.54.0\n", 2, 54, 0)]
    [InlineData("git version 2.45.2.windows.1", 2, 45, 2)]
    [InlineData("git version 2.39.3 (Apple Git-146)", 2, 39, 3)]
    [InlineData("git version 2.55.0.rc1.618.g1a3e64c6c4", 2, 55, 0)]
    [InlineData("git version 2.54", 2, 54, 0)]
    public void ParsesWhatGitVersionPrints(string text, int major, int minor, int patch)
    {
        Assert.True(GitVersion.TryParse(text, out var version));
        Assert.Equal(new GitVersion(major, minor, patch), version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("git version")]
    [InlineData("git version 2")]
    [InlineData("version 2.39.5")]
    public void RejectsOtherText(string text) => Assert.False(GitVersion.TryParse(text, out _));

    [Theory]
    [InlineData("git version 2.39.5", "Script")]
    [InlineData("git version 2.53.9", "Script")]
    [InlineData("git version 2.54.0", "Config")]
    [InlineData("git version 2.55.1.windows.1", "Config")]
    [InlineData("git version 3.0.0", "Config")]
    public void ConfigHooksFromGit254(string text, string form)
    {
        Assert.True(GitVersion.TryParse(text, out var version));
        Assert.Equal(form, HookInstaller.ChooseForm(version).ToString());
    }

    [Fact]
    public void CommitMessageBecomesAMailWithTheSameLineNumbers()
    {
        var mail = HookRunner.MessageAsMail("subject line\n\nbody\n# comment\nSigned-off-by: A <a@example.com>\n# ------------------------ >8 ------------------------\ndiff --git a/x b/x\n");
        Assert.Equal("Subject: [PATCH] subject line\n\nbody\n\nSigned-off-by: A <a@example.com>\n\n\n\n", mail);
    }
}
