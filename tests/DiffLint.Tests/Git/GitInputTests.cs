using DiffLint.Core.Git;

namespace DiffLint.Tests.Git;

public class GitInputTests
{
    [Fact]
    public void GitRangeGivesTheFindingsOfTheFormatPatchMbox()
    {
        using var repo = new GitSandbox();
        repo.Commit("a.c", "int a; \n", "a: add a with trailing space", signOff: true);
        repo.Commit("b.c", "int b;\n", "b: add b without sign-off", signOff: false);
        var mbox = Path.Combine(repo.Root, "series.mbox");
        File.WriteAllText(mbox, GitSandbox.Succeed(repo.Git("format-patch", "--stdout", "HEAD~2..")).Out);

        var fromGit = repo.RunDiffLint("--format", "b4", "--git", "HEAD~2..");
        var fromMbox = repo.RunDiffLint("--format", "b4", mbox);

        Assert.Equal(1, fromGit.Exit);
        Assert.Equal(fromMbox.Exit, fromGit.Exit);
        Assert.Contains("[DL2001]", fromGit.Out);
        Assert.Contains("[DL1001]", fromGit.Out);
        // The mbox is mail and lacks a cover letter (DL1060); commits read from git are not asked for one, since
        // format-patch --cover-letter or b4 adds it when they are sent. Every other finding is the same.
        var mailOnly = fromMbox.Out.Split('\n').Where(l => !l.Contains("[DL1060]", StringComparison.Ordinal));
        Assert.Contains("[DL1060]", fromMbox.Out);
        Assert.Equal(string.Join('\n', mailOnly).Replace(mbox + ":", "git:HEAD~2..:", StringComparison.Ordinal), fromGit.Out);
    }

    [Fact]
    public void OneRevisionMeansThatCommitAlone()
    {
        using var repo = new GitSandbox();
        repo.Commit("a.c", "int a; \n", "a: add a with trailing space", signOff: true);
        // A clean commit edits a file (a new one would rightly draw the MAINTAINERS and SPDX reminders) and has a
        // description (DL1029).
        repo.Commit("base.c", "int base;\nint b;\n", "b: add b", signOff: true, body: "base.c holds b too.");

        var head = repo.RunDiffLint("--git", "HEAD");
        Assert.Equal(0, head.Exit);
        Assert.Contains("1 patch checked (1 clean)", head.Out);
        Assert.Equal(1, repo.RunDiffLint("--git", "HEAD~1").Exit);
    }

    [Fact]
    public void StagedAndWorktreeChangesAreCheckedAsDiffs()
    {
        using var repo = new GitSandbox();
        File.WriteAllText(Path.Combine(repo.Root, "base.c"), "int base;\nint staged; \n");
        GitSandbox.Succeed(repo.Git("add", "base.c"));
        File.AppendAllText(Path.Combine(repo.Root, "base.c"), "int unstaged;\n");

        var staged = repo.RunDiffLint("--staged", "--format", "b4");
        Assert.Equal(1, staged.Exit);
        Assert.Equal("base.c:2:12: ERROR: Trailing whitespace [DL2001]\n", staged.Out);

        var worktree = repo.RunDiffLint("--worktree");
        Assert.Equal(0, worktree.Exit);
        Assert.DoesNotContain("DL1001", worktree.Out);
    }

    [Fact]
    public void EmptyRangeIsSaidAndClean()
    {
        using var repo = new GitSandbox();
        var result = repo.RunDiffLint("--git", "HEAD..HEAD");
        Assert.Equal(0, result.Exit);
        Assert.Contains("git:HEAD..HEAD: no commits in this range", result.Err);
    }

    [Fact]
    public void BadRangeAndNoUpstreamAreInputErrors()
    {
        using var repo = new GitSandbox();
        var bad = repo.RunDiffLint("--git", "no-such-branch..");
        Assert.Equal(2, bad.Exit);
        Assert.Contains("git:no-such-branch..: not a revision range git knows", bad.Err);

        var noUpstream = repo.RunDiffLint("--git");
        Assert.Equal(2, noUpstream.Exit);
        Assert.Contains("has no upstream", noUpstream.Err);

        Assert.Equal(2, repo.RunDiffLint("--git", "--output=x").Exit);
    }

    [Fact]
    public void OutsideARepositoryIsAnInputError()
    {
        var directory = Path.Combine(Path.GetTempPath(), "difflint-norepo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            Assert.Null(GitRepository.Discover(directory));
            var error = Assert.Throws<GitInputException>(() => GitRepository.Open(directory));
            Assert.Contains("not a git repository", error.Message);
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    [Fact]
    public void CommitLookupResolvesFullAndAbbreviatedShas()
    {
        using var repo = new GitSandbox();
        var sha = repo.Commit("a.c", "int a;\n", "a: add a", signOff: true);
        using var lookup = new GitCommitLookup(GitRepository.Open(repo.Root));

        Assert.True(lookup.TryFind(sha, out var full));
        Assert.Equal(new DiffLint.Core.Analysis.CommitInfo(sha, "a: add a"), full);
        Assert.True(lookup.TryFind(sha[..12].ToUpperInvariant(), out var abbreviated));
        Assert.Equal(sha, abbreviated.Sha);
        Assert.False(lookup.TryFind("0123456789ab", out _));
        Assert.False(lookup.TryFind("--output=x", out _));
        Assert.False(lookup.TryFind("abc", out _));
    }

    [Fact]
    public void CommitLookupReadsTheSubjectAsGitLogDoes()
    {
        using var repo = new GitSandbox();
        File.WriteAllText(Path.Combine(repo.Root, "b.c"), "int b;\n");
        GitSandbox.Succeed(repo.Git("add", "b.c"));
        // Kept verbatim: leading blank lines, trailing blanks and a subject wrapped over two lines, which %s joins.
        GitSandbox.Succeed(repo.Git("commit", "-q", "--cleanup=verbatim", "-m", "\n \nb: add b, \t\nwrapped here  \n\nThe body.\n"));
        var sha = repo.Git("rev-parse", "HEAD").Out.Trim();
        using var lookup = new GitCommitLookup(GitRepository.Open(repo.Root));

        Assert.True(lookup.TryFind(sha[..12], out var commit));
        Assert.Equal(repo.Git("log", "-1", "--format=%s", sha).Out.TrimEnd('\n'), commit.Subject);
        Assert.Equal("b: add b, wrapped here", commit.Subject);
    }

    [Fact]
    public void CommitSubjectInAnotherEncodingIsLeftToGitLog()
    {
        Assert.Null(GitCommitLookup.Subject("tree 1\nencoding ISO-8859-1\n\nsubject\n"u8));
        Assert.Equal("subject", GitCommitLookup.Subject("tree 1\nencoding UTF-8\n\nsubject\n"u8));
        Assert.Equal("", GitCommitLookup.Subject("tree 1\n"u8));
    }

    [Theory]
    [InlineData("origin/master..", true)]
    [InlineData("HEAD~3..", true)]
    [InlineData("a...b", true)]
    [InlineData("^a", true)]
    [InlineData("abc123^!", true)]
    [InlineData("HEAD~3", false)]
    [InlineData("abc123", false)]
    public void RangesAreToldFromSingleCommits(string revision, bool isRange) => Assert.Equal(isRange, GitRepository.IsRange(revision));
}
