using System.Text;
using System.Text.Json;
using DiffLint.Cli;

namespace DiffLint.Tests.Streaming;

/// <summary>
/// Output integrity: report files are replaced whole or not at all, a report never overwrites an input, and no text
/// taken from the input can start a new output line or send control characters to a terminal or a CI log.
/// </summary>
public class ReportOutputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("difflint-output-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = CommandLine.Run(["--no-tree", "--no-color", .. args], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string Patch(string name, string subject, string path = "lib/a.c")
    {
        var file = Path.Combine(_folder, name);
        File.WriteAllText(file, $"""
            From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
            From: Jane Developer <jane@example.org>
            Date: Tue, 3 Mar 2026 10:12:00 +0100
            Subject: {subject}

            A change without a sign-off.
            ---
            diff --git {Quoted("a/" + path)} {Quoted("b/" + path)}
            --- {Quoted("a/" + path)}
            +++ {Quoted("b/" + path)}
            @@ -1,1 +1,2 @@
             int a;
            +int b;    

            """.ReplaceLineEndings("\n"));
        return file;
    }

    /// <summary>A C-quoted path as git writes one with a newline or an escape in it.</summary>
    private static string Quoted(string path) =>
        path.Any(char.IsControl) ? "\"" + path.Replace("\n", "\\n").Replace("\e", "\\033") + "\"" : path;

    [Fact]
    public void AReportFileIsReplacedOnlyWhenComplete()
    {
        var input = Patch("a.patch", "lib: change");
        var report = Path.Combine(_folder, "report.txt");
        File.WriteAllText(report, "the good report");
        // The second report cannot be written: the run fails before anything replaces the first.
        var (exit, _, err) = Run(input, "-o", report, "--report", "json=" + Path.Combine(_folder, "no", "such", "folder", "x.json"));
        Assert.Equal(2, exit);
        Assert.Contains("cannot write the report", err);
        Assert.Equal("the good report", File.ReadAllText(report));
        Assert.Equal(["a.patch", "report.txt"], Directory.GetFiles(_folder).Select(Path.GetFileName).Order());

        Assert.Equal(1, Run(input, "-o", report).Exit);
        Assert.Contains("lib: change", File.ReadAllText(report));
        Assert.Equal(["a.patch", "report.txt"], Directory.GetFiles(_folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task AReportIntoADeviceOrAFifoIsWrittenIntoIt()
    {
        Assert.True(ReportFile.IsSpecialFile("/dev/null"));
        Assert.False(ReportFile.IsSpecialFile(_folder));
        Assert.False(ReportFile.IsSpecialFile(Path.Combine(_folder, "missing")));

        var input = Patch("a.patch", "lib: change");
        Assert.False(ReportFile.IsSpecialFile(input));
        var fifo = Path.Combine(_folder, "report.fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo])) mkfifo.WaitForExit();
        Assert.True(ReportFile.IsSpecialFile(fifo));

        // The reader opens the FIFO's other end; the report goes through it, and the FIFO is still one afterwards.
        var read = Task.Run(() => File.ReadAllText(fifo));
        Assert.Equal(1, Run(input, "-o", fifo).Exit);
        Assert.Contains("lib: change", await read.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(ReportFile.IsSpecialFile(fifo));
        Assert.Equal(["a.patch", "report.fifo"], Directory.GetFiles(_folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void AReportThroughASymbolicLinkReplacesTheFileItNames()
    {
        var input = Patch("a.patch", "lib: change");
        var target = Path.Combine(_folder, "reports", "report.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, "the old report");
        var link = Path.Combine(_folder, "latest.txt");
        File.CreateSymbolicLink(link, target);

        Assert.Equal(1, Run(input, "-o", link).Exit);
        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Contains("lib: change", File.ReadAllText(target));
        Assert.Equal(["report.txt"], Directory.GetFiles(Path.GetDirectoryName(target)!).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("-o")]
    [InlineData("--sarif")]
    [InlineData("--report")]
    public void AReportNamingAnInputIsRefused(string option)
    {
        var input = Patch("a.patch", "lib: change");
        var before = File.ReadAllText(input);
        var target = option == "--report" ? "json=" + input : input;
        var (exit, _, err) = Run(Path.Combine(_folder, "."), option, target);
        Assert.Equal(2, exit);
        Assert.Contains("would overwrite an input", err);
        Assert.Equal(before, File.ReadAllText(input));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("github")]
    [InlineData("checkpatch")]
    [InlineData("b4")]
    public void InputTextCannotStartAnOutputLine(string format)
    {
        // A subject with an encoded newline, and a C-quoted path with a newline and an escape in it.
        var input = Patch("forged.patch", "=?utf-8?q?lib:_change=0A::error_file=3Dx::FORGED=1B[2J?=", "lib/a\n::error::FORGED\e[31m.c");
        var (_, output, err) = Run(input, "-f", format, "--strict");
        foreach (var line in (output + err).Split('\n'))
        {
            Assert.False(line.StartsWith("::error::FORGED", StringComparison.Ordinal) || line.StartsWith("::error file=x", StringComparison.Ordinal), line);
            Assert.DoesNotContain(line, c => char.IsControl(c) && c != '\t');
        }

        // checkpatch's terse form names neither the subject nor the path (its messages are the script's wording), so
        // there is nothing of the forged text to show; the other forms show it, escaped.
        if (format != "checkpatch") Assert.Contains("FORGED", output);
    }

    [Fact]
    public void EscapedTextShowsWhatItReplaced()
    {
        Assert.Equal("a\\nb\\rc\\e[1m\\0\\x07\\x7f\\u0085\td", global::DiffLint.Reporting.OutputText.Escape("a\nb\rc\e[1m\0\a\x7f\u0085\td"));
        Assert.Same("plain text", global::DiffLint.Reporting.OutputText.Escape("plain text"));
    }

    [Fact]
    public void SarifNeverPointsOutsideTheSourceRoot()
    {
        var input = Path.Combine(TestPaths.TestData, "rules", "DL0010", "climbs-out.patch");
        var (_, output, _) = Run(input, "-f", "sarif", "--strict");
        var uris = new List<string>();
        var log = JsonDocument.Parse(output).RootElement;
        Collect(log, uris);
        Assert.Contains(log.GetProperty("runs")[0].GetProperty("results").EnumerateArray(), r => r.GetProperty("ruleId").GetString() == "DL0010");
        Assert.DoesNotContain(uris, u => u.Split('/').Contains(".."));
    }

    /// <summary>Every <c>uri</c> of an artifact location under <c>%SRCROOT%</c>.</summary>
    private static void Collect(JsonElement element, List<string> uris)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("uriBaseId", out var root) && root.GetString() == "%SRCROOT%") uris.Add(element.GetProperty("uri").GetString()!);
            foreach (var property in element.EnumerateObject()) Collect(property.Value, uris);
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) Collect(item, uris);
        }
    }

    [Fact]
    public void StatsGiveTheTimeOfEachStage()
    {
        var input = Patch("a.patch", "lib: change");
        var (_, _, err) = Run(input, "--stats");
        foreach (var stage in new[] { "read", "MIME", "diff parse", "C tokenizer", "C structure", "moved-code detection", "rules: built-in", "series checks", "report writing" })
            Assert.Contains("  " + stage, err);
    }
}
