using System.Collections.Immutable;
using System.Text;
using DiffLint.Cli;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Core.Trees;
using DiffLint.Tests.Git;

namespace DiffLint.Tests.Trees;

public class PostImageBuilderTests
{
    private static readonly string Ten = string.Concat(Enumerable.Range(1, 10).Select(i => $"l{i}\n"));

    // Two hunks: line 3 replaced, a line added after line 7.
    private const string TwoHunks = """
        --- a/f.c
        +++ b/f.c
        @@ -2,3 +2,3 @@
         l2
        -l3
        +L3
         l4
        @@ -7,3 +7,4 @@
         l7
        +new
         l8
         l9

        """;

    private static readonly string[] TwoHunksApplied = ["l1", "l2", "L3", "l4", "l5", "l6", "l7", "new", "l8", "l9", "l10"];

    private static FileDiff Diff(string diff) => Assert.Single(Assert.Single(TestRunner.ParseText(diff)).Files);

    private static string[]? Apply(string preImage, string diff) =>
        PostImageBuilder.Apply(PreImage.FromText(preImage), Diff(diff))?.Lines.ToArray();

    [Fact]
    public void HunksApplyAtTheLinesTheirHeadersName() => Assert.Equal(TwoHunksApplied, Apply(Ten, TwoHunks));

    [Fact]
    public void HunksAreFoundWhereTheFileMovedThem()
    {
        // Three lines more above both hunks: found three lines down.
        Assert.Equal(["x1", "x2", "x3", .. TwoHunksApplied], Apply("x1\nx2\nx3\n" + Ten, TwoHunks)!);
        // One line fewer above them: found one line up.
        Assert.Equal(TwoHunksApplied[1..], Apply(Ten["l1\n".Length..], TwoHunks));
    }

    [Fact]
    public void TheNearestPlaceWinsWhenTheLinesRepeat()
    {
        const string preImage = "a\nx\ny\nz\nb\nc\nx\ny\nz\nd\n";
        const string hunkBody = " x\n-y\n+Y\n z\n";
        Assert.Equal(["a", "x", "y", "z", "b", "c", "x", "Y", "z", "d"], Apply(preImage, "--- a/f.c\n+++ b/f.c\n@@ -6,3 +6,3 @@\n" + hunkBody)!);
        Assert.Equal(["a", "x", "Y", "z", "b", "c", "x", "y", "z", "d"], Apply(preImage, "--- a/f.c\n+++ b/f.c\n@@ -3,3 +3,3 @@\n" + hunkBody)!);
    }

    [Fact]
    public void AContextOrRemovedLineThatDiffersMeansNoPostImage()
    {
        Assert.Null(Apply(Ten.Replace("l3\n", "l3 changed\n", StringComparison.Ordinal), TwoHunks));
        Assert.Null(Apply(Ten.Replace("l8\n", "l8 \n", StringComparison.Ordinal), TwoHunks));
    }

    [Fact]
    public void AHunkWithoutTrailingContextMustEndTheFile()
    {
        const string append = """
            --- a/f.c
            +++ b/f.c
            @@ -9,2 +9,3 @@
             l9
             l10
            +l11

            """;
        Assert.Equal(Enumerable.Range(1, 11).Select(i => $"l{i}"), Apply(Ten, append));
        Assert.Null(Apply(Ten + "tail\n", append));
    }

    [Fact]
    public void ANewFileIsItsAddedLines()
    {
        var file = Diff("""
            diff --git a/new.c b/new.c
            new file mode 100644
            index 0000000..2d1e3a4
            --- /dev/null
            +++ b/new.c
            @@ -0,0 +1,2 @@
            +int a;
            +int b;

            """);
        Assert.Equal("0000000", file.OldBlob);
        Assert.Equal("2d1e3a4", file.NewBlob);
        string[] added = ["int a;", "int b;"];
        Assert.Equal(added, PostImageBuilder.Apply(PreImage.Empty, file)!.Lines);

        // A tree has nothing to read for it and counts nothing.
        using var tree = new DirectorySourceTree(Path.GetTempPath());
        Assert.Equal(added, tree.PostImageOf(file)!.Lines);
        Assert.Equal(0, tree.Statistics.FromTree + tree.Statistics.FellBack);
    }

    [Fact]
    public void NoNewlineAtEndOfFileMustAgreeWithThePreImage()
    {
        const string change = """
            --- a/f.c
            +++ b/f.c
            @@ -1,2 +1,2 @@
             a
            -b
            \ No newline at end of file
            +c
            \ No newline at end of file

            """;
        Assert.Equal(["a", "c"], Apply("a\nb", change)!);
        Assert.Null(Apply("a\nb\n", change));

        const string addNewline = """
            --- a/f.c
            +++ b/f.c
            @@ -1,2 +1,2 @@
             a
            -b
            \ No newline at end of file
            +b

            """;
        Assert.Equal(["a", "b"], Apply("a\nb", addNewline)!);
        Assert.Null(Apply("a\nb\n", addNewline));
    }

    [Fact]
    public void TheIndexLineKeepsBothBlobIdsAsWritten()
    {
        var file = Diff("""
            diff --git a/f.c b/f.c
            index 83db48f..bf269f4 100644
            --- a/f.c
            +++ b/f.c
            @@ -1 +1 @@
            -a
            +b

            """);
        Assert.Equal("83db48f", file.OldBlob);
        Assert.Equal("bf269f4", file.NewBlob);
        Assert.Null(Diff(TwoHunks).OldBlob);
    }

    [Fact]
    public void TheRunnerHandsTheTreeToRules()
    {
        var rule = new PostImageRule();
        var tree = new FixedTree(new PostImage(["whole", "file"]));
        var runner = new DiffLintRunner(new AnalysisEngine([rule]), new RunOptions
        {
            SourceTree = tree,
            StandardInput = () => new MemoryStream(Encoding.UTF8.GetBytes(TwoHunks)),
        });

        var report = Assert.Single(runner.Run([new InputSource("-", null, 0)]).Reports);

        Assert.Equal("2 lines", Assert.Single(report.Diagnostics).Message);
        // The profile choice asks too when the hunks show no indentation (SourceTree caches, so git is asked once).
        Assert.Equal("f.c", Assert.Single(tree.Asked.DistinctBy(f => f.Path)).Path);
    }

    private sealed class FixedTree(PostImage postImage) : ISourceTree
    {
        public List<FileDiff> Asked { get; } = [];

        public PostImage? PostImageOf(FileDiff file)
        {
            lock (Asked) Asked.Add(file);
            return postImage;
        }
    }

    /// <summary>Reports the length of the first file's post-image, read through the sink's tree.</summary>
    private sealed class PostImageRule : PatchRule
    {
        private const string Documentation = "## What it does\nTest.\n\n## Why it matters\nTest.\n\n## Example\nTest.\n\n## Configuration\nNone.\n";

        private static readonly PatchValueProvider<int?> PostImageLength =
            PatchValueProvider<int?>.FromAnalysis(sink => sink.SourceTree?.PostImageOf(sink.Patch.Files[0])?.Lines.Length);

        private readonly RuleDescriptor _descriptor = new("DL3996", "post-image", "Post-image", "{0} lines", "Style", Severity.Warning, Documentation);

        public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [_descriptor];

        public override void Initialize(RuleRegistration registration) =>
            registration.RegisterFileAction(context =>
                context.Report(_descriptor, Locations.AtInputLine(context.File.HeaderInputLine), context.GetValue(PostImageLength)));
    }
}

/// <summary>The trees over a real repository: a commit made here, mailed with <c>git format-patch</c>, read back.</summary>
public class SourceTreeTests
{
    private const string DriverPath = "drivers/foo.c";

    private const string Before = """
        #include "foo.h"

        static int foo_probe(struct device *dev)
        {
        	int ret;

        	ret = foo_init(dev);
        	if (ret)
        		return ret;

        	return 0;
        }

        static void foo_remove(struct device *dev)
        {
        	foo_exit(dev);
        }

        """;

    private const string After = """
        #include "foo.h"

        static int foo_probe(struct device *dev)
        {
        	int ret;

        	ret = foo_init(dev);
        	if (ret) {
        		dev_err(dev, "init failed: %d\n", ret);
        		return ret;
        	}

        	return 0;
        }

        static void foo_remove(struct device *dev)
        {
        	foo_exit(dev);
        }

        """;

    private static readonly string[] AfterLines = After.Split('\n')[..^1];

    /// <summary>A repository whose last commit turns <see cref="Before"/> into <see cref="After"/>, and that commit as a mail.</summary>
    private static (GitSandbox Repository, string Mail) CommitAndFormatPatch()
    {
        var repository = new GitSandbox();
        Directory.CreateDirectory(Path.Combine(repository.Root, "drivers"));
        repository.Commit(DriverPath, Before, "foo: add the driver", signOff: true);
        repository.Commit(DriverPath, After, "foo: say why init failed", signOff: true);
        var mail = GitSandbox.Succeed(repository.Git("format-patch", "-1", "--stdout")).Out;
        return (repository, mail);
    }

    private static FileDiff FileOf(string mail) => Assert.Single(Assert.Single(TestRunner.ParseText(mail)).Files);

    [GitFact]
    public void TheRepositoryGivesTheExactPostImageWhateverIsCheckedOut()
    {
        var (repository, mail) = CommitAndFormatPatch();
        using var _ = repository;
        var file = FileOf(mail);
        Assert.StartsWith(file.OldBlob!, GitSandbox.Succeed(repository.Git("rev-parse", "HEAD~1:" + DriverPath)).Out.Trim());
        // The blob is found by id: neither the checkout nor the work tree's files matter.
        GitSandbox.Succeed(repository.Git("checkout", "-q", "HEAD~2"));
        File.WriteAllText(Path.Combine(repository.Root, "base.c"), "garbage\n");

        using var tree = SourceTree.Open(repository.Root);

        Assert.True(tree.IsGitRepository);
        Assert.Equal(AfterLines, tree.PostImageOf(file)!.Lines);
        Assert.Equal(1, tree.Statistics.FromTree);
        Assert.Equal(0, tree.Statistics.FellBack);
    }

    [GitFact]
    public void ABareCloneServesTheSame()
    {
        var (repository, mail) = CommitAndFormatPatch();
        using var _ = repository;
        var bare = Path.Combine(repository.Root, "clone.git");
        GitSandbox.Succeed(repository.Git("clone", "-q", "--bare", repository.Root, bare));

        using var tree = SourceTree.Open(bare);

        Assert.True(tree.IsGitRepository);
        Assert.Equal(AfterLines, tree.PostImageOf(FileOf(mail))!.Lines);
    }

    [GitFact]
    public void WithoutAnIndexLineThePreImageIsTheFileInHead()
    {
        var (repository, mail) = CommitAndFormatPatch();
        using var _ = repository;
        var file = FileOf(mail);
        GitSandbox.Succeed(repository.Git("reset", "-q", "--hard", "HEAD~1"));
        var withoutIndex = FileOf(mail.Replace($"index {file.OldBlob}..{file.NewBlob} 100644\n", "", StringComparison.Ordinal));
        Assert.Null(withoutIndex.OldBlob);

        using var tree = SourceTree.Open(repository.Root);

        Assert.Equal(AfterLines, tree.PostImageOf(withoutIndex)!.Lines);
    }

    [GitFact]
    public void AMissingBlobFallsBackAndIsCounted()
    {
        var (repository, mail) = CommitAndFormatPatch();
        using var _ = repository;
        var file = FileOf(mail);
        var unknown = FileOf(mail.Replace($"index {file.OldBlob}..", "index deadbee..", StringComparison.Ordinal));
        Assert.Equal("deadbee", unknown.OldBlob);

        using var tree = SourceTree.Open(repository.Root);

        Assert.Null(tree.PostImageOf(unknown));
        Assert.Equal(1, tree.Statistics.PreImageMissing);
        Assert.Equal(1, tree.Statistics.FellBack);
        Assert.Equal(0, tree.Statistics.FromTree);
        // The process survives a miss: the next file is served.
        Assert.Equal(AfterLines, tree.PostImageOf(file)!.Lines);
    }

    [GitFact]
    public void APostImageIsBuiltOnceAndTheTreeServesThreadsAtOnce()
    {
        var (repository, mail) = CommitAndFormatPatch();
        using var _ = repository;
        var file = FileOf(mail);

        using (var cached = SourceTree.Open(repository.Root))
        {
            // A second parse of the same mail is another FileDiff with the same path and blob ids.
            Assert.Same(cached.PostImageOf(file), cached.PostImageOf(FileOf(mail)));
            Assert.Equal(1, cached.Statistics.FromTree);
        }

        using var uncached = new GitSourceTree(repository.Root);
        var postImages = new PostImage?[32];
        Parallel.For(0, postImages.Length, i => postImages[i] = uncached.PostImageOf(file));
        Assert.All(postImages, p => Assert.Equal(AfterLines, p!.Lines));
        Assert.Equal(postImages.Length, uncached.Statistics.FromTree);
    }

    [GitFact]
    public void APrefetchedPostImageIsTheOneAskedForLater()
    {
        var (repository, mail) = CommitAndFormatPatch();
        using var _ = repository;
        var file = FileOf(mail);
        var unknown = FileOf(mail.Replace($"index {file.OldBlob}..", "index deadbee..", StringComparison.Ordinal));

        using var tree = SourceTree.Open(repository.Root);
        tree.Prefetch(file);
        tree.Prefetch(unknown);

        Assert.Equal(AfterLines, tree.PostImageOf(file)!.Lines);
        Assert.Null(tree.PostImageOf(unknown));
        // Built once each, by the prefetch or by the asker, whichever came first.
        Assert.Equal(1, tree.Statistics.FromTree);
        Assert.Equal(1, tree.Statistics.PreImageMissing);
    }

    [GitFact]
    public void APlainDirectoryServesTheFileWhoseBlobIdMatches()
    {
        var (repository, mail) = CommitAndFormatPatch();
        using var _ = repository;
        var file = FileOf(mail);
        var outside = Path.Combine(Path.GetTempPath(), "difflint-plain-" + Guid.NewGuid().ToString("N"));
        var plain = Path.Combine(outside, "linux");
        try
        {
            Directory.CreateDirectory(Path.Combine(plain, "drivers"));
            File.WriteAllText(Path.Combine(plain, DriverPath), Before);

            using (var tree = SourceTree.Open(plain))
            {
                Assert.False(tree.IsGitRepository);
                Assert.Equal(AfterLines, tree.PostImageOf(file)!.Lines);
            }

            // Another version of the file, even one the hunks would still apply to, is not the pre-image.
            File.WriteAllText(Path.Combine(plain, DriverPath), Before + "/* end */\n");
            using (var tree = SourceTree.Open(plain))
            {
                Assert.Null(tree.PostImageOf(file));
                Assert.Equal(1, tree.Statistics.PreImageMissing);
            }
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void APlainDirectoryRefusesPathsOutsideIt()
    {
        var outside = Path.Combine(Path.GetTempPath(), "difflint-plain-" + Guid.NewGuid().ToString("N"));
        var plain = Path.Combine(outside, "tree");
        try
        {
            Directory.CreateDirectory(plain);
            var secret = Path.Combine(outside, "secret.c");
            File.WriteAllText(secret, "int secret;\n");
            using var tree = new DirectorySourceTree(plain);

            // Without hunks the post-image would be the file itself, were it read.
            foreach (var path in new[] { "../secret.c", "drivers/../../secret.c", secret })
                Assert.Null(tree.PostImageOf(new FileDiff(path, path, FileChangeKind.Modified, null, null, null, false, 1, [])));
            Assert.Equal(3, tree.Statistics.PreImageMissing);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }
}

public class SourceTreeCommandLineTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var patch = File.ReadAllBytes(Path.Combine(TestPaths.Corpus, "bluez", "0001.patch"));
        var exit = CommandLine.Run(args, stdout, stderr, () => new MemoryStream(patch));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [SharedFact]
    public void ATreeThatDoesNotExistIsBadUsage()
    {
        var missing = Path.Combine(Path.GetTempPath(), "difflint-no-such-tree-" + Guid.NewGuid().ToString("N"));
        var (exit, output, error) = Run("--tree", missing, "-");
        Assert.Equal(ExitCodes.UsageOrInput, exit);
        Assert.Equal($"difflint: --tree {missing}: no such directory\n", error);
        Assert.Equal("", output);
    }

    [SharedFact]
    public void TreeAndNoTreeTogetherAreBadUsage()
    {
        var (exit, _, error) = Run("--tree", ".", "--no-tree", "-");
        Assert.Equal(ExitCodes.UsageOrInput, exit);
        Assert.Contains("--tree and --no-tree contradict", error);
    }

    [SharedFact]
    public void StatsSayWhichTreeServed()
    {
        var directory = Path.Combine(Path.GetTempPath(), "difflint-tree-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            // A temporary folder can sit inside some git work tree on a developer's machine: then the tree is that repository.
            var stats = Run("-", "--stats", "--quiet", "--tree", directory).Err;
            Assert.Matches(@"  tree          0 files from (directory|git repository) ", stats);
            Assert.Contains("  tree          none (the patch alone)\n", Run("-", "--stats", "--quiet", "--no-tree").Err);
        }
        finally
        {
            Directory.Delete(directory);
        }
    }
}
