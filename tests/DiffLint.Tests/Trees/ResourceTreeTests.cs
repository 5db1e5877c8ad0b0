using System.Text;
using DiffLint.Cli;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Core.Trees;
using DiffLint.Rules;
using DiffLint.Tests.Git;

namespace DiffLint.Tests.Trees;

/// <summary>
/// Tree mode end to end for the resource rules: a commit adds an early return far below a <c>malloc</c>, so the leak
/// (DL5001) is visible only to an analysis that reads the whole post-image function from a tree, not from the hunk's
/// three lines of context.
/// </summary>
public class ResourceTreeTests
{
    private const string FilePath = "buffer.c";
    private const string Function = "fill";
    private const string Acquire = "\tchar *buf = malloc(64);";
    private const string EarlyExit = "\t\treturn -2;";
    private const int NeutralLines = 20;
    private const int InsertAfterNeutral = 10;

    private static string[] BeforeLines()
    {
        var lines = new List<string> { "#include <stdlib.h>", "", $"int {Function}(int x, int i)", "{", Acquire, "\tif (!buf)", "\t\treturn -1;" };
        for (var n = 1; n <= NeutralLines; n++) lines.Add($"\tx += i * {n};");
        lines.AddRange(["\tfree(buf);", "\treturn 0;", "}"]);
        return [.. lines];
    }

    private static string[] AfterLines()
    {
        var lines = BeforeLines().ToList();
        var neutral = lines.IndexOf($"\tx += i * {InsertAfterNeutral};");
        lines.InsertRange(neutral + 1, ["\tif (x > 10)", EarlyExit]);
        return [.. lines];
    }

    private static string Text(string[] lines) => string.Join('\n', lines) + "\n";

    /// <summary>1-based post-image line of the malloc and of the added return, computed from the file written.</summary>
    private static (int Malloc, int Return) ExpectedLines()
    {
        var after = AfterLines();
        return (Array.IndexOf(after, Acquire) + 1, Array.IndexOf(after, EarlyExit) + 1);
    }

    private static string ExpectedMessageStart => $"`buf` acquired by malloc() at line {ExpectedLines().Malloc} is leaked at this return in {Function}(): expected free()";

    /// <summary>A repository whose last commit adds the early exit, and that commit as a mail.</summary>
    private static (GitSandbox Repository, string Mail) CommitAndFormatPatch()
    {
        var repository = new GitSandbox();
        repository.Commit(FilePath, Text(BeforeLines()), "buffer: add fill()", signOff: true);
        repository.Commit(FilePath, Text(AfterLines()), "buffer: stop filling when x grows", signOff: true,
            body: "Return early once x is past ten.");
        var mail = GitSandbox.Succeed(repository.Git("format-patch", "-1", "--stdout")).Out;
        return (repository, mail);
    }

    private static RunResult Analyse(string mail, ISourceTree? tree)
    {
        var bytes = Encoding.UTF8.GetBytes(mail);
        var runner = new DiffLintRunner(new AnalysisEngine(BuiltInRules.All), new RunOptions
        {
            StandardInput = () => new MemoryStream(bytes),
            SourceTree = tree,
        });
        return runner.Run([new InputSource("-", null, 0)]);
    }

    private static FileDiff FileOf(string mail) =>
        Assert.Single(Assert.Single(TestRunner.ParseText(mail)).Files, f => f.Path == FilePath);

    /// <summary>What the rule owner needs when the finding is missing: the patch, every diagnostic, and whether a fresh tree builds the post-image.</summary>
    private static string Explain(string mail, RunResult result, string? treeDirectory)
    {
        var text = new StringBuilder();
        text.Append("patch:\n").Append(mail).Append("\ndiagnostics:\n");
        foreach (var d in result.AllDiagnostics) text.Append($"  {d.Id} {d.Location.Path}:{d.Location.Line}: {d.Message}\n");
        if (treeDirectory is not null)
        {
            using var fresh = SourceTree.Open(treeDirectory);
            var postImage = fresh.PostImageOf(FileOf(mail));
            text.Append(postImage is null
                ? $"SourceTree.PostImageOf({treeDirectory}) returned null\n"
                : $"SourceTree.PostImageOf({treeDirectory}) returned a post-image of {postImage.Lines.Length} lines; equal to the file written: {postImage.Lines.SequenceEqual(AfterLines())}\n");
        }

        return text.ToString();
    }

    private static void AssertTheLeakIsFound(string mail, RunResult result, string treeDirectory)
    {
        var (_, returnLine) = ExpectedLines();
        var leaks = result.AllDiagnostics.Where(d => d.Id == "DL5001").ToList();
        Assert.True(leaks.Count == 1, $"expected exactly one DL5001, got {leaks.Count}\n" + Explain(mail, result, treeDirectory));
        var leak = leaks[0];
        Assert.Equal(LocationKind.File, leak.Location.Kind);
        Assert.Equal(FilePath, leak.Location.Path);
        Assert.Equal(returnLine, leak.Location.Line);
        Assert.Equal(EarlyExit, leak.Location.LineText);
        Assert.StartsWith(ExpectedMessageStart, leak.Message);
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Id == "DL9001");
        Assert.Equal(0, result.InternalErrors);
    }

    private static void AssertNoLeakAndNoFailure(RunResult result)
    {
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Id == "DL5001");
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Id == "DL9001");
        Assert.Equal(0, result.InternalErrors);
    }

    [GitFact]
    public void TheHunkDoesNotReachTheMalloc()
    {
        // The premise of the other tests: git's three lines of context show neither the malloc nor the free.
        var (repository, mail) = CommitAndFormatPatch();
        using var _ = repository;
        var file = FileOf(mail);
        var hunk = Assert.Single(file.Hunks);
        Assert.DoesNotContain(hunk.Lines, l => l.Text.ToString().Contains("malloc", StringComparison.Ordinal));
        Assert.DoesNotContain(hunk.Lines, l => l.Text.ToString().Contains("free(", StringComparison.Ordinal));
        Assert.Equal(
            ["\tif (x > 10)", EarlyExit],
            hunk.Lines.Where(l => l.Kind == DiffLineKind.Added).Select(l => l.Text.ToString()));
        Assert.True(AfterLines().Length >= 30, "the function is about 30 lines");
    }

    [GitFact]
    public void TheTreeShowsTheLeakThePatchAloneCannot()
    {
        var (repository, mail) = CommitAndFormatPatch();
        using var _ = repository;

        using (var tree = SourceTree.Open(repository.Root))
        {
            var withTree = Analyse(mail, tree);
            AssertTheLeakIsFound(mail, withTree, repository.Root);
            Assert.Equal(1, tree.Statistics.FromTree);
            Assert.Equal(0, tree.Statistics.FellBack);
        }

        AssertNoLeakAndNoFailure(Analyse(mail, tree: null));
    }

    [GitFact]
    public void ABareCloneGivesTheSameFinding()
    {
        var (repository, mail) = CommitAndFormatPatch();
        using var _ = repository;
        var bare = Path.Combine(repository.Root, "clone.git");
        GitSandbox.Succeed(repository.Git("clone", "-q", "--bare", repository.Root, bare));

        using var tree = SourceTree.Open(bare);

        Assert.True(tree.IsGitRepository);
        AssertTheLeakIsFound(mail, Analyse(mail, tree), bare);
        Assert.Equal(1, tree.Statistics.FromTree);
    }

    [GitFact]
    public void ATreeWithoutTheBlobFallsBackToThePatchAlone()
    {
        var (repository, mail) = CommitAndFormatPatch();
        using var _ = repository;
        using var unrelated = new GitSandbox();

        using var tree = SourceTree.Open(unrelated.Root);
        var result = Analyse(mail, tree);

        Assert.True(tree.IsGitRepository);
        AssertNoLeakAndNoFailure(result);
        Assert.True(tree.Statistics.FellBack == 1, $"FellBack {tree.Statistics.FellBack}, PreImageMissing {tree.Statistics.PreImageMissing}, FromTree {tree.Statistics.FromTree}\n" + Explain(mail, result, null));
        Assert.Equal(1, tree.Statistics.PreImageMissing);
        Assert.Equal(0, tree.Statistics.FromTree);
    }

    private static (int Exit, string Out, string Err) RunCommandLine(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CommandLine.Run(args, stdout, stderr, () => new MemoryStream());
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static List<string> LeakLines(string output) => [.. output.Split('\n').Where(l => l.EndsWith("[DL5001]", StringComparison.Ordinal))];

    private static void AssertTheLeakLine(string mail, (int Exit, string Out, string Err) run)
    {
        var leaks = LeakLines(run.Out);
        Assert.True(leaks.Count == 1, $"expected one DL5001 line; exit {run.Exit}\nstdout:\n{run.Out}\nstderr:\n{run.Err}\npatch:\n{mail}");
        Assert.StartsWith($"{FilePath}:{ExpectedLines().Return}:", leaks[0]);
        Assert.Contains($": WARNING: {ExpectedMessageStart}", leaks[0]);
        Assert.DoesNotContain("[DL9001]", run.Out);
        // DL5001 is a warning: with --fail-on warning it alone makes the run fail.
        Assert.Equal(ExitCodes.Findings, run.Exit);
    }

    [GitFact]
    public void TheCommandLineFindsTheLeakWithTreeAndNotWithNoTree()
    {
        var (repository, mail) = CommitAndFormatPatch();
        using var _ = repository;
        var patch = Path.Combine(repository.Root, "0001-early-exit.patch");
        File.WriteAllText(patch, mail);

        var withTree = RunCommandLine("--format", "b4", "--fail-on", "warning", "--stats", "--tree", repository.Root, patch);
        AssertTheLeakLine(mail, withTree);
        Assert.Contains($"  tree          1 file from git repository {Path.GetFullPath(repository.Root)}\n", withTree.Err);

        var noTree = RunCommandLine("--format", "b4", "--fail-on", "warning", "--stats", "--no-tree", patch);
        Assert.Empty(LeakLines(noTree.Out));
        Assert.DoesNotContain("[DL9001]", noTree.Out);
        Assert.Contains("  tree          none (the patch alone)\n", noTree.Err);
        Assert.NotEqual(ExitCodes.InternalError, noTree.Exit);
    }

    [GitFact]
    public void InsideTheWorkTreeTheCommandLineUsesTheRepositoryByItself()
    {
        // CommandLine.Run finds the repository from the process's current directory, which tests share: the built
        // difflint runs as a process with the repository as its working directory instead (as GitInputTests do).
        var (repository, mail) = CommitAndFormatPatch();
        using var _ = repository;
        var patch = Path.Combine(repository.Root, "0001-early-exit.patch");
        File.WriteAllText(patch, mail);
        Assert.True(File.Exists(GitSandbox.DiffLint), $"the built difflint is not beside the tests: {GitSandbox.DiffLint}");

        var found = repository.RunDiffLint("--format", "b4", "--fail-on", "warning", "--stats", patch);
        AssertTheLeakLine(mail, found);
        Assert.Contains("  tree          1 file from git repository ", found.Err);

        var refused = repository.RunDiffLint("--format", "b4", "--fail-on", "warning", "--no-tree", patch);
        Assert.Empty(LeakLines(refused.Out));
        Assert.NotEqual(ExitCodes.InternalError, refused.Exit);
    }
}
