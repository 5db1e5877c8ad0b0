using System.Text;
using DiffLint.Cli;

namespace DiffLint.Tests.Cli;

/// <summary>
/// Damaged and hostile inputs end with a finding (exit 1) or a clear error (exit 2), never an internal error (3),
/// never a hang, and never unbounded memory.
/// </summary>
public class HostileInputTests
{
    private const string Header = "From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001\nFrom: A <a@example.com>\nSubject: [PATCH] foo: bar\n\nText.\n\nSigned-off-by: A <a@example.com>\n---\n";
    private const string Diff = "diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n";

    private static (int Exit, string Out, string Err) Run(byte[] input, params string[] extra)
    {
        var path = Path.Combine(Path.GetTempPath(), "difflint-hostile-" + Guid.NewGuid().ToString("N") + ".patch");
        File.WriteAllBytes(path, input);
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var task = Task.Run(() => CommandLine.Run([path, "--no-color", .. extra], stdout, stderr));
            Assert.True(task.Wait(TimeSpan.FromSeconds(60)), "difflint did not finish within 60 s");
            return (task.Result, stdout.ToString().Replace(path, "INPUT"), stderr.ToString().Replace(path, "INPUT"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (int Exit, string Out, string Err) Run(string input) => Run(Encoding.UTF8.GetBytes(input));

    [Fact]
    public void TruncatedMboxIsAFindingAtTheLastLine()
    {
        var text = Header + Diff[..^6];
        var (exit, output, _) = Run(text);
        Assert.Equal(1, exit);
        Assert.Contains("INPUT:13: error: diff cut short", output);
        Assert.Contains("[DL0001]", output);
    }

    [Fact]
    public void HunkCountOffByOneIsAFindingAndTheNextPatchIsStillAnalysed()
    {
        var broken = Header + Diff.Replace("@@ -1,2 +1,2 @@", "@@ -1,3 +1,3 @@") + "-- \n2.39.5\n\n";
        var good = Header.Replace("[PATCH]", "[PATCH 2/2]") + Diff.Replace("+c", "+c  ") + "-- \n2.39.5\n\n";
        var (exit, output, _) = Run(broken + good);
        Assert.Equal(1, exit);
        Assert.Contains("DL0001", output);
        Assert.Contains("a.c:2:2: error: Trailing whitespace [DL2001]", output);
    }

    [Fact]
    public void CrlfDamagedPatchIsNormalisedAndReported()
    {
        var (exit, output, _) = Run((Header + Diff).Replace("\n", "\r\n"));
        Assert.Equal(0, exit);
        Assert.Contains("DL0002", output);
        Assert.DoesNotContain("DL0001", output);
        Assert.DoesNotContain("DL2001", output);
    }

    [Fact]
    public void NulBytesInsideAPatchAreReadAsText()
    {
        var (exit, _, err) = Run(Header + Diff.Replace("+c", "+c\0d"));
        Assert.Equal(0, exit);
        Assert.Equal("", err);
    }

    [Fact]
    public void TenMegabyteSingleLineIsHandled()
    {
        // Beyond the line-length limit (4M characters): the line is checked up to it, and DL0003 says so.
        var (exit, output, _) = Run(Header + Diff.Replace("+c", "+" + new string('x', 10_000_000) + " "));
        Assert.Equal(1, exit);
        Assert.Contains("input limit line-length", output);
        Assert.Contains("[DL0003]", output);
    }

    [Fact]
    public void InvalidBase64IsAFindingNotACrash()
    {
        var mail = "From: A <a@example.com>\nSubject: [PATCH] x\nContent-Transfer-Encoding: base64\n\nZGlmZiAtLWdpdCBh!!!@@@\n";
        var (exit, output, _) = Run(mail);
        Assert.NotEqual(3, exit);
        Assert.Contains("DL0002", output);
    }

    [Fact]
    public void UnknownCharsetIsAFindingAndTheDiffIsStillRead()
    {
        var mail = Header.Replace("Subject:", "Content-Type: text/plain; charset=x-no-such-charset\nSubject:") + Diff.Replace("+c", "+c ");
        var (exit, output, _) = Run(mail);
        Assert.Equal(1, exit);
        Assert.Contains("DL0002", output);
        Assert.Contains("DL2001", output);
    }

    [Fact]
    public void EmptyFileIsAnInputError()
    {
        var (exit, _, err) = Run([]);
        Assert.Equal(2, exit);
        Assert.Contains("INPUT: empty input", err);
    }

    [Fact]
    public void BinaryFileIsAnInputError()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52 };
        var (exit, _, err) = Run(png);
        Assert.Equal(2, exit);
        Assert.Contains("binary data", err);
    }

    [Fact]
    public void TextThatIsNotAPatchIsAnInputError()
    {
        var (exit, _, err) = Run("just some notes\nnothing to see\n");
        Assert.Equal(2, exit);
        Assert.Contains("not a patch", err);
    }

    [Fact]
    public void HugeClaimedContentLengthIsIgnored()
    {
        var (exit, _, _) = Run(Header.Replace("Subject:", "Content-Length: 2147483648\nSubject:") + Diff);
        Assert.Equal(0, exit);
    }

    [Fact]
    public void HugeClaimedHunkCountIsDiffCutShort()
    {
        var (exit, output, _) = Run(Header + Diff.Replace("@@ -1,2 +1,2 @@", "@@ -1,2000000000 +1,2000000000 @@"));
        Assert.Equal(1, exit);
        Assert.Contains("diff cut short", output);
    }

    [Fact]
    public void MalformedPatchworkJsonNamesLineAndColumn()
    {
        var (exit, _, err) = Run("{\n  \"id\": 1,\n  \"diff\": \"diff --git a/x b/x\",\n  \"headers\": {\n");
        Assert.Equal(2, exit);
        Assert.Matches(@"INPUT:\d+(:\d+)?: ", err);
    }

    [Fact]
    public void MissingFileIsAnInputError()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(2, CommandLine.Run(["/nonexistent/x.patch"], stdout, stderr));
        Assert.Contains("/nonexistent/x.patch: no such file or directory", stderr.ToString());
    }

    [Fact]
    public void OneBadMessageDoesNotHideFindingsInTheOthers()
    {
        var bad = Header + "diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1,9 +1,9 @@\n a\ngarbage\n";
        var good = Header + Diff.Replace("+c", "+c\t");
        var (exit, output, _) = Run(bad + good);
        Assert.Equal(1, exit);
        Assert.Contains("DL0001", output);
        Assert.Contains("DL2001", output);
    }

    [SharedFact]
    public void RandomBytesNeverCauseAnInternalError()
    {
        var random = new Random(1234);
        var seeds = new[] { Header + Diff, File.ReadAllText(Path.Combine(TestPaths.Seeds, "000_c9045b006f83e695.txt")) };
        for (var i = 0; i < 150; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(seeds[i % seeds.Length]);
            for (var k = 0; k < 1 + i % 8; k++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            var cut = bytes.AsSpan(0, random.Next(bytes.Length / 2, bytes.Length)).ToArray();
            var (exit, _, err) = Run(cut);
            Assert.True(exit is 0 or 1 or 2, $"exit {exit} on mutation {i}: {err}");
        }
    }
}
