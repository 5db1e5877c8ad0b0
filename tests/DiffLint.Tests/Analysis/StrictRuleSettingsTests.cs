using System.Collections.Immutable;
using DiffLint.Cli;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Tests.Analysis;

/// <summary>
/// CHECK-level rules (checkpatch --strict) stay off outside --strict and the strict paths whatever a category or
/// all-rules setting says, as Roslyn applies those only to rules enabled by default; naming the rule by ID or name
/// turns it on. And they are not even run unless something can turn them on.
/// </summary>
public sealed class StrictRuleSettingsTests
{
    private const string Documentation = "## What it does\nTest.\n\n## Why it matters\nTest.\n\n## Example\nTest.\n\n## Configuration\n";

    private static Patch PatchOf(string path) => Assert.Single(TestRunner.ParseText($"""
        From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001
        From: A U Thor <author@example.com>
        Subject: [PATCH] add a counter

        Signed-off-by: A U Thor <author@example.com>
        ---
        diff --git a/{path} b/{path}
        --- a/{path}
        +++ b/{path}
        @@ -1,2 +1,3 @@
         int keep;
        +int one;
         int end;
        """));

    /// <summary>A CHECK-level Style rule that counts its calls and reports every added line.</summary>
    private sealed class StrictRule : PatchRule
    {
        public static readonly RuleDescriptor Descriptor = new("DL9951", "strict-style", "Strict", "Line {0}", "Style", Severity.Note, Documentation,
            isStrict: true);

        public int Calls { get; private set; }

        public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

        public override void Initialize(RuleRegistration registration) =>
            registration.RegisterAddedLineAction(context =>
            {
                Calls++;
                context.Report(Descriptor, 0, context.Text.Length, null, context.Line.NewLine);
            });
    }

    /// <summary>An ordinary Style rule, on by default.</summary>
    private sealed class PlainRule : PatchRule
    {
        public static readonly RuleDescriptor Descriptor = new("DL9952", "plain-style", "Plain", "Line {0}", "Style", Severity.Note, Documentation);

        public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

        public override void Initialize(RuleRegistration registration) =>
            registration.RegisterAddedLineAction(context => context.Report(Descriptor, 0, context.Text.Length, null, context.Line.NewLine));
    }

    private static RuleConfiguration WithEditorConfig(string text) => TestRunner.ConfigurationFromEditorConfig("root = true\n" + text);

    private static (ImmutableArray<Diagnostic> Found, int Calls) Analyze(RuleConfiguration configuration, string path)
    {
        var strict = new StrictRule();
        var report = new AnalysisEngine([strict, new PlainRule()], configuration).Analyze(PatchOf(path));
        return (report.Diagnostics, strict.Calls);
    }

    [Theory]
    [InlineData("[*]\ndotnet_analyzer_diagnostic.category-Style.severity = warning\n")]
    [InlineData("[*]\ndotnet_analyzer_diagnostic.severity = warning\n")]
    public void ACategoryOrAllRulesSettingInTheEditorconfigDoesNotTurnOnAStrictRule(string editorconfig)
    {
        var configuration = WithEditorConfig(editorconfig);
        var (found, calls) = Analyze(configuration, "lib/a.c");
        Assert.DoesNotContain(found, d => d.Id == "DL9951");
        Assert.Equal(0, calls); // not even run: nothing names it
        Assert.Contains(found, d => d.Id == "DL9952" && d.Severity == Severity.Warning);

        // Where the rule is on anyway (a strict path, or --strict), the setting gives its level.
        Assert.Contains(Analyze(configuration, "drivers/net/a.c").Found, d => d.Id == "DL9951" && d.Severity == Severity.Warning);
        Assert.Contains(Analyze(configuration.WithStrict(true), "lib/a.c").Found, d => d.Id == "DL9951" && d.Severity == Severity.Warning);
    }

    [Theory]
    [InlineData("[*]\ndotnet_diagnostic.DL9951.severity = warning\n")]
    [InlineData("[lib/**]\ndifflint_diagnostic.dl9951.severity = warning\n")]
    public void NamingTheStrictRuleByIdInTheEditorconfigTurnsItOn(string editorconfig)
    {
        var (found, calls) = Analyze(WithEditorConfig(editorconfig), "lib/a.c");
        Assert.Contains(found, d => d.Id == "DL9951" && d.Severity == Severity.Warning);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void AnEditorconfigThatDoesNotNameTheStrictRuleDoesNotMakeItRun()
    {
        var (found, calls) = Analyze(WithEditorConfig("[*]\ndotnet_diagnostic.DL9952.severity = error\nindent_style = tab\n"), "lib/a.c");
        Assert.Equal(0, calls);
        Assert.Contains(found, d => d.Id == "DL9952" && d.Severity == Severity.Error);
    }

    [Theory]
    [InlineData("Style=warning", false)]
    [InlineData("style=warning", false)]
    [InlineData("DL9951=warning", true)]
    [InlineData("strict-style=warning", true)]
    public void SeverityOnTheCommandLineTurnsOnAStrictRuleOnlyByIdOrName(string severity, bool reported)
    {
        var names = new RuleNames([StrictRule.Descriptor, PlainRule.Descriptor]);
        Assert.True(RuleSelection.TryParse(names, null, null, [severity], strict: false, out var selection, out var error), error);
        var configuration = selection.ApplyTo(RuleConfiguration.Default, [StrictRule.Descriptor, PlainRule.Descriptor]);
        var (found, calls) = Analyze(configuration, "lib/a.c");
        Assert.Equal(reported, found.Any(d => d.Id == "DL9951" && d.Severity == Severity.Warning));
        Assert.Equal(reported ? 1 : 0, calls);
        if (!reported) Assert.Contains(found, d => d.Id == "DL9952" && d.Severity == Severity.Warning);
    }

    [Fact]
    public void ARulesOwnSettingWinsOverItsCategorys()
    {
        var names = new RuleNames([StrictRule.Descriptor, PlainRule.Descriptor]);
        Assert.True(RuleSelection.TryParse(names, null, null, ["plain-style=none", "Style=error"], strict: true, out var selection, out _));
        var (found, _) = Analyze(selection.ApplyTo(RuleConfiguration.Default, [StrictRule.Descriptor, PlainRule.Descriptor]), "lib/a.c");
        Assert.DoesNotContain(found, d => d.Id == "DL9952");
        Assert.Contains(found, d => d.Id == "DL9951" && d.Severity == Severity.Error);
    }

    [Fact]
    public void TheBuiltInComparisonToNullCheckStaysOffUnderACategorySeverity()
    {
        var patch = Path.Combine(TestPaths.TestData, "rules", "DL3105", "null.strict.patch");
        string Run(params string[] options)
        {
            var stdout = new StringWriter();
            CommandLine.Run(["--no-tree", "--no-color", "--profile", "kernel", .. options, patch], stdout, new StringWriter());
            return stdout.ToString();
        }

        Assert.Contains("[DL3105]", Run("--strict"));
        Assert.DoesNotContain("[DL3105]", Run("--severity", "Style=warning"));
        Assert.Contains("[DL3105]", Run("--severity", "comparison-to-null=warning"));
        Assert.Contains("[DL3105]", Run("--severity", "COMPARISON_TO_NULL=warning"));
    }
}
