using DiffLint.Cli;

namespace DiffLint.Tests.Cli;

/// <summary>When the progress line is shown (the decision, not the terminal), and what it says.</summary>
public class ProgressDisplayTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void ShownOnATerminalOutsideCi() => Assert.True(ProgressDisplay.ShouldShow(stderrIsTerminal: true, quiet: false, Environment()));

    [Fact]
    public void NeverWhenStderrIsPipedOrRedirected() => Assert.False(ProgressDisplay.ShouldShow(stderrIsTerminal: false, quiet: false, Environment()));

    [Theory]
    [InlineData("CI", "true")]
    [InlineData("CI", "1")]
    [InlineData("GITHUB_ACTIONS", "true")]
    [InlineData("TERM", "dumb")]
    public void NeverInCiOrOnADumbTerminal(string name, string value) =>
        Assert.False(ProgressDisplay.ShouldShow(stderrIsTerminal: true, quiet: false, Environment((name, value))));

    [Theory]
    [InlineData("0")]
    [InlineData("false")]
    [InlineData("")]
    public void ACiVariableThatSaysNoDoesNotCount(string value) =>
        Assert.True(ProgressDisplay.ShouldShow(stderrIsTerminal: true, quiet: false, Environment(("CI", value))));

    [Fact]
    public void NeverWhenQuietAsInAGitHook() => Assert.False(ProgressDisplay.ShouldShow(stderrIsTerminal: true, quiet: true, Environment()));

    [Fact]
    public void ARunThatIsNotOnAConsoleShowsNothing()
    {
        // Tests and hooks hand the command line their own writers: never the process's terminal.
        var stderr = new StringWriter();
        Assert.Null(ProgressDisplay.ForConsole(stderr, quiet: false, []));
    }

    [Fact]
    public void SaysPatchesMegabytesRateAndTimeLeftForAnArchiveOfKnownSize()
    {
        Assert.Equal("difflint: 1,204 patches, 12.0 of 36.0 MB, 6.0 MB/s, about 0:04 left",
            ProgressDisplay.Describe(1204, 12_000_000, 36_000_000, TimeSpan.FromSeconds(2)));
        Assert.Equal("difflint: 1 patch, 3.0 MB, 1.5 MB/s", ProgressDisplay.Describe(1, 3_000_000, 0, TimeSpan.FromSeconds(2)));
    }
}
