using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;
using DiffLint.Tests.Rules.Markup;

namespace DiffLint.Tests.Analysis;

/// <summary>The code actions added for the rules that worked around the single walk: statements, lines on words, enclosing structure.</summary>
public class CodeActionTests
{
    private const string Documentation = "## What it does\nTest.\n\n## Why it matters\nTest.\n\n## Example\nTest.\n\n## Configuration\nNone.\n";

    private static readonly RuleDescriptor Finding = new("DL9990", "test-finding", "Test", "{0}", "Style", Severity.Warning, Documentation);

    /// <summary>A rule made of one registration, reporting <see cref="Finding"/>.</summary>
    private sealed class TestRule(Action<RuleRegistration> initialize) : PatchRule
    {
        public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Finding];

        public override void Initialize(RuleRegistration registration) => initialize(registration);
    }

    private const string Snippet = """
        @@ lib/clamp.c:20 static int clamp(int x)
         {
         	int kept = 0;
        +	int y = f(x), z = g(x);
        +	if (x > 10) {
        +		y = clamp_hi(y,
         			     z);
        +		mb(); wmb();
        +	}
         	return y;
         }
        """;

    private static List<Diagnostic> Run(Action<RuleRegistration> initialize, string snippet = Snippet)
    {
        var engine = new AnalysisEngine([new TestRule(initialize)]);
        return [.. TestRunner.ParseText(PatchSnippet.Render(snippet)).SelectMany(p => engine.Analyze(p, null).Diagnostics)];
    }

    private static string Describe(Diagnostic d) => $"{d.Location.Line}:{d.Location.Column}-{d.Location.EndColumn} {d.Message}";

    [Fact]
    public void StatementActionsSeeEachStatementStartingOnAJudgedLineWithItsWholeExtent()
    {
        var findings = Run(r => r.RegisterStatementAction(s =>
        {
            var words = new List<string>();
            foreach (ref readonly var token in s.Tokens)
            {
                if (token.IsCode) words.Add(s.TextOf(token).ToString());
            }

            var text = string.Join(" ", words);
            s.Report(Finding, s.FirstToken, $"{text} terminated={s.IsTerminated}");
        }));

        // "int kept" is on a context line; the call's statement runs onto the context line below it.
        Assert.Equal(
        [
            "22:2-5 int y = f ( x ) , z = g ( x ) ; terminated=True",
            "24:3-4 y = clamp_hi ( y , z ) ; terminated=True",
            "26:3-5 mb ( ) ; terminated=True",
            "26:9-12 wmb ( ) ; terminated=True",
        ], findings.Select(Describe).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ALineOnWordsActionIsCalledOncePerLineWhateverTheNumberOfMatches()
    {
        var calls = new List<int>();
        var findings = Run(r => r.RegisterCodeLineAction(line =>
        {
            calls.Add(line.Line);
            var first = FirstOnLine.IndexOf((fragment, code, i) => fragment.Is(code[i], "mb") || fragment.Is(code[i], "wmb"), line.Fragment, line.Code);
            line.Report(Finding, line.Code[first], line.TextOf(line.Code[first]).ToString());
        }, "mb", "wmb", "rmb"));

        Assert.Equal([6], calls);
        Assert.Equal(["26:3-5 mb"], findings.Select(Describe));
    }

    [Fact]
    public void IdentifierPrefixActionsSeeTheWordsStartingWithAPrefixOncePerWordOnJudgedLines()
    {
        // "clamp" is also on context lines and in the heading; "clamp_hi" starts with both of the action's prefixes.
        var findings = Run(r => r.RegisterIdentifierPrefixAction(token => token.Report(Finding, token.Text.ToString()), "clamp", "clamp_", "i", "wm"));

        Assert.Equal(["22:2-5 int", "23:2-4 if", "24:7-15 clamp_hi", "26:9-12 wmb"], findings.Select(Describe).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ALinePrefixActionIsCalledOncePerLineOnWhichAWordStartsWithAPrefix()
    {
        var calls = new List<int>();
        Run(r => r.RegisterCodeLinePrefixAction(line => calls.Add(line.Line), "clamp", "mb", "wm"));

        Assert.Equal([4, 6], calls);
    }

    [Fact]
    public void TokenAndCallContextsKnowTheirEnclosingFunctionAndControl()
    {
        var findings = Run(r =>
        {
            r.RegisterIdentifierAction(token =>
            {
                var control = token.EnclosingControl is { } c ? token.TextOf(token.Fragment.Tokens[c.Keyword]).ToString() : "none";
                token.Report(Finding, $"{token.Text} in {token.EnclosingFunction?.Name ?? "?"} under {control}");
            }, "y");
            r.RegisterCallAction(call => call.Report(Finding, $"{call.Callee} under {(call.EnclosingControl is { } c ? c.Kind.ToString() : "none")}"),
                "f", "clamp_hi");
        });

        Assert.Equal(
        [
            "22:10-11 f under none",
            "22:6-7 y in clamp under none",
            "24:16-17 y in clamp under if",
            "24:3-4 y in clamp under if",
            "24:7-15 clamp_hi under If",
        ], findings.Select(Describe).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(CallLines.Judged, "13:15-22 error_report")]
    [InlineData(CallLines.All, "12:8-16 error_report|13:15-22 error_report")]
    public void CallActionsOnAllLinesSeeACallOnAContextLineWhoseArgumentsThePatchWrites(CallLines lines, string expected)
    {
        const string snippet = """
            @@ util/x.c:10 void f(void)
             {
             	error_report("failed: %s",
            +		     strerror(errno));
            +	error_report("again");
             }
            """;

        var findings = Run(r => r.RegisterCallAction(call =>
        {
            var lastArgument = call.Arguments()[^1];
            call.Report(Finding, call.Fragment.Tokens[lastArgument.First], call.Callee.ToString());
        }, lines, "error_report"), snippet);

        Assert.Equal(expected.Split('|'), findings.Select(Describe).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ATokenContextReportsOnAnotherTokenItIsGiven()
    {
        var findings = Run(r => r.RegisterIdentifierAction(token =>
        {
            var next = CodeTokens.Next(token.Fragment, token.Index);
            token.Report(Finding, token.Fragment.Tokens[next], "after wmb");
        }, "wmb"));

        Assert.Equal(["26:12-13 after wmb"], findings.Select(Describe));
    }

    [Fact]
    public void ATokenPassedAsAMessageArgumentFailsTheRuleInsteadOfReportingAtTheWrongPlace()
    {
        var findings = Run(r => r.RegisterIdentifierAction(token => token.Report(Finding, "x", (object)token.Token), "wmb"));

        var failure = Assert.Single(findings);
        Assert.Equal("DL9001", failure.Id);
        Assert.Contains("a CToken was passed as a message argument", failure.Message);
    }
}
