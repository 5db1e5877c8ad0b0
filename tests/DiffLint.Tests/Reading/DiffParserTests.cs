using DiffLint.Core.Model;

namespace DiffLint.Tests.Reading;

public class DiffParserTests
{
    private const string Mail = """
        From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001
        From: A U Thor <author@example.com>
        Subject: [PATCH v3 2/5] foo: do things

        Body text.

        Signed-off-by: A U Thor <author@example.com>
        ---
         foo.c | 3 ++-
         1 file changed, 2 insertions(+), 1 deletion(-)

        """;

    private static Patch One(string text) => Assert.Single(TestRunner.ParseText(text));

    [Fact]
    public void ConsumesHunksByCountSoTheSignatureIsNotARemovedLine()
    {
        var patch = One(Mail + "diff --git a/foo.c b/foo.c\nindex 1..2 100644\n--- a/foo.c\n+++ b/foo.c\n@@ -1,2 +1,3 @@\n a\n-b\n+c\n+d\n-- \n2.39.5\n\n");
        var file = Assert.Single(patch.Files);
        Assert.Equal((2, 1), (file.AddedCount, file.RemovedCount));
        Assert.Empty(patch.DiffProblems);
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", patch.CommitId);
        Assert.Equal(("foo: do things", 3, 2, 5), (patch.Subject.Summary, patch.Subject.Version, patch.Subject.Number, patch.Subject.Total));
        Assert.Equal(1, patch.Diffstat!.FilesChanged);
    }

    [Fact]
    public void APatchPastThePatchLinesLimitKeepsItsFirstLinesAndSaysSoOnce()
    {
        static string Hunk(int at) => $"@@ -{at},4 +{at},4 @@\n a\n-b\n+c\n d\n e\n";
        var text = Mail + "diff --git a/foo.c b/foo.c\n--- a/foo.c\n+++ b/foo.c\n" + Hunk(1) + Hunk(11) + Hunk(21)
                   + "diff --git a/bar.c b/bar.c\n--- a/bar.c\n+++ b/bar.c\n" + Hunk(1);
        var reader = new DiffLint.Core.Reading.PatchReader(new DiffLint.Core.Reading.ReaderOptions(Limits: new DiffLint.Core.Reading.InputLimits { PatchLines = 7 }));
        var patch = Assert.Single(reader.Read(new InputSource("-", null, 0), () => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)))).Message!.Parse(0);

        // Five lines of the first hunk and two of the second are kept; the rest is read past, and the next file still parses.
        Assert.Equal(["foo.c", "bar.c"], patch.Files.Select(f => f.Path));
        Assert.Equal([5, 2], patch.Files[0].Hunks.Select(h => h.Lines.Length));
        Assert.Equal([true, false], patch.Files[0].Hunks.Select(h => h.IsComplete));
        Assert.Empty(patch.Files[1].Hunks);
        var problem = Assert.Single(patch.DiffProblems);
        Assert.Equal(DiffProblemKind.HunkOverLimit, problem.Kind);
        Assert.Contains("input limit patch-lines: the patch has more than 7 diff lines", problem.Message);
        Assert.Contains("difflint_limit_patch_lines", problem.Message);
    }

    [Fact]
    public void NumbersLinesFromTheHunkHeader()
    {
        var patch = One(Mail + "diff --git a/foo.c b/foo.c\n--- a/foo.c\n+++ b/foo.c\n@@ -10,3 +20,4 @@ int main(void)\n ctx\n-old\n+new1\n+new2\n ctx2\n");
        var lines = patch.Files[0].Hunks[0].Lines;
        Assert.Equal([(10, 20), (11, 0), (0, 21), (0, 22), (12, 23)], lines.Select(l => (l.OldLine, l.NewLine)));
        Assert.Equal("int main(void)", patch.Files[0].Hunks[0].Heading);
        // Input lines: the separator and mail take 10 lines, so "diff --git" is line 11 and the first hunk line 15.
        Assert.Equal(15, lines[0].InputLine);
    }

    [Fact]
    public void ReadsGitExtendedHeaders()
    {
        var patch = One(Mail + """
            diff --git a/old.c b/new.c
            similarity index 90%
            rename from old.c
            rename to new.c
            --- a/old.c
            +++ b/new.c
            @@ -1 +1 @@
            -x
            +y
            diff --git a/gone.c b/gone.c
            deleted file mode 100644
            index 1234567..0000000
            --- a/gone.c
            +++ /dev/null
            @@ -1 +0,0 @@
            -bye
            diff --git a/script.sh b/script.sh
            old mode 100644
            new mode 100755
            diff --git a/logo.png b/logo.png
            new file mode 100644
            index 0000000..1111111
            GIT binary patch
            literal 5
            McmZQzWMKdU00A}l0RR91

            literal 0
            HcmV?d00001

            diff --git "a/caf\303\251.c" "b/caf\303\251.c"
            new file mode 100644
            --- /dev/null
            +++ "b/caf\303\251.c"
            @@ -0,0 +1 @@
            +int x;
            \ No newline at end of file

            """);
        Assert.Equal(5, patch.Files.Length);
        var (rename, deleted, mode, binary, quoted) = (patch.Files[0], patch.Files[1], patch.Files[2], patch.Files[3], patch.Files[4]);
        Assert.Equal((FileChangeKind.Renamed, "old.c", "new.c", 90), (rename.Change, rename.OldPath, rename.NewPath, rename.Similarity!.Value));
        Assert.Equal((FileChangeKind.Deleted, "gone.c", (string?)null), (deleted.Change, deleted.OldPath, deleted.NewPath));
        Assert.Equal("gone.c", deleted.Path);
        Assert.Equal(("100644", "100755", 0), (mode.OldMode, mode.NewMode, mode.Hunks.Length));
        Assert.True(binary.IsBinary);
        Assert.Equal(FileChangeKind.Added, binary.Change);
        Assert.Equal("café.c", quoted.Path);
        Assert.True(quoted.Hunks[0].Lines[0].NoNewlineAtEnd);
        Assert.Empty(patch.DiffProblems);
    }

    [Theory]
    [InlineData("diff --git a/x y b/x y", "x y", "x y")]
    [InlineData("diff --git x.c x.c", "x.c", "x.c")]
    [InlineData("diff --git c/dir/a.c w/dir/a.c", "dir/a.c", "dir/a.c")]
    [InlineData("diff --git \"a/t\\tb\" \"b/t\\tb\"", "t\tb", "t\tb")]
    public void SplitsDiffGitPaths(string line, string oldPath, string newPath)
    {
        Assert.True(DiffLint.Core.Reading.DiffParser.TrySplitGitPaths(line.AsSpan("diff --git ".Length), out var o, out var n, out _));
        Assert.Equal((oldPath, newPath), (o, n));
    }

    [Fact]
    public void ReadsPlainDiffUWithTimestampsAndNoMail()
    {
        var patch = One("--- lib/a.c\t2024-01-01 00:00:00.000000000 +0000\n+++ lib/a.c\t2024-01-02 00:00:00.000000000 +0000\n@@ -1,2 +1,2 @@\n-a\n+b\n c\n");
        Assert.Equal(MessageKind.PlainDiff, patch.Kind);
        Assert.Equal("lib/a.c", patch.Files[0].Path);
        Assert.Equal((1, 1), (patch.Files[0].AddedCount, patch.Files[0].RemovedCount));
    }

    [Fact]
    public void HunkCountTooLargeIsReportedAtTheLineThatBrokeIt()
    {
        // The header promises 3 new lines, the hunk has 2, and the next file starts on line 17.
        var patch = One(Mail + "diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1,1 +1,3 @@\n a\n+b\ndiff --git a/b.c b/b.c\n--- a/b.c\n+++ b/b.c\n@@ -1 +1 @@\n-x\n+y\n");
        var problem = Assert.Single(patch.DiffProblems);
        Assert.Equal(DiffProblemKind.HunkShorterThanHeader, problem.Kind);
        Assert.Equal(17, problem.InputLine);
        Assert.Equal(2, patch.Files.Length);
        Assert.Equal(1, patch.Files[1].AddedCount);
    }

    [Fact]
    public void HunkCountTooSmallIsReportedAtTheExtraLine()
    {
        var patch = One(Mail + "diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1,1 +1,1 @@\n-a\n+b\n+c\n-- \n2.39.5\n");
        var problem = Assert.Single(patch.DiffProblems);
        Assert.Equal(DiffProblemKind.HunkLongerThanHeader, problem.Kind);
        Assert.Equal(17, problem.InputLine);
    }

    [Fact]
    public void WrappedLineInsideAHunkIsGarbage()
    {
        var patch = One(Mail + "diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1,2 +1,2 @@\n-a\n+b = call(one,\ntwo);\n c\n");
        var problem = Assert.Single(patch.DiffProblems);
        Assert.Equal(DiffProblemKind.GarbageInHunk, problem.Kind);
        Assert.Equal(17, problem.InputLine);
    }

    [Fact]
    public void DiffCutShortAtEndOfInput()
    {
        var patch = One(Mail + "diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1,5 +1,5 @@\n a\n");
        Assert.Equal(DiffProblemKind.DiffCutShort, Assert.Single(patch.DiffProblems).Kind);
        Assert.False(patch.Files[0].Hunks[0].IsComplete);
    }

    [Fact]
    public void HugeClaimedCountDoesNotAllocateOrHang()
    {
        var patch = One(Mail + "diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1,2000000000 +1,2000000000 @@\n a\n");
        Assert.Equal(DiffProblemKind.DiffCutShort, Assert.Single(patch.DiffProblems).Kind);
    }

    [Fact]
    public void EmptyContextLineWithoutItsSpaceIsAcceptedLikeGitApply()
    {
        var patch = One(Mail + "diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1,3 +1,3 @@\n a\n\n-b\n+c\n");
        Assert.Empty(patch.DiffProblems);
        Assert.Equal(4, patch.Files[0].Hunks[0].Lines.Length);
    }

    [Fact]
    public void RecognisesCoverLettersRepliesAndInBodyHeaders()
    {
        var messages = TestRunner.ParseText("""
            From a Mon Sep 17 00:00:00 2001
            Subject: [PATCH 0/2] series

            Cover text.

            From b Mon Sep 17 00:00:00 2001
            Subject: Re: [PATCH 1/2] foo

            > quoted

            From c Mon Sep 17 00:00:00 2001
            From: Sender <sender@example.com>
            Subject: [PATCH 1/2] mail subject

            From: Real Author <author@example.com>
            Subject: foo: the real subject

            Message.

            Signed-off-by: Real Author <author@example.com>
            Reviewed-by: Someone <someone@example.com>
            ---
            diff --git a/a b/a
            --- a/a
            +++ b/a
            @@ -1 +1 @@
            -x
            +y

            """);
        Assert.Equal([MessageKind.CoverLetter, MessageKind.Reply, MessageKind.Patch], messages.Select(m => m.Kind));
        var patch = messages[2];
        Assert.Equal("Real Author <author@example.com>", patch.Author);
        Assert.Equal("foo: the real subject", patch.Subject.Summary);
        Assert.Equal(["Signed-off-by", "Reviewed-by"], patch.Trailers.Select(t => t.Key));
        Assert.Equal("Message.", patch.CommitMessage.First(l => l.Span.Length > 0).ToString());
    }

    [Fact]
    public void ScissorsDiscardTheDiscussionAbove()
    {
        var patch = One("From: A <a@example.com>\nSubject: Re: question\n\nYes, like this:\n\n-- >8 --\nSubject: [PATCH] fix it\n\nThe fix.\n---\ndiff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1 +1 @@\n-x\n+y\n");
        Assert.Equal("fix it", patch.Subject.Summary);
        Assert.Equal(MessageKind.Patch, patch.Kind);
    }
}
