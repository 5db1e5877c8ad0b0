using DiffLint.Core.Model;
using Xunit.Sdk;

namespace DiffLint.Tests.Rules.Markup;

public class MarkupTests
{
    [Fact]
    public void MarksAreStrippedAndTheirSpansKept()
    {
        var (text, spans) = TestMarkup.Parse("a\n+\t{|DL3027:return|} ([|x|]);\n{|DL1001:|}end\n");

        Assert.Equal("a\n+\treturn (x);\nend\n", text);
        Assert.Equal(
            [new MarkedSpan("DL3027", 2, 2, 6), new MarkedSpan(null, 2, 10, 1), new MarkedSpan("DL1001", 3, 0, 0)],
            spans.OrderBy(s => s.Line).ThenBy(s => s.Column));
    }

    [Fact]
    public void NestedMarksEachKeepTheirSpan()
    {
        var (text, spans) = TestMarkup.Parse("+{|DL1:a {|DL2:b|} c|}");

        Assert.Equal("+a b c", text);
        Assert.Contains(new MarkedSpan("DL1", 1, 1, 5), spans);
        Assert.Contains(new MarkedSpan("DL2", 1, 3, 1), spans);
    }

    [Theory]
    [InlineData("+{|DL1:a\n|}", "must end on the line")]
    [InlineData("+a|}", "closes no mark")]
    [InlineData("+[|a|}", "closes a mark opened with '[|'")]
    [InlineData("+{|:a|}", "rule ID")]
    [InlineData("+[|a", "not closed")]
    public void BadMarkupSaysWhatIsWrong(string markup, string message)
    {
        var error = Assert.Throws<FormatException>(() => TestMarkup.Parse(markup));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void MarkPutsSpansBackWellFormed()
    {
        Assert.Equal("+{|A:x {|B:y|}|}{|C:|}z", TestMarkup.Mark("+x yz", [("B", 3, 1), ("A", 1, 3), ("C", 4, 0)]));
        Assert.Equal("+[|x|] {|B:y|}", TestMarkup.Mark("+x y", [("A", 1, 1), ("B", 3, 1)], caseRuleId: "A"));
        var marked = TestMarkup.Mark("+\treturn (x);", [("DL3027", 2, 6)]);
        Assert.Equal("+\t{|DL3027:return|} (x);", marked);
    }

    [Fact]
    public void ASnippetBecomesAPatchWithCountedHunks()
    {
        var patch = PatchSnippet.Render("""
            @@ lib/clamp.c:20 static int clamp(int x)
             {
            +	if (x > 10)
            +		return 10;
            -	x++;
             	return x;
            @@ lib/clamp.c:40
             }
            +
            @@ new lib/limits.h
            +#define LIMIT 10
            """);

        Assert.Contains("@@ -20,3 +20,4 @@ static int clamp(int x)\n", patch);
        // The first hunk adds a line more than it removes, so the second's pre-image starts a line earlier.
        Assert.Contains("@@ -39 +40,2 @@\n", patch);
        Assert.Contains("--- /dev/null\n+++ b/lib/limits.h\n@@ -0,0 +1 @@\n", patch);
        Assert.Contains(" lib/clamp.c  | 4 +++-\n lib/limits.h | 1 +\n 2 files changed, 4 insertions(+), 1 deletion(-)\n", patch);

        var parsed = Assert.Single(TestRunner.ParseText(patch));
        Assert.Empty(parsed.DiffProblems);
        Assert.Empty(parsed.MailProblems);
        Assert.Equal(["lib/clamp.c", "lib/limits.h"], parsed.Files.Select(f => f.Path));
        var hunks = parsed.Files[0].Hunks;
        Assert.Equal((20, 3, 20, 4), (hunks[0].OldStart, hunks[0].OldCount, hunks[0].NewStart, hunks[0].NewCount));
        Assert.Equal(41, hunks[1].Lines.Single(l => l.Kind == DiffLineKind.Added).NewLine);

        // Neither the hunk counts (DL0001, DL0002) nor the diffstat (DL1050-DL1052) disagree with the lines.
        var findings = TestRunner.RunText(patch).AllDiagnostics.Select(d => d.Id);
        Assert.DoesNotContain(findings, id => id is "DL0001" or "DL0002" or "DL1050" or "DL1051" or "DL1052");
    }

    [Fact]
    public void ASnippetKeepsTheSubjectAndMessageItIsGiven()
    {
        var patch = PatchSnippet.Render("""
            Subject: [PATCH v2] clamp: limit the value

            Limit the value.

            Signed-off-by: A U Thor <author@example.org>
            @@ lib/clamp.c:1
            +int x;
            """);

        var parsed = Assert.Single(TestRunner.ParseText(patch));
        Assert.Equal("[PATCH v2] clamp: limit the value", parsed.Subject.Raw);
        Assert.Contains("Signed-off-by: A U Thor <author@example.org>\n---\n", patch);
    }

    [Fact]
    public void ATestCanVerifyASnippetInPlace() =>
        MarkupVerifier.Verify("DL3027", """
            @@ lib/clamp.c:20
             {
            +	if (x > 10)
            +		{|DL3027:return|} (x);
            +	return (a) + (b);
             }
            """);

    [Fact]
    public void AMismatchShowsBothSidesWithTheLinesAndTheMarkupThatWouldPass()
    {
        var error = Assert.Throws<XunitException>(() => MarkupVerifier.Verify("DL3027", """
            @@ lib/clamp.c:20
             {
            +	if (x > 10)
            +		return (x);
            +	{|DL3027:return|} 0;
             }
            """));

        string[] expected =
        [
            "case: the findings do not match the markup: expected 1, reported 1 (1 expected and not reported, 1 reported and not expected)",
            "",
            "Expected and not reported:",
            "  DL3027 at input line 19, column 3, length 6",
            "   19: +\treturn 0;",
            "        \t^^^^^^",
            "",
            "Reported and not expected:",
            "  lib/clamp.c:22:3-9: error: return is not a function, parentheses are not required [DL3027] at input line 18, column 4, length 6",
            "   18: +\t\treturn (x);",
            "        \t\t^^^^^^",
            "",
            "The lines that differ, marked with what was reported:",
            "   18: +\t\t[|return|] (x);",
            "   19: +\treturn 0;",
            "",
        ];
        Assert.Equal(string.Join("\n", expected), error.Message);
    }
}
