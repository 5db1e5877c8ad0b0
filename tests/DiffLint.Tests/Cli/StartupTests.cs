using DiffLint.Cli;
using DiffLint.Cli.Hooks;
using DiffLint.Core.Analysis;
using DiffLint.Core.Profiles;
using DiffLint.Rules;

namespace DiffLint.Tests.Cli;

/// <summary>The shortcuts a hook's start takes (issue 15's latency) give what the long way gives.</summary>
public class StartupTests
{
    private static (int Exit, string Err) Run(params string[] args)
    {
        var stderr = new StringWriter();
        var exit = CommandLine.Run(args, new StringWriter(), stderr);
        return (exit, stderr.ToString());
    }

    [SharedFact]
    public void TheInstalledHookWordsRunAsTheParsedCommandLineDoes()
    {
        var patch = Path.Combine(TestPaths.Corpus, "git", "0001.patch");
        foreach (var (failOn, input) in new[] { ("error", patch), ("note", patch), ("error", "/no/such/file.patch") })
        {
            // The installed form, then the same command in an order only the command line's parser reads.
            var installed = Run("hook", "run", "sendemail-validate", "--fail-on", failOn, "--", input);
            var parsed = Run("hook", "run", "--fail-on", failOn, "sendemail-validate", "--", input);
            Assert.Equal(parsed, installed);
        }
    }

    [Fact]
    public void OtherWordsAreLeftToTheCommandLine()
    {
        var stderr = new StringWriter();
        Assert.Null(HookRunner.RunInstalledForm(["hook", "run", "sendemail-validate", "--", "x.patch"], stderr, () => Stream.Null));
        Assert.Null(HookRunner.RunInstalledForm(["hook", "run", "sendemail-validate", "--fail-on", "Error", "--", "x.patch"], stderr, () => Stream.Null));
        Assert.Null(HookRunner.RunInstalledForm(["hook", "run", "no-such-hook", "--fail-on", "error", "--", "x.patch"], stderr, () => Stream.Null));
        Assert.Null(HookRunner.RunInstalledForm(["hook", "run", "sendemail-validate", "--fail-on", "error", "x.patch"], stderr, () => Stream.Null));
        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    public void OneFileHooksStartWithTheirRuntimeSettingsAndPrePushWithout()
    {
        var program = new HookProgram(["/opt/difflint/difflint"]);
        foreach (var hookEvent in new[] { HookEvent.SendEmailValidate, HookEvent.CommitMsg })
        {
            var lines = HookScript.Render(hookEvent, program, chain: true, "error").Split('\n');
            var export = Array.IndexOf(lines, "export DOTNET_gcServer=0 DOTNET_TieredCompilation=1 DOTNET_TC_CallCounting=0 DOTNET_EnableWriteXorExecute=0");
            Assert.True(export > 0);
            // After the chained hook (which keeps the user's settings), right before difflint.
            Assert.StartsWith("if [ -x ", lines[export - 1]);
            Assert.StartsWith("exec '/opt/difflint/difflint' hook run", lines[export + 1]);
        }

        Assert.DoesNotContain("DOTNET_", HookScript.Render(HookEvent.PrePush, program, chain: false, "error"));
    }

    [SharedFact]
    public void AnEngineGivenItsSettingsLaterReportsWhatOneMadeWithThemDoes()
    {
        var patches = TestRunner.ParseFile(Path.Combine(TestPaths.Corpus, "git", "0001.patch"));
        var configuration = RuleConfiguration.Default.WithStrict(true).WithRule("DL1001", null).WithCategory("Whitespace", Severity.Error);
        var profiles = new ProfileSelector(BuiltInProfiles.Qemu);
        var direct = new AnalysisEngine(BuiltInRules.All, configuration, profiles);
        var later = new AnalysisEngine(BuiltInRules.All).WithSettings(configuration, profiles, timings: null);

        Assert.Same(configuration, later.Configuration);
        Assert.Same(profiles, later.Profiles);
        Assert.Equal(direct.Rules.ToArray(), later.Rules.ToArray());
        var expected = patches.SelectMany(p => direct.Analyze(p, null).Diagnostics).Select(d => d.ToString()).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, patches.SelectMany(p => later.Analyze(p, null).Diagnostics).Select(d => d.ToString()).ToList());
    }

    [SharedFact]
    public void AnEngineWhoseRulesAreInitializedWhileItAnalysesReportsWhatOneInitializedAtOnceDoes()
    {
        var patches = TestRunner.ParseFile(Path.Combine(TestPaths.Corpus, "seabios.mbox"));
        var direct = new AnalysisEngine(BuiltInRules.All);
        var deferred = AnalysisEngine.InitializingLater(BuiltInRules.All);
        var initializing = new Thread(deferred.InitializeRules);
        initializing.Start();
        var later = deferred.WithSettings(RuleConfiguration.Default, ProfileSelector.Automatic, timings: null);

        Assert.Equal(direct.Rules.ToArray(), later.Rules.ToArray());
        var expected = patches.Select(p => direct.Analyze(p, null)).ToList();
        var reports = patches.Select(p => later.Analyze(p, null)).ToList();
        Assert.NotEmpty(expected.SelectMany(r => r.Diagnostics));
        Assert.Equal(expected.SelectMany(r => r.Diagnostics).Select(d => d.ToString()), reports.SelectMany(r => r.Diagnostics).Select(d => d.ToString()));
        var series = direct.AnalyzeSeries([.. expected.Select(r => r.Patch)]);
        var laterSeries = later.AnalyzeSeries([.. reports.Select(r => r.Patch)]);
        Assert.Equal(series.OrderBy(e => e.Key).SelectMany(e => e.Value).Select(d => d.ToString()),
            laterSeries.OrderBy(e => e.Key).SelectMany(e => e.Value).Select(d => d.ToString()));
        initializing.Join();
    }
}
