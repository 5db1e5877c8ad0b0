using DiffLint.Cli;
using DiffLint.Cli.Checkpatch;

namespace DiffLint.Tests.Cli;

/// <summary>
/// <c>difflint checkpatch</c>: the script's option syntax, .checkpatch.conf, exit codes and what the options do.
/// The output itself is compared with the real script in CheckpatchGoldenTests.
/// </summary>
public sealed class CheckpatchCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("difflint-checkpatch-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Runs in the corpus directory (no git work tree, no .checkpatch.conf) unless told otherwise, with no $HOME.</summary>
    private static (int Exit, string Out, string Err) Run(string[] args, string? directory = null, string? standardInput = null)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        Func<Stream>? input = standardInput is null ? null : () => new MemoryStream(File.ReadAllBytes(standardInput));
        var exit = CheckpatchCommand.Run(args, stdout, stderr, input, directory ?? TestPaths.Corpus, home: null);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void OptionsAreReadAsGetoptLongReadsThem()
    {
        Assert.True(CheckpatchOptions.TryParse(
            ["-q", "--quiet", "--no-tree", "--max-line-length=80", "--tab-size", "4", "--types", "LONG_LINE,SPACING", "--types=BRACES",
             "--show-t", "-nosummary", "--color", "a.patch", "--", "--b.patch"], out var options, out var error), error);
        Assert.Equal(2, options.Quiet);
        Assert.False(options.Tree);
        Assert.Equal(80, options.MaxLineLength);
        Assert.Equal(4, options.TabSize);
        Assert.Equal(["LONG_LINE,SPACING", "BRACES"], options.Types.ToArray());
        Assert.True(options.ShowTypes);
        Assert.False(options.Summary);
        Assert.Equal("auto", options.Color);
        Assert.Equal(["a.patch", "--b.patch"], options.Files.ToArray());
    }

    [Theory]
    [InlineData("--bogus", "Unknown option: bogus")]
    [InlineData("--s", "Unknown option: s")] // ambiguous: strict, show-types, summary, ...
    [InlineData("--root", "Option root requires an argument")]
    [InlineData("--max-line-length=many", "Value \"many\" invalid for option max-line-length (number expected)")]
    [InlineData("--terse=1", "Option terse does not take an argument")]
    public void BadOptionsAreRefusedWithTheScriptsMessage(string argument, string message)
    {
        Assert.False(CheckpatchOptions.TryParse([argument], out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void OptionsThatMakeNoSenseForDiffLintAreAcceptedAndSaidToBeIgnored()
    {
        Assert.True(CheckpatchOptions.TryParse(["--fix", "--fix-inplace", "--codespell", "--debug", "values=1", "--min-conf-desc-length=5", "--kconfig-prefix=X_"],
            out var options, out _));
        Assert.Equal(6, options.Ignored.Length);
        Assert.Contains(options.Ignored, i => i.StartsWith("--fix ignored: DiffLint never rewrites its inputs", StringComparison.Ordinal));
        Assert.True(CheckpatchOptions.TryParse(["--no-fix"], out var off, out _));
        Assert.Empty(off.Ignored);
    }

    [Fact]
    public void ConfigurationFileWordsSkipComments()
    {
        var words = CheckpatchOptions.ConfigurationWords("# comment line\n--no-tree   --show-types\n\n  --ignore LONG_LINE # the rest is a comment\n\t--strict\n");
        Assert.Equal(["--no-tree", "--show-types", "--ignore", "LONG_LINE", "--strict"], words);
    }

    [Fact]
    public void ConfigurationFileIsTheFirstOfDotHomeAndScripts()
    {
        var home = Directory.CreateDirectory(Path.Combine(_directory, "home")).FullName;
        var work = Directory.CreateDirectory(Path.Combine(_directory, "work")).FullName;
        Directory.CreateDirectory(Path.Combine(work, ".scripts"));
        Assert.Null(CheckpatchOptions.FindConfiguration(work, home));
        File.WriteAllText(Path.Combine(work, ".scripts", ".checkpatch.conf"), "--terse\n");
        Assert.Equal(Path.Combine(work, ".scripts", ".checkpatch.conf"), CheckpatchOptions.FindConfiguration(work, home));
        File.WriteAllText(Path.Combine(home, ".checkpatch.conf"), "--terse\n");
        Assert.Equal(Path.Combine(home, ".checkpatch.conf"), CheckpatchOptions.FindConfiguration(work, home));
        File.WriteAllText(Path.Combine(work, ".checkpatch.conf"), "--terse\n");
        Assert.Equal(Path.Combine(work, ".checkpatch.conf"), CheckpatchOptions.FindConfiguration(work, home));
    }

    [SharedFact]
    public void ConfigurationFileOptionsComeBeforeTheCommandLine()
    {
        File.Copy(Path.Combine(TestPaths.Corpus, "util-linux", "0062.patch"), Path.Combine(_directory, "0062.patch"));
        File.WriteAllText(Path.Combine(_directory, ".checkpatch.conf"), "# as a maintainer keeps it\n--terse --show-types\n--ignore COMMIT_MESSAGE\n");
        var (exit, output, _) = Run(["--no-tree", "0062.patch"], _directory);
        Assert.Equal(1, exit);
        Assert.StartsWith("0062.patch:41: WARNING:LONG_LINE: ", output);
        Assert.DoesNotContain("COMMIT_MESSAGE", output);

        // The command line comes after the file's words: --no-show-types wins.
        Assert.DoesNotContain("LONG_LINE", Run(["--no-tree", "--no-show-types", "0062.patch"], _directory).Out);
    }

    [SharedFact]
    public void ExitCodesAreTheScripts()
    {
        Assert.Equal(0, Run(["--no-tree", "u-boot/0025.patch"]).Exit);
        Assert.Equal(1, Run(["--no-tree", "util-linux/0062.patch"]).Exit);
        Assert.Equal(0, Run(["--no-tree", "--types", "SPACING", "util-linux/0062.patch"]).Exit);
        Assert.Equal(0, Run(["--help"]).Exit);
        Assert.Equal(0, Run(["--list-types"]).Exit);

        var unknown = Run(["--bogus", "u-boot/0025.patch"]);
        Assert.Equal(1, unknown.Exit);
        Assert.Equal("Unknown option: bogus\n", unknown.Err);
        Assert.StartsWith("Usage: difflint checkpatch", unknown.Out);

        var missing = Run(["--no-tree", "no/such.patch"]);
        Assert.Equal(2, missing.Exit);
        Assert.Contains("no/such.patch: open failed", missing.Err);
        Assert.Equal(2, Run(["--git", "--file", "x"]).Exit);
        Assert.Equal(2, Run(["--verbose", "--terse", "x"]).Exit);
        Assert.Equal(2, Run(["--color=sometimes", "u-boot/0025.patch"]).Exit);
    }

    [SharedFact]
    public void IgnoredOptionsAreSaidOnStandardErrorExceptUnderQuiet()
    {
        var plain = Run(["--no-tree", "util-linux/0062.patch"]);
        var fix = Run(["--no-tree", "--fix", "util-linux/0062.patch"]);
        Assert.Equal(plain.Out, fix.Out);
        Assert.Equal(plain.Exit, fix.Exit);
        Assert.StartsWith("difflint checkpatch: --fix ignored: ", fix.Err);

        // b4 runs the script with -q --codespell and counts every stderr line as a failure.
        Assert.Equal("", Run(["-q", "--terse", "--no-summary", "--mailback", "--showfile", "--codespell", "--no-tree", "u-boot/0025.patch"]).Err);
    }

    [SharedFact]
    public void TypesAndIgnoreGoThroughTheTypeNames()
    {
        var types = Run(["--no-tree", "--terse", "--show-types", "--types", "long_line", "util-linux/0062.patch"]).Out;
        Assert.Equal(3, types.Split('\n').Count(l => l.Contains(":LONG_LINE: ", StringComparison.Ordinal)));
        Assert.DoesNotContain("COMMIT_MESSAGE", types);

        var ignored = Run(["--no-tree", "--terse", "--show-types", "--ignore", "LONG_LINE,NOT_A_TYPE", "util-linux/0062.patch"]);
        Assert.DoesNotContain("LONG_LINE", ignored.Out);
        Assert.Contains("COMMIT_MESSAGE", ignored.Out);
        Assert.Contains("--ignore NOT_A_TYPE: DiffLint has no rule for this TYPE", ignored.Err);

        // The closing note lists the words as the script does: upper-cased and sorted.
        Assert.EndsWith("\nNOTE: Ignored message types: LONG_LINE NOT_A_TYPE\n\nNOTE: If any of the errors are false positives, please report\n      them to the maintainer, see CHECKPATCH in MAINTAINERS.\n",
            Run(["--no-tree", "--ignore", "not_a_type,long_line", "util-linux/0062.patch"]).Out);
    }

    [SharedFact]
    public void MaxLineLengthIsTheProfilesLimit()
    {
        Assert.Contains("LONG_LINE", Run(["--no-tree", "--terse", "--show-types", "util-linux/0062.patch"]).Out);
        Assert.DoesNotContain("LONG_LINE", Run(["--no-tree", "--terse", "--show-types", "--max-line-length=120", "util-linux/0062.patch"]).Out);
    }

    [SharedFact]
    public void NoSignoffSilencesTheSignOffTypes()
    {
        Assert.Contains("MISSING_SIGN_OFF", Run(["--no-tree", "--terse", "--show-types", "bluez/0003.patch"]).Out);
        Assert.Equal(0, Run(["--no-tree", "--no-signoff", "bluez/0003.patch"]).Exit);
    }

    [SharedFact]
    public void StandardInputIsNamedByItsSubject()
    {
        var (exit, output, _) = Run(["--no-tree"], standardInput: Path.Combine(TestPaths.Corpus, "bluez", "0003.patch"));
        Assert.Equal(1, exit);
        Assert.Contains("\n\"[PATCH] bass: Add APIs to probe/remove Broadcasters\" has style problems, please review.\n", output);
    }

    [Fact]
    public void SourceFilesAreCheckedAsIfEveryLineWasAdded()
    {
        var source = Path.Combine(TestPaths.TestData, "checkpatch-golden", "sample.c");
        var (exit, output, _) = Run(["--no-tree", "--show-types", "-f", "sample.c"], Path.GetDirectoryName(source));
        Assert.Equal(1, exit);
        Assert.Contains("ERROR:INITIALISED_STATIC: ", output);
        Assert.Contains("#9: FILE: sample.c:9:\n+static int sample_count = 0;\n", output);
        Assert.Contains("total: 4 errors, 2 warnings, 39 lines checked\n", output);
        // Long lines are CHECKs in whole files: shown only with --strict, as the script does.
        Assert.DoesNotContain("LONG_LINE", output);
        Assert.Contains("sample.c:24: CHECK:LONG_LINE: ", Run(["--no-tree", "--show-types", "--strict", "--terse", "-f", "sample.c"], Path.GetDirectoryName(source)).Out);
    }

    [Fact]
    public void SourceFileDiffAddsEveryLine()
    {
        var diff = System.Text.Encoding.UTF8.GetString(SourceFileDiff.Of("a/b.c", "x\n\ty\nz"u8.ToArray()));
        Assert.Equal("--- /dev/null\n+++ b/a/b.c\n@@ -0,0 +1,3 @@\n+x\n+\ty\n+z\n\\ No newline at end of file\n", diff);
        Assert.Empty(SourceFileDiff.Of("empty.c", []));
    }

    [Fact]
    public void ListTypesNamesTheRulesBehindEachType()
    {
        var (_, output, _) = Run(["--list-types"]);
        Assert.StartsWith("#\tMessage type\tDiffLint rules\n\n1\t", output);
        Assert.Contains("\tLONG_LINE\tDL2007 ", output);
        Assert.Contains("\tQ_LINE_OVER_80\tDL2007 ", output);
    }
}
