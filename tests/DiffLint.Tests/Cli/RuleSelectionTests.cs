using DiffLint.Cli;
using DiffLint.Core.Analysis;

namespace DiffLint.Tests.Cli;

/// <summary>--select, --ignore, --severity and --strict, and the words that name rules (ID, name, category, checkpatch TYPE).</summary>
public class RuleSelectionTests
{
    private static readonly RuleNames Names = new(CommandLine.Descriptors);

    private static RuleDescriptor Rule(string id) => CommandLine.Descriptors.Single(d => d.Id == id);

    [Theory]
    [InlineData("DL2001")]
    [InlineData("dl2001")]
    [InlineData("trailing-whitespace")]
    [InlineData("TRAILING_WHITESPACE")]
    [InlineData("trailing_whitespace")]
    public void ARuleIsNamedByIdNameOrTypeInAnyCase(string word)
    {
        Assert.True(Names.TryResolve(word, out var rules));
        Assert.Equal(["DL2001"], rules.Select(r => r.Id));
    }

    [Fact]
    public void ATypeOrCategoryNamesEveryRuleThatCarriesIt()
    {
        Assert.True(Names.TryResolve("Q_LINE_OVER_80", out var qemu));
        Assert.Equal(["DL2007", "DL2008", "DL2009"], qemu.Select(r => r.Id).Order());
        Assert.True(Names.TryResolve("whitespace", out var category));
        Assert.Contains(category, r => r.Id == "DL2001");
        Assert.All(category, r => Assert.Equal("Whitespace", r.Category));
        Assert.False(Names.TryResolve("NOT_A_TYPE", out _));
    }

    [Fact]
    public void SelectRunsOnlyWhatItNamesAndIgnoreAndSeverityGoOverIt()
    {
        Assert.True(RuleSelection.TryParse(Names, ["LONG_LINE,DL2001", "whitespace"], ["trailing-whitespace"], ["LONG_LINE=error"], strict: false,
            out var selection, out var error), error);
        var configuration = selection.ApplyTo(RuleConfiguration.Default, CommandLine.Descriptors);
        Assert.Equal(Severity.Error, configuration.EffectiveSeverity(Rule("DL2007")));
        Assert.Null(configuration.EffectiveSeverity(Rule("DL2001")));
        Assert.Null(configuration.EffectiveSeverity(Rule("DL1001")));
        Assert.Equal(Rule("DL2002").DefaultSeverity, configuration.EffectiveSeverity(Rule("DL2002")));
    }

    [Fact]
    public void SeverityNoneTurnsARuleOff()
    {
        Assert.True(RuleSelection.TryParse(Names, null, null, ["MISSING_SIGN_OFF=none", "DL2001=note"], strict: false, out var selection, out _));
        var configuration = selection.ApplyTo(RuleConfiguration.Default, CommandLine.Descriptors);
        Assert.Null(configuration.EffectiveSeverity(Rule("DL1001")));
        Assert.Equal(Severity.Note, configuration.EffectiveSeverity(Rule("DL2001")));
    }

    [Fact]
    public void SelectTurnsOnACheckLevelRuleAndStrictTurnsOnAllOfThem()
    {
        var check = new RuleDescriptor("DL9901", "a-check", "A check", "A check", "Style", Severity.Note, "## What it does\nA CHECK.", isStrict: true);
        Assert.Null(RuleConfiguration.Default.EffectiveSeverity(check, "lib/a.c"));
        Assert.True(RuleSelection.TryParse(new RuleNames([check]), ["a-check"], null, null, strict: false, out var selected, out _));
        Assert.Equal(Severity.Note, selected.ApplyTo(RuleConfiguration.Default, [check]).EffectiveSeverity(check, "lib/a.c"));
        Assert.True(RuleSelection.TryParse(new RuleNames([check]), null, null, null, strict: true, out var strict, out _));
        Assert.Equal(Severity.Note, strict.ApplyTo(RuleConfiguration.Default, [check]).EffectiveSeverity(check, "lib/a.c"));
    }

    [Theory]
    [InlineData(new[] { "--select", "LONG_LINES" }, "--select LONG_LINES: names no rule; expected a rule ID")]
    [InlineData(new[] { "--ignore", "DL2001,nope" }, "--ignore nope: names no rule")]
    [InlineData(new[] { "--severity", "DL2001" }, "--severity expects RULE=LEVEL with LEVEL one of error, warning, note, none; got 'DL2001'")]
    [InlineData(new[] { "--severity", "DL2001=loud" }, "got 'DL2001=loud'")]
    [InlineData(new[] { "--severity", "nope=error" }, "--severity nope=error: 'nope' names no rule")]
    public void AnUnknownWordIsAUsageError(string[] options, string message)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CommandLine.Run([.. options, "whatever.patch"], stdout, stderr);
        Assert.Equal(ExitCodes.UsageOrInput, exit);
        Assert.Contains(message, stderr.ToString());
    }

    [SharedFact]
    public void TheCommandLineWinsOverTheDefaults()
    {
        var patch = Path.Combine(TestPaths.Corpus, "bluez", "0003.patch");
        static int Exit(params string[] args) => CommandLine.Run(args, new StringWriter(), new StringWriter());
        Assert.Equal(1, Exit("--no-tree", patch));
        Assert.Equal(0, Exit("--no-tree", "--ignore", "MISSING_SIGN_OFF", patch));
        Assert.Equal(0, Exit("--no-tree", "--severity", "dl1001=warning", patch));
        Assert.Equal(0, Exit("--no-tree", "--select", "Whitespace", patch));
    }
}

public class RuleSelectionByTypeTests
{
    [Theory]
    [InlineData("--ignore", "TRAILING_WHITESPACE")]
    [InlineData("--ignore", "q_trailing_whitespace")]
    [InlineData("--severity", "TRAILING_WHITESPACE=none")]
    public void ACheckpatchTypeTurnsItsRuleOff(string option, string value)
    {
        var example = Path.Combine(TestPaths.TestData, "examples", "series.mbox");
        var all = new StringWriter();
        CommandLine.Run(["--no-tree", "--no-color", example], all, new StringWriter());
        Assert.Contains("[DL2001]", all.ToString());
        var stdout = new StringWriter();
        CommandLine.Run(["--no-tree", "--no-color", option, value, example], stdout, new StringWriter());
        Assert.DoesNotContain("[DL2001]", stdout.ToString());
        Assert.Contains("[DL1001]", stdout.ToString());
    }
}
