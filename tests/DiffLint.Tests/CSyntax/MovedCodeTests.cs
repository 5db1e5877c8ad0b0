using System.Text;
using DiffLint.Core.Analysis;

namespace DiffLint.Tests.CSyntax;

public class MovedCodeTests
{
    private const string Mail = """
        From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001
        From: A U Thor <author@example.com>
        Subject: [PATCH] move parse_config to b.c

        Move it.

        Signed-off-by: A U Thor <author@example.com>
        ---

        """;

    /// <summary>A 200-line function in poor style: trailing whitespace every seventh line, C99 comments, spaces for tabs.</summary>
    private static List<string> Function()
    {
        var lines = new List<string> { "static int parse_config(struct config *cfg, const char *text)", "{" };
        for (var i = 0; lines.Count < 199; i++)
        {
            var trailing = i % 7 == 0 ? "  " : "";
            lines.Add(i % 5 == 0 ? $"    // step {i}{trailing}" : $"\tcfg->value{i} = parse_value(text, {i}, cfg->value{i - 1});{trailing}");
        }

        lines.Add("}");
        return lines;
    }

    private static string MovePatch(List<string> added)
    {
        var removed = Function();
        var text = new StringBuilder(Mail);
        text.Append("diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n");
        text.Append($"@@ -10,{removed.Count + 2} +10,2 @@ int other(void)\n");
        text.Append(" int before;\n");
        foreach (var line in removed) text.Append('-').Append(line).Append('\n');
        text.Append(" int after;\n");
        text.Append("diff --git a/b.c b/b.c\n--- a/b.c\n+++ b/b.c\n");
        text.Append($"@@ -20,2 +20,{added.Count + 2} @@\n");
        text.Append(" int here;\n");
        foreach (var line in added) text.Append('+').Append(line).Append('\n');
        text.Append(" int there;\n");
        return text.ToString();
    }

    [Fact]
    public void AFunctionMovedBetweenFilesGetsNoFindings()
    {
        var function = Function();
        Assert.Equal(200, function.Count);
        var result = TestRunner.RunText(MovePatch(function));
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Location.Kind == LocationKind.File);
        var patch = Assert.Single(TestRunner.ParseText(MovePatch(function)));
        var moves = MovedCodeDetector.Detect(patch);
        Assert.Equal((200, 0), (moves.MovedLines, moves.ReindentedLines));
    }

    [Fact]
    public void AChangedLineInsideAMovedFunctionIsTheOnlyOneJudged()
    {
        var function = Function();
        Assert.EndsWith("  ", function[100]);
        function[100] = function[100].Replace("parse_value", "parse_number");
        var result = TestRunner.RunText(MovePatch(function));
        var finding = Assert.Single(result.AllDiagnostics, d => d.Location.Kind == LocationKind.File);
        Assert.Equal(("DL2001", "b.c", 20 + 1 + 100), (finding.Id, finding.Location.Path, finding.Location.Line));
    }

    [Fact]
    public void ReindentedCodeIsStillJudgedByLineRules()
    {
        var function = Function().Select(l => "\t" + l).ToList();
        var patch = Assert.Single(TestRunner.ParseText(MovePatch(function)));
        var moves = MovedCodeDetector.Detect(patch);
        Assert.Equal((0, 200), (moves.MovedLines, moves.ReindentedLines));
        var result = TestRunner.RunText(MovePatch(function));
        Assert.Equal(Function().Count(l => l.EndsWith(' ')), result.AllDiagnostics.Count(d => d.Id == "DL2001"));
    }

    [Fact]
    public void LoneCommonLinesDoNotCountAsMoved()
    {
        var text = Mail + "diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1,6 +1,6 @@\n int f(void)\n {\n-\treturn 0;  \n-}\n+\tint x = 1;  \n+}\n \n int g;\n"
            + "@@ -20,3 +20,5 @@\n int h;\n+\treturn 0;  \n+}\n \n int i;\n";
        var patch = Assert.Single(TestRunner.ParseText(text));
        Assert.Same(MoveMap.None, MovedCodeDetector.Detect(patch));
        Assert.Equal(2, TestRunner.RunText(text).AllDiagnostics.Count(d => d.Id == "DL2001"));
    }

    /// <summary>A two-patch series: 1/2 removes <paramref name="removed"/> from a.c, 2/2 adds <paramref name="added"/> to b.c.</summary>
    private static string SeriesMove(List<string> removed, List<string> added)
    {
        static string Header(int number, string subject, string id, string? parent) =>
            $"From 0123456789abcdef0123456789abcdef0123456{number} Mon Sep 17 00:00:00 2001\n"
            + "From: A U Thor <author@example.com>\n"
            + $"Subject: [PATCH {number}/2] {subject}\n"
            + $"Message-Id: <{id}@example.com>\n"
            + (parent is null ? "" : $"In-Reply-To: <{parent}@example.com>\nReferences: <{parent}@example.com>\n")
            + $"\n{subject}.\n\nSigned-off-by: A U Thor <author@example.com>\n---\n";

        var text = new StringBuilder(Header(1, "remove parse_config from a.c", "one", null));
        text.Append("diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n");
        text.Append($"@@ -10,{removed.Count + 2} +10,2 @@ int other(void)\n int before;\n");
        foreach (var line in removed) text.Append('-').Append(line).Append('\n');
        text.Append(" int after;\n-- \n2.43.0\n\n");
        text.Append(Header(2, "add parse_config to b.c", "two", "one"));
        text.Append("diff --git a/b.c b/b.c\n--- a/b.c\n+++ b/b.c\n");
        text.Append($"@@ -20,2 +20,{added.Count + 2} @@\n int here;\n");
        foreach (var line in added) text.Append('+').Append(line).Append('\n');
        text.Append(" int there;\n-- \n2.43.0\n\n");
        return text.ToString();
    }

    [Fact]
    public void AFunctionASeriesMovesBetweenItsPatchesGetsNoFindings()
    {
        var result = TestRunner.RunText(SeriesMove(Function(), Function()));
        Assert.Equal(2, result.Reports.Count(r => r.Patch.IsAnalysed));
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Location.Kind == LocationKind.File);
    }

    [Fact]
    public void AChangedLineInsideAFunctionASeriesMovesIsTheOnlyOneJudged()
    {
        var added = Function();
        added[100] = added[100].Replace("parse_value", "parse_number");
        var result = TestRunner.RunText(SeriesMove(Function(), added));
        var finding = Assert.Single(result.AllDiagnostics, d => d.Location.Kind == LocationKind.File);
        Assert.Equal(("DL2001", "b.c", 20 + 1 + 100), (finding.Id, finding.Location.Path, finding.Location.Line));
    }

    [Fact]
    public void CodeAddedByAPatchOutsideTheSeriesIsStillJudged()
    {
        // The same two mails, but not a series: 2/2 neither replies to 1/2 nor shares its numbering's thread.
        var text = SeriesMove(Function(), Function())
            .Replace("In-Reply-To: <one@example.com>\nReferences: <one@example.com>\n", "")
            .Replace("[PATCH 2/2] add", "[PATCH] add").Replace("[PATCH 1/2] remove", "[PATCH] remove");
        var result = TestRunner.RunText(text);
        Assert.Contains(result.AllDiagnostics, d => d.Location.Kind == LocationKind.File && d.Location.Path == "b.c");
    }

    [Fact]
    public void AMoveTooLargeToAlignIsStillFoundWithItsNewLinesLeftNew()
    {
        // 3,000 lines each way is past the size DiffPlex aligns, so the pairs are chained in linear time; the moved
        // block is found whole, and a line added in its middle stays new.
        var moved = new List<string>();
        for (var i = 0; i < 3000; i++) moved.Add($"\tregs->field_{i} = read_register(dev, {i});");
        var text = new StringBuilder(Mail);
        text.Append("diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n");
        text.Append($"@@ -10,{moved.Count} +10,0 @@\n");
        foreach (var line in moved) text.Append('-').Append(line).Append('\n');
        text.Append("diff --git a/b.c b/b.c\n--- a/b.c\n+++ b/b.c\n");
        text.Append($"@@ -20,0 +20,{moved.Count + 1} @@\n");
        for (var i = 0; i < moved.Count; i++)
        {
            if (i == 1500) text.Append("+\tregs->extra = 1;\n");
            text.Append('+').Append(moved[i]).Append('\n');
        }

        var moves = MovedCodeDetector.Detect(Assert.Single(TestRunner.ParseText(text.ToString())));
        Assert.Equal((3000, 0), (moves.MovedLines, moves.ReindentedLines));
    }
}
