using System.Text;
using DiffLint.Core.Analysis;
using DiffLint.Core.Mime;

namespace DiffLint.Tests.Analysis;

/// <summary>The grouping rules of docs/series.md, one mail-level situation each.</summary>
public class SeriesGroupingTests
{
    private const string Jane = "Jane Doe <jane.doe@example.org>";
    private const string John = "John Roe <john.roe@example.org>";

    [Fact]
    public void ReferencesLeadToTheCoverLetterWhenInReplyToIsAbsent()
    {
        var groups = Group(
            Mail("[PATCH 0/2] frob: fix the counter", id: "cover@x"),
            Mail("[PATCH 1/2] frob: enable", id: "p1@x", inReplyTo: "cover@x", references: "<cover@x>"),
            Mail("[PATCH 2/2] frob: disable", id: "p2@x", inReplyTo: "lost@x", references: "<cover@x> <p1@x> <lost@x>"));

        Assert.Equal(["0/2 1/2 2/2"], groups);
    }

    [Fact]
    public void PatchesOfACoverLetterMissingFromTheInputFormOneSeries()
    {
        var groups = Group(
            Mail("[PATCH v3 2/5] rtc: frob: add the alarm", id: "p2@x", inReplyTo: "cover@x", references: "<cover@x>"),
            Mail("[PATCH v3 4/5] rtc: frob: add the watchdog", id: "p4@x", inReplyTo: "cover@x", references: "<cover@x>"));

        Assert.Equal(["2/5 4/5"], groups);
    }

    [Fact]
    public void AnUnnumberedNewVersionInReplyToTheOldOneIsItsOwnSeries()
    {
        var groups = Group(
            Mail("[PATCH] frob: fix the counter", id: "v1@x"),
            Mail("[PATCH v2] frob: fix the counter", id: "v2@x", inReplyTo: "v1@x", references: "<v1@x>"));

        Assert.Equal(["-", "-"], groups);
    }

    [Fact]
    public void UnthreadedFilesJoinWhileNumbersGoUpAndTheSenderStays()
    {
        var groups = Group(
            Mail("[PATCH 1/2] frob: enable"),
            Mail("[PATCH 2/2] frob: disable"),
            Mail("[PATCH 1/2] frob: enable"),
            Mail("[PATCH 2/2] frob: disable", from: John));

        Assert.Equal(["1/2 2/2", "1/2", "2/2"], groups);
    }

    [Fact]
    public void TwoCopiesOfAThreadMakeTwoSeries()
    {
        var series = new[]
        {
            Mail("[PATCH 0/2] frob: fix the counter", id: "cover@x"),
            Mail("[PATCH 1/2] frob: enable", id: "p1@x", inReplyTo: "cover@x", references: "<cover@x>"),
            Mail("[PATCH 2/2] frob: disable", id: "p2@x", inReplyTo: "cover@x", references: "<cover@x>"),
        };

        Assert.Equal(["0/2 1/2 2/2", "0/2 1/2 2/2"], Group([.. series, .. series]));
    }

    [Fact]
    public void ReferencesListEveryBracketedId()
    {
        Assert.Equal(["a@x", "b@x"], MessageIds.ParseList(" <a@x>\n\t<b@x> ").ToArray());
        Assert.Equal(["bare@x"], MessageIds.ParseList("bare@x").ToArray());
    }

    [Fact]
    public void AParentThatComesAfterItsChildIsStillItsParentInAStream()
    {
        var groups = Group(
            Mail("[PATCH 1/2] frob: enable", id: "p1@x", inReplyTo: "cover@x", references: "<cover@x>"),
            Mail("[PATCH 0/2] frob: fix the counter", id: "cover@x"),
            Mail("[PATCH 2/2] frob: disable", id: "p2@x", inReplyTo: "cover@x", references: "<cover@x>"));

        Assert.Equal(["1/2 0/2 2/2"], groups);
    }

    [Fact]
    public void InAStreamAMemberMoreThanAWindowAfterItsSeriesStartsANewOne()
    {
        var mails = new[]
        {
            Mail("[PATCH 0/3] frob: fix the counter", id: "cover@x"),
            Mail("[PATCH 1/3] frob: enable", id: "p1@x", inReplyTo: "cover@x", references: "<cover@x>"),
            Mail("[PATCH] other: one", id: "o1@x"),
            Mail("[PATCH] other: two", id: "o2@x"),
            Mail("[PATCH 2/3] frob: disable", id: "p2@x", inReplyTo: "cover@x", references: "<cover@x>"),
            Mail("[PATCH 3/3] frob: count", id: "p3@x", inReplyTo: "cover@x", references: "<cover@x>"),
        };

        // Two messages after 1/3, 2/3 is within a window of 3 and joins; within a window of 2 the series was complete, and
        // 2/3 and 3/3 form a series of their own, as patches whose cover letter is not in the input do.
        Assert.Equal(["0/3 1/3 2/3 3/3", "-", "-"], StreamGroups(3, mails));
        Assert.Equal(["0/3 1/3", "-", "-", "2/3 3/3"], StreamGroups(2, mails));
    }

    /// <summary>
    /// The positions (n/m, or - for an unnumbered patch) of each series, in input order; the series a stream forms
    /// (<see cref="OpenSeries{T}"/>, with a window longer than the input) are the same.
    /// </summary>
    private static List<string> Group(params string[] mails)
    {
        var summaries = TestRunner.ParseText(string.Concat(mails)).Select(p => PatchSummary.From(p)).ToList();
        var groups = SeriesGrouping.Group(summaries)
            .Select(g => string.Join(' ', g.Select(m => m.Subject.Position ?? "-")))
            .ToList();
        Assert.Equal(groups.Order(), StreamGroups(summaries.Count + 1, mails).Order());
        return groups;
    }

    /// <summary>The series an <see cref="OpenSeries{T}"/> of <paramref name="window"/> forms, each once, by its first message.</summary>
    private static List<string> StreamGroups(int window, params string[] mails)
    {
        var series = new OpenSeries<int>(window);
        var members = new List<OpenSeries<int>.Member>();
        foreach (var patch in TestRunner.ParseText(string.Concat(mails)))
        {
            members.Add(series.Add(PatchSummary.From(patch), 0));
            series.Forget(patch.Sequence);
        }

        return [.. members.Select(m => series.SeriesOf(m)).DistinctBy(s => s[0].Summary.Sequence).OrderBy(s => s[0].Summary.Sequence)
            .Select(s => string.Join(' ', s.Select(m => m.Summary.Subject.Position ?? "-")))];
    }

    private static string Mail(string subject, string? id = null, string? inReplyTo = null, string? references = null, string from = Jane)
    {
        var mail = new StringBuilder("From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n");
        if (id is not null) mail.Append("Message-Id: <").Append(id).Append(">\n");
        if (inReplyTo is not null) mail.Append("In-Reply-To: <").Append(inReplyTo).Append(">\n");
        if (references is not null) mail.Append("References: ").Append(references).Append('\n');
        mail.Append("From: ").Append(from).Append('\n')
            .Append("Date: Mon, 2 Mar 2026 11:33:10 +0100\n")
            .Append("Subject: ").Append(subject).Append("\n\n")
            .Append("Frob the frobnicator.\n\nSigned-off-by: ").Append(from).Append('\n');
        if (!subject.Contains(" 0/", StringComparison.Ordinal))
        {
            mail.Append("---\n frob.c | 1 +\n 1 file changed, 1 insertion(+)\n\n")
                .Append("diff --git a/frob.c b/frob.c\n--- a/frob.c\n+++ b/frob.c\n@@ -1,1 +1,2 @@\n int frob;\n+int frob_count;\n");
        }

        return mail.Append("-- \n2.39.5\n\n").ToString();
    }
}
