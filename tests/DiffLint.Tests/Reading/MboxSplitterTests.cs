using System.Text;
using DiffLint.Core.Reading;

namespace DiffLint.Tests.Reading;

public class MboxSplitterTests
{
    private static List<RawMessage> Split(string text, MboxFormat format = MboxFormat.Auto) =>
        new MboxSplitter(new MemoryStream(Encoding.UTF8.GetBytes(text)), format).ReadAll().ToList();

    [Theory]
    [InlineData("From 1a3e64c6c4a6a0b5a8f1d8d0e2b7f4c1a2b3c4d5 Mon Sep 17 00:00:00 2001", true)]
    [InlineData("From patchwork Fri Mar 27 13:10:24 2026", true)]
    [InlineData("From mboxrd@z Thu Jan  1 00:00:00 1970", true)]
    [InlineData("From user@host Wed Jun 20 12:22:05 2018", true)]
    [InlineData("From there, I'll build up from a basic directory rename detection case", false)]
    [InlineData("From 12:00:00 1970", false)]
    [InlineData("From x Wed Jun 20 12:22:05 0042", false)]
    public void RecognisesSeparatorLinesLikeGitMailsplit(string line, bool expected) =>
        Assert.Equal(expected, MboxSplitter.IsSeparatorLine(Encoding.ASCII.GetBytes(line + "\n")));

    [Fact]
    public void SplitsMessagesAndKeepsInputLineNumbers()
    {
        var messages = Split("From a Mon Sep 17 00:00:00 2001\nSubject: one\n\nbody\n\nFrom b Mon Sep 17 00:00:00 2001\nSubject: two\n\nbody\n");
        Assert.Equal(2, messages.Count);
        Assert.Equal((2, 5), (messages[0].FirstInputLine, messages[0].LastInputLine));
        Assert.Equal((7, 9), (messages[1].FirstInputLine, messages[1].LastInputLine));
        Assert.StartsWith("Subject: two", Encoding.UTF8.GetString(messages[1].Bytes.Span));
    }

    [Fact]
    public void DoesNotSplitOnASeparatorShapedLineInsideACommitMessage()
    {
        // The quoted separator is followed by prose, not by a header: git would split here, we do not.
        var text = "From a Mon Sep 17 00:00:00 2001\nSubject: doc\n\nformat-patch writes\nFrom 0000 Mon Sep 17 00:00:00 2001\nas its first line.\n";
        var message = Assert.Single(Split(text));
        Assert.Contains("as its first line.", Encoding.UTF8.GetString(message.Bytes.Span));
    }

    [Fact]
    public void UnquotesFromLinesInMboxrdOnly()
    {
        var text = "From mboxrd@z Thu Jan  1 00:00:00 1970\nSubject: x\n\n>From here\n>>From there\n";
        var body = Encoding.UTF8.GetString(Assert.Single(Split(text)).Bytes.Span);
        Assert.Contains("\nFrom here\n>From there\n", body);

        var mboxo = Encoding.UTF8.GetString(Assert.Single(Split(text.Replace("mboxrd@z", "foo@bar"))).Bytes.Span);
        Assert.Contains("\n>From here\n", mboxo);
    }

    [Fact]
    public void SplitsMboxrdRepliesFullOfQuotesAcrossChunks()
    {
        // Quoted lines end the blocks copied whole, and the next separator, found once, must still be found after them
        // and after the chunk is refilled: many mails of many quoted lines, past several 64 KB chunks.
        var text = new StringBuilder();
        for (var m = 0; m < 300; m++)
        {
            text.Append("From mboxrd@z Thu Jan  1 00:00:00 1970\n").Append($"Subject: Re: mail {m}\n\n");
            for (var q = 0; q < 20; q++) text.Append($"> quoted line {q} of mail {m}\n>>From a quote\nreply {q}\n");
        }

        var messages = Split(text.ToString());
        Assert.Equal(300, messages.Count);
        for (var m = 0; m < messages.Count; m++)
        {
            var body = Encoding.UTF8.GetString(messages[m].Bytes.Span);
            Assert.StartsWith($"Subject: Re: mail {m}\n", body);
            Assert.EndsWith("> quoted line 19 of mail " + m + "\n>From a quote\nreply 19\n", body);
            Assert.Equal(2 + m * 63, messages[m].FirstInputLine);
        }
    }

    [Fact]
    public void AFileWithoutSeparatorIsOneMessage()
    {
        var message = Assert.Single(Split("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n"));
        Assert.Equal((1, 6), (message.FirstInputLine, message.LastInputLine));
    }

    [Fact]
    public void StreamsLinesLongerThanItsBuffer()
    {
        var longLine = new string('x', 300_000);
        var messages = Split($"From a Mon Sep 17 00:00:00 2001\nSubject: a\n\n{longLine}\nFrom b Mon Sep 17 00:00:00 2001\nSubject: b\n\nend\n");
        Assert.Equal(2, messages.Count);
        Assert.Contains(longLine, Encoding.UTF8.GetString(messages[0].Bytes.Span));
        Assert.Equal(6, messages[1].FirstInputLine);
    }

    [SharedFact]
    public void WatchdogArchiveSplitsIntoSixHundredMails()
    {
        using var stream = File.OpenRead(Path.Combine(TestPaths.Corpus, "lists", "watchdog.mbox"));
        Assert.Equal(600, new MboxSplitter(stream).ReadAll().Count());
    }

    [SharedTheory]
    [InlineData("git", 150)]
    [InlineData("bluez", 150)]
    [InlineData("seabios", 100)]
    public void FormatPatchMboxesSplitIntoOneMessagePerCommit(string project, int expected)
    {
        using var stream = File.OpenRead(Path.Combine(TestPaths.Corpus, project + ".mbox"));
        Assert.Equal(expected, new MboxSplitter(stream).ReadAll().Count());
    }
}
