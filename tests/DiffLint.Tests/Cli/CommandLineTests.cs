using DiffLint.Cli;

namespace DiffLint.Tests.Cli;

public class CommandLineTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CommandLine.Run(args, stdout, stderr, () => new MemoryStream(File.ReadAllBytes(Path.Combine(TestPaths.Corpus, "bluez", "0001.patch"))));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [SharedFact]
    public void SeedsReportBothPatchesBySubject()
    {
        var (exit, output, _) = Run(Path.Combine(TestPaths.Seeds, "000_c9045b006f83e695.txt"), Path.Combine(TestPaths.Seeds, "004_ee60c0aa1fb11c01.txt"), "--no-color");
        Assert.Equal(0, exit);
        Assert.Contains("monitor: Fix deadlock in monitor_cleanup", output);
        Assert.Contains("[3/14] iothread: tracking iothread users with holder name", output);
        // Seed 000's commit message has unwrapped paragraphs: warnings, which do not fail the run.
        Assert.Contains("2 patches checked (1 clean)", output);
    }

    [SharedFact]
    public void StandardInputIsReadForDash()
    {
        var (exit, output, _) = Run("-", "--no-color");
        Assert.Equal(1, exit);
        Assert.Contains("-:", output);
        Assert.Contains("[DL1001]", output);
    }

    [SharedFact]
    public void FailOnControlsTheExitCode()
    {
        Assert.Equal(1, Run("-", "--fail-on", "error").Exit);
        Assert.Equal(1, Run("-", "--fail-on", "note").Exit);
    }

    [SharedFact]
    public void StatsGoToStandardError()
    {
        var (_, output, err) = Run("-", "--stats", "--quiet");
        Assert.Contains("messages      1 (1 patches", err);
        Assert.Contains("throughput", err);
        if (OperatingSystem.IsLinux()) Assert.Contains("ms garbage collector threads", err);
        Assert.DoesNotContain("checked", output);
    }

    [SharedFact]
    public void OutputOptionWritesAFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "difflint-out-" + Guid.NewGuid().ToString("N") + ".txt");
        try
        {
            var (exit, output, _) = Run("-", "--output", path);
            Assert.Equal(1, exit);
            Assert.Equal("", output);
            Assert.Contains("[DL1001]", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("--no-such-option")]
    [InlineData("--format", "xml", "-")]
    [InlineData("--fail-on", "fatal", "-")]
    public void BadUsageExitsWithTwo(params string[] args) => Assert.Equal(2, Run(args).Exit);

    [Fact]
    public void NoInputIsBadUsage()
    {
        var (exit, _, err) = Run();
        Assert.Equal(2, exit);
        Assert.Contains("no input", err);
    }

    [Fact]
    public void HelpShowsExamplesAndExitsZero()
    {
        var (exit, output, _) = Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("Examples:", output);
        Assert.Contains("--fail-on", output);
    }
}

public class CommandLineOutputTests
{
    [SharedFact]
    public void ReportOptionWritesAnExtraFileBesideTheTerminalOutput()
    {
        var path = Path.Combine(Path.GetTempPath(), "difflint-extra-" + Guid.NewGuid().ToString("N") + ".txt");
        try
        {
            var stdout = new StringWriter();
            var exit = CommandLine.Run([Path.Combine(TestPaths.Corpus, "bluez", "0001.patch"), "--report", "text=" + path], stdout, new StringWriter());
            Assert.Equal(1, exit);
            Assert.Contains("[DL1001]", stdout.ToString());
            Assert.Contains("[DL1001]", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("xml=out.xml")]
    [InlineData("text=")]
    public void MalformedReportSpecIsBadUsage(string spec)
    {
        var stderr = new StringWriter();
        Assert.Equal(2, CommandLine.Run([Path.Combine(TestPaths.Seeds, "000_c9045b006f83e695.txt"), "--report", spec], new StringWriter(), stderr));
        Assert.Contains("--report expects FORMAT=FILE", stderr.ToString());
    }

    [Fact]
    public void UnwritableOutputIsAnErrorNotACrash()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, CommandLine.Run([Path.Combine(TestPaths.Seeds, "000_c9045b006f83e695.txt"), "--output", "/nonexistent-dir/x.txt"], new StringWriter(), stderr));
        Assert.Contains("cannot write the report", stderr.ToString());
    }
}

public class CommandLineSarifTests
{
    [SharedFact]
    public void TextOnTheTerminalAndSarifToAFileInOneRun()
    {
        var path = Path.Combine(Path.GetTempPath(), "difflint-" + Guid.NewGuid().ToString("N") + ".sarif");
        try
        {
            var stdout = new StringWriter();
            var exit = CommandLine.Run([Path.Combine(TestPaths.Corpus, "bluez", "0001.patch"), "--no-color", "--sarif", path, "--sarif-category", "pr"], stdout, new StringWriter());
            Assert.Equal(1, exit);
            Assert.Contains("[DL1001]", stdout.ToString());
            var sarif = File.ReadAllText(path);
            Assert.Contains("\"version\": \"2.1.0\"", sarif);
            Assert.Contains("\"ruleId\": \"DL1001\"", sarif);
            Assert.Contains("\"id\": \"pr/\"", sarif);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>Each task is its own System.CommandLine command; <c>check</c> is also what <c>difflint</c> does alone.</summary>
public class CommandLineCommandTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CommandLine.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void CheckIsTheDefaultCommand()
    {
        var example = Path.Combine(TestPaths.TestData, "examples", "series.mbox");
        var alone = Run(example, "--no-tree", "--no-color");
        var named = Run("check", example, "--no-tree", "--no-color");
        Assert.Equal(1, alone.Exit);
        Assert.Equal(alone, named);
        Assert.Contains("[DL1001]", named.Out);
    }

    [Fact]
    public void EveryCommandHasItsOwnHelpAndCheckpatchKeepsTheScripts()
    {
        var root = Run("--help");
        foreach (var command in new[] { "check", "hook", "checkpatch" }) Assert.Contains(command, root.Out);
        Assert.Contains("--fail-on", Run("check", "--help").Out);
        Assert.Contains("install", Run("hook", "--help").Out);
        var checkpatch = Run("checkpatch", "--help");
        Assert.Equal(0, checkpatch.Exit);
        Assert.StartsWith("Usage: difflint checkpatch", checkpatch.Out);
        Assert.StartsWith("Usage: difflint checkpatch", Run("checkpatch", "-h").Out);
    }

    [Fact]
    public void AUsageErrorNamesTheCommandsHelp()
    {
        var (exit, _, err) = Run("hook", "install", "no-such-hook");
        Assert.Equal(ExitCodes.UsageOrInput, exit);
        Assert.Contains("Try 'difflint hook install --help'.", err);
    }
}
