using System.Text;
using System.Text.RegularExpressions;
using DiffLint.Core.Analysis;
using DiffLint.Reporting;
using DiffLint.Rules;
using DiffLint.Tests.Reporting;
using DiffLint.Tests.Rules.Markup;

namespace DiffLint.Tests.Analysis;

/// <summary>A finding keeps the arguments of its message, and the checkpatch wording is made from them.</summary>
public class DiagnosticArgumentsTests
{
    private const string Documentation = "## What it does\nTest.\n";

    private static readonly RuleDescriptor LineLength = new("DL9990", "line-length", "Line length",
        "Line is {0} columns, over the limit of {1}", "Test", Severity.Warning, Documentation,
        checkpatchMessage: "line length of {0} exceeds {1} columns");

    [Fact]
    public void MessageAndCheckpatchWordingComeFromTheSameArguments()
    {
        var diagnostic = Diagnostic.Create(LineLength, Severity.Warning, Locations.AtInputLine(1), null, 120, 100);
        Assert.Equal("Line is 120 columns, over the limit of 100", diagnostic.Message);
        Assert.Equal(new object?[] { 120, 100 }, diagnostic.Arguments.ToArray());
        Assert.Equal("line length of 120 exceeds 100 columns", diagnostic.CheckpatchMessage);
    }

    [Fact]
    public void AnArgumentHoldingTheFormatsOwnWordsStaysWhole()
    {
        // Read back from the message, the first argument ended at the first " columns, over the limit of ".
        var diagnostic = Diagnostic.Create(LineLength, Severity.Warning, Locations.AtInputLine(1), null, "8 columns, over the limit of 9", 100);
        Assert.Equal("line length of 8 columns, over the limit of 9 exceeds 100 columns", diagnostic.CheckpatchMessage);
    }

    [Fact]
    public void AValueThatCouldChangeIsKeptAsTheTextTheMessageShows()
    {
        var text = new StringBuilder("120");
        var diagnostic = Diagnostic.Create(LineLength, Severity.Warning, Locations.AtInputLine(1), null, text, 100);
        text.Append('0');
        Assert.Equal("120", diagnostic.Arguments[0]);
        Assert.Equal("line length of 120 exceeds 100 columns", diagnostic.CheckpatchMessage);
    }

    [Fact]
    public void AMessageWrittenWithoutTheFormatIsItsOwnCheckpatchWording()
    {
        var diagnostic = new Diagnostic(LineLength, Severity.Warning, "Line is long", Locations.AtInputLine(1));
        Assert.True(diagnostic.Arguments.IsDefault);
        Assert.Equal("Line is long", diagnostic.CheckpatchMessage);
    }

    [Fact]
    public void TheNoteOnUnlistedFindingsFollowsTheCheckpatchWordingToo()
    {
        // 150 calls with a space before '(' on one line: 100 findings are kept, the last saying 50 more are not.
        var calls = string.Join(" + ", Enumerable.Repeat("f (1)", 150));
        var patch = PatchSnippet.Render(PatchSnippet.Hunk("a.c", 1, $" int g(void)\n {{\n+\tint x = {calls};\n \treturn 0;\n"));
        var result = TestRunner.RunText(patch);
        var last = result.AllDiagnostics.Last(d => d.Id == "DL3008");
        Assert.Equal(50, last.Unlisted);
        Assert.EndsWith("'(' (50 more on this line not listed)", last.Message);
        Assert.Equal("space prohibited between function name and open parenthesis '(' (50 more on this line not listed)", last.CheckpatchMessage);
        Assert.Contains($"WARNING:SPACING: {last.CheckpatchMessage}\n", ReporterTestHelpers.Render(new CheckpatchReporter(), result));
    }

    [Fact]
    public void NoFormatOfABuiltInRuleGivesAnArgumentAFormatStringOrAlignment()
    {
        // Arguments that could change are kept as "{0}" writes them, which is what the formats show only while none
        // says how to write its argument ("{0:x}", "{0,8}").
        var formatItem = new Regex(@"(?<!\{)\{[0-9]+ *[,:]", RegexOptions.None, TimeSpan.FromSeconds(1));
        var descriptors = BuiltInRules.All.SelectMany(r => r.SupportedDiagnostics);
        Assert.Empty(descriptors.Where(d => formatItem.IsMatch(d.MessageFormat) || formatItem.IsMatch(d.CheckpatchMessageFormat ?? ""))
            .Select(d => d.Id));
    }
}
