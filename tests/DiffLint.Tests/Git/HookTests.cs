using DiffLint.Cli.Hooks;

namespace DiffLint.Tests.Git;

/// <summary>Installed hooks driven by real git: git send-email --dry-run --validate, git commit, git push.</summary>
public class HookTests
{
    private static readonly string[] SendEmail = ["send-email", "--to=list@example.com", "--dry-run", "--validate", "--confirm=never"];

    [GitEmailFact]
    public void SendEmailRefusesAPatchWithoutSignOffAndSendsNothing()
    {
        using var repo = new GitSandbox();
        repo.Commit("a.c", "int a;\n", "a: add a", signOff: false);
        GitSandbox.Succeed(repo.RunDiffLint("hook", "install", "sendemail-validate"));
        var patch = GitSandbox.Succeed(repo.Git("format-patch", "-1", "-o", "out")).Out.Trim();

        var (exit, output, error) = repo.Git([.. SendEmail, patch]);

        Assert.NotEqual(0, exit);
        Assert.Contains("Missing Signed-off-by", error);
        Assert.Contains("[DL1001]", error);
        Assert.Contains("rejected by sendemail-validate hook", error);
        Assert.Contains("no patches were sent", error);
        Assert.DoesNotContain("Dry-OK", output);
    }

    [GitEmailFact]
    public void SendEmailPassesACleanSeriesWithItsCoverLetter()
    {
        using var repo = new GitSandbox();
        repo.Commit("a.c", "int a;\n", "a: add a", signOff: true);
        repo.Commit("b.c", "int b;\n", "b: add b", signOff: true);
        GitSandbox.Succeed(repo.RunDiffLint("hook", "install"));
        var patches = GitSandbox.Succeed(repo.Git("format-patch", "--cover-letter", "-2", "-o", "out")).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, patches.Length);
        var cover = Path.Combine(repo.Root, patches[0]);
        File.WriteAllText(cover, File.ReadAllText(cover).Replace("*** SUBJECT HERE ***", "add a and b").Replace("*** BLURB HERE ***", "Two files."));

        var (exit, output, error) = repo.Git([.. SendEmail, .. patches]);

        Assert.True(exit == 0, error);
        Assert.Equal(3, output.Split("Dry-OK").Length - 1);
    }

    [GitEmailFact]
    public void SendEmailRefusesAnUneditedCoverLetter()
    {
        using var repo = new GitSandbox();
        repo.Commit("a.c", "int a;\n", "a: add a", signOff: true);
        repo.Commit("b.c", "int b;\n", "b: add b", signOff: true);
        GitSandbox.Succeed(repo.RunDiffLint("hook", "install"));
        var patches = GitSandbox.Succeed(repo.Git("format-patch", "--cover-letter", "-2", "-o", "out")).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // --force: git send-email's own check of the template subject is skipped, as it is when a tool sends for you.
        var (exit, _, error) = repo.Git([.. SendEmail, "--force", .. patches]);

        Assert.NotEqual(0, exit);
        Assert.Contains("[DL1044]", error);
        Assert.Contains("*** SUBJECT HERE *** and *** BLURB HERE ***", error);
        Assert.Contains("no patches were sent", error);
    }

    [Fact]
    public void CommitMsgRefusesAMessageWithoutSignOff()
    {
        using var repo = new GitSandbox();
        GitSandbox.Succeed(repo.RunDiffLint("hook", "install", "commit-msg"));
        File.WriteAllText(Path.Combine(repo.Root, "a.c"), "int a;\n");
        GitSandbox.Succeed(repo.Git("add", "a.c"));

        var refused = repo.Git("commit", "-q", "-m", "a: add a");
        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("[DL1001]", refused.Err);
        Assert.DoesNotContain("[DL1042]", refused.Err); // the message file has no diff yet: not a patch without one
        Assert.Equal("base: first file\n", repo.Git("log", "--format=%s").Out);

        GitSandbox.Succeed(repo.Git("commit", "-q", "-s", "-m", "a: add a"));
    }

    [Fact]
    public void AForeignHookIsLeftAloneWithoutForce()
    {
        using var repo = new GitSandbox();
        var path = Path.Combine(repo.HooksDirectory, "commit-msg");
        const string Foreign = "#!/bin/sh\nexit 0\n";
        File.WriteAllText(path, Foreign);

        var refused = repo.RunDiffLint("hook", "install", "commit-msg");
        Assert.Equal(2, refused.Exit);
        Assert.Contains("not written by difflint; left alone", refused.Err);
        Assert.Equal(Foreign, File.ReadAllText(path));
        Assert.Equal(2, repo.RunDiffLint("hook", "uninstall", "commit-msg").Exit);
        Assert.Equal(Foreign, File.ReadAllText(path));

        GitSandbox.Succeed(repo.RunDiffLint("hook", "install", "commit-msg", "--force"));
        Assert.Contains(HookScript.Marker, File.ReadAllText(path));
    }

    [Fact]
    public void UninstallingEveryHookSucceedsBesideAForeignHookAndLeavesItAlone()
    {
        using var repo = new GitSandbox();
        GitSandbox.Succeed(repo.RunDiffLint("hook", "install", "pre-push"));
        var ours = Path.Combine(repo.HooksDirectory, "pre-push");
        var foreign = Path.Combine(repo.HooksDirectory, "commit-msg");
        const string Foreign = "#!/bin/sh\nexit 0\n";
        File.WriteAllText(foreign, Foreign);

        var (exit, output, error) = repo.RunDiffLint("hook", "uninstall");

        Assert.Equal(0, exit);
        Assert.Contains("pre-push hook removed", output);
        Assert.False(File.Exists(ours));
        Assert.Contains($"{foreign} was not written by difflint; left alone", error);
        Assert.Equal(Foreign, File.ReadAllText(foreign));
    }

    [Fact]
    public void ChainRunsTheOldHookFirstAndUninstallPutsItBack()
    {
        using var repo = new GitSandbox();
        var path = Path.Combine(repo.HooksDirectory, "commit-msg");
        var foreign = "#!/bin/sh\necho foreign >> \"$(git rev-parse --git-dir)/foreign-ran\"\n";
        File.WriteAllText(path, foreign);
        GitSandbox.MakeExecutable(path);

        GitSandbox.Succeed(repo.RunDiffLint("hook", "install", "commit-msg", "--chain"));
        File.WriteAllText(Path.Combine(repo.Root, "a.c"), "int a;\n");
        GitSandbox.Succeed(repo.Git("add", "a.c"));
        var refused = repo.Git("commit", "-q", "-m", "a: add a");

        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("[DL1001]", refused.Err);
        Assert.DoesNotContain("[DL1042]", refused.Err); // the message file has no diff yet: not a patch without one
        Assert.Equal("foreign\n", File.ReadAllText(Path.Combine(repo.Root, ".git", "foreign-ran")));
        Assert.Contains("chained after the previous hook", repo.RunDiffLint("hook", "status").Out);

        GitSandbox.Succeed(repo.RunDiffLint("hook", "uninstall"));
        Assert.Equal(foreign, File.ReadAllText(path));
    }

    [Fact]
    public void HooksPathIsHonoured()
    {
        using var repo = new GitSandbox();
        GitSandbox.Succeed(repo.Git("config", "core.hooksPath", "githooks"));
        GitSandbox.Succeed(repo.RunDiffLint("hook", "install", "commit-msg"));
        Assert.True(File.Exists(Path.Combine(repo.Root, "githooks", "commit-msg")));
        Assert.False(File.Exists(Path.Combine(repo.HooksDirectory, "commit-msg")));
    }

    [Fact]
    public void AHookWhoseDiffLintIsGoneRefusesAndSaysSo()
    {
        using var repo = new GitSandbox();
        var gone = Path.Combine(repo.Root, "uninstalled", "difflint");
        var path = Path.Combine(repo.HooksDirectory, "commit-msg");
        File.WriteAllText(path, HookScript.Render("commit-msg", new HookProgram([gone]), chain: false, "error"));
        GitSandbox.MakeExecutable(path);
        File.WriteAllText(Path.Combine(repo.Root, "a.c"), "int a;\n");
        GitSandbox.Succeed(repo.Git("add", "a.c"));

        var refused = repo.Git("commit", "-q", "-s", "-m", "a: add a");

        Assert.NotEqual(0, refused.Exit);
        Assert.Contains($"{gone} is gone", refused.Err);
        Assert.Contains("BROKEN", repo.RunDiffLint("hook", "status").Out);
    }

    [Fact]
    public void PrePushChecksThePushedCommitsAsASeries()
    {
        using var repo = new GitSandbox();
        repo.AddOrigin(pushMaster: true);
        GitSandbox.Succeed(repo.RunDiffLint("hook", "install", "pre-push"));

        // The clean commit edits a file: a new one would rightly draw the MAINTAINERS and SPDX reminders.
        // "a: add a" has a description (DL1029) and edits a file, so only "b: add b" is reported.
        repo.Commit("base.c", "int base;\nint a;\n", "a: add a", signOff: true, body: "base.c holds a too.");
        repo.Commit("b.c", "int b;\n", "b: add b", signOff: false);
        var refused = repo.Git("push", "-q", "origin", "master");
        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("git:refs/heads/master", refused.Err);
        Assert.Contains("b: add b", refused.Err);
        Assert.DoesNotContain("a: add a", refused.Err);

        GitSandbox.Succeed(repo.Git("commit", "-q", "--amend", "-s", "--no-edit"));
        GitSandbox.Succeed(repo.Git("push", "-q", "origin", "master"));
    }

    [Fact]
    public void PrePushOfABranchNewToTheRemoteChecksAllItsCommits()
    {
        using var repo = new GitSandbox();
        var remote = repo.AddOrigin(pushMaster: false);
        repo.Commit("a.c", "int a; \n", "a: add a", signOff: true);
        GitSandbox.Succeed(repo.RunDiffLint("hook", "install", "pre-push"));

        var refused = repo.Git("push", "-q", "origin", "master");

        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("[DL2001]", refused.Err);
        Assert.NotEqual(0, repo.Git("--git-dir", remote, "rev-parse", "--verify", "--quiet", "master").Exit);
    }
}

/// <summary>
/// A test that needs <c>git send-email</c>. It runs (and fails clearly) when git-email is missing, unless the repository's
/// set-up script (<c>scripts/setup-test-deps.sh</c>) recorded that installing it failed: then it is skipped with that reason.
/// </summary>
public sealed class GitEmailFactAttribute : FactAttribute
{
    public GitEmailFactAttribute()
    {
        if (IsInstalled()) return;
        var marker = Path.Combine(TestPaths.RepoRoot, ".ci", "git-email-unavailable");
        if (File.Exists(marker)) Skip = "git send-email could not be installed: " + File.ReadAllText(marker).Trim();
    }

    private static bool IsInstalled()
    {
        try
        {
            var execPath = DiffLint.Core.Git.GitProcess.Run(Path.GetTempPath(), ["--exec-path"]);
            return execPath.Succeeded && File.Exists(Path.Combine(execPath.Text, "git-send-email"));
        }
        catch (DiffLint.Core.Git.GitUnavailableException)
        {
            return false;
        }
    }
}
