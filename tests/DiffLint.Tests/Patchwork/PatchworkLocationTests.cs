using System.Text;
using System.Text.Json;
using DiffLint.Cli;
using DiffLint.Core.Analysis;
using DiffLint.Core.Patchwork;

namespace DiffLint.Tests.Patchwork;

/// <summary>
/// Findings on Patchwork JSON point at the JSON file: the line of the <c>content</c> or <c>diff</c> string and the column
/// of the finding inside it, not at lines of the mail rebuilt from the JSON.
/// </summary>
public class PatchworkLocationTests
{
    private static readonly string Seed000 = Path.Combine(TestPaths.Seeds, "000_c9045b006f83e695.txt");

    [SharedFact]
    public void Seed000_CommitMessageFindingIsOnTheContentLineAtItsColumn()
    {
        var lines = File.ReadAllLines(Seed000);
        var report = Assert.Single(TestRunner.RunFiles(Seed000).Reports);
        var finding = Assert.Single(report.Diagnostics, d => d.Id == "DL1030");

        // Line 112 of the file is `    "content": "During qemu_cleanup, ...`; the message's first line starts at column 17
        // and the finding at its 76th character, past the 75-column limit.
        Assert.StartsWith("    \"content\": \"During qemu_cleanup,", lines[finding.Location.InputLine - 1]);
        Assert.Equal(112, finding.Location.InputLine);
        Assert.Equal(17 + 75, finding.Location.InputColumn);
        Assert.Equal(1, finding.Location.CommitMessageLine);
        Assert.Equal(lines[..111].Sum(l => l.Length + 1) + 16 + 75, finding.Location.InputCharOffset);
        Assert.Equal(16, report.Patch.FirstInputLine); // the patch object's '{'
        Assert.Equal(91, report.Patch.SubjectInputLine); // "Subject": "[PATCH v2] monitor: ..."
    }

    [SharedFact]
    public void Seed000_TextSarifAndJsonNameTheRealPlace()
    {
        var text = RunCli("--no-color", Seed000);
        Assert.Contains("000_c9045b006f83e695.txt:112:92: warning: Prefer a maximum 75 chars per line", text);
        Assert.Contains(" commit message line 1 | During qemu_cleanup, if a non-coroutine QMP command", text);

        using var sarif = JsonDocument.Parse(RunCli("-f", "sarif", Seed000));
        var result = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "DL1030");
        var properties = result.GetProperty("properties");
        Assert.Equal(112, properties.GetProperty("inputLine").GetInt32());
        Assert.Equal(92, properties.GetProperty("inputColumn").GetInt32());
        Assert.Equal(1, properties.GetProperty("commitMessageLine").GetInt32());
        var related = result.GetProperty("relatedLocations")[0].GetProperty("physicalLocation");
        Assert.EndsWith("000_c9045b006f83e695.txt", related.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(112, related.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal(92, related.GetProperty("region").GetProperty("startColumn").GetInt32());
        Assert.Equal(properties.GetProperty("inputCharOffset").GetInt32(), related.GetProperty("region").GetProperty("charOffset").GetInt32());

        using var json = JsonDocument.Parse(RunCli("-f", "json", Seed000));
        var location = json.RootElement.GetProperty("patches")[0].GetProperty("findings")[0].GetProperty("location");
        Assert.Equal((112, 92, 1), (location.GetProperty("inputLine").GetInt32(), location.GetProperty("inputColumn").GetInt32(),
            location.GetProperty("commitMessageLine").GetInt32()));
    }

    [Fact]
    public void EscapesAndWideCharactersAreCountedInTheColumn()
    {
        // Line 1 of the message holds a quote, a tab and an emoji, escaped in the JSON as \", \t and \ud83d\ude00, so what
        // follows them sits further right in the file than in the message.
        var content = "\"Fix the \\\"frobnicator\\\"\\tcrash \\ud83d\\ude00.\\n\\n" + new string('x', 80)
                      + "\\n\\nSigned-off-by: A <a@example.org>\\n\"";
        const string Diff = "\"diff --git a/a.c b/a.c\\n--- a/a.c\\n+++ b/a.c\\n@@ -1 +1,2 @@\\n int a;\\n+int \\\"b\\\"; \\n\"";
        var json = "{\n  \"id\": 7,\n  \"msgid\": \"<x@example.org>\",\n  \"name\": \"[PATCH] a: add b\",\n  \"state\": \"new\",\n"
                   + "  \"submitter\": {\"name\": \"A\", \"email\": \"a@example.org\"},\n"
                   + "  \"content\": " + content + ",\n"
                   + "  \"diff\": " + Diff + "\n}\n";
        var file = Encoding.UTF8.GetBytes(json);
        var mail = Assert.Single(PatchworkJsonReader.ReadWithLineMaps(file));
        var map = mail.Lines!;
        var jsonLines = json.Split('\n');

        var contentLine = Array.FindIndex(jsonLines, l => l.Contains("\"content\"")) + 1;
        var mailLines = Encoding.UTF8.GetString(mail.Mail).Split('\n');
        var third = Array.IndexOf(mailLines, new string('x', 80)) + 1;
        Assert.True(third > 0);
        var position = map.Locate(third, 75);
        Assert.Equal(contentLine, position.Line);
        Assert.Equal(3, position.MessageLine);
        Assert.Equal(jsonLines[contentLine - 1].IndexOf(new string('x', 80), StringComparison.Ordinal) + 1 + 75, position.Column);

        // Character 30 of message line 1 is the '.' after the emoji, which is two UTF-16 units and 12 bytes of escapes.
        var first = map.Locate(Array.FindIndex(mailLines, l => l.StartsWith("Fix the", StringComparison.Ordinal)) + 1, 30);
        Assert.Equal(1, first.MessageLine);
        Assert.Equal(jsonLines[contentLine - 1].IndexOf("\\ude00.", StringComparison.Ordinal) + 1 + 6, first.Column);

        var result = TestRunner.RunBytes(file, "patch.json");
        var trailing = Assert.Single(result.AllDiagnostics, d => d.Id == "DL2001");
        var diffLine = Array.FindIndex(jsonLines, l => l.Contains("\"diff\"")) + 1;
        Assert.Equal(diffLine, trailing.Location.InputLine);
        Assert.Equal(0, trailing.Location.CommitMessageLine);
        // "+int \"b\"; " in the JSON: the finding is the space after ';', the character before the escaped \n.
        Assert.Equal(jsonLines[diffLine - 1].IndexOf("; \\n", StringComparison.Ordinal) + 2, trailing.Location.InputColumn);
        Assert.Equal(2, trailing.Location.Line); // the post-image line is unchanged
    }

    [Fact]
    public void APatchworkFindingWithoutADiffPointsAtTheInputFileInSarif()
    {
        var json = "{\"id\": 1, \"msgid\": \"<y@example.org>\", \"name\": \"[PATCH] a: b\", \"state\": \"new\",\n"
                   + " \"submitter\": {\"name\": \"A\", \"email\": \"a@example.org\"},\n \"content\": \"No sign-off here.\\n\"}\n";
        var folder = Directory.CreateTempSubdirectory("difflint-pw-").FullName;
        var path = Path.Combine(folder, "p.json");
        File.WriteAllText(path, json);
        string report;
        try
        {
            report = RunCli("-f", "sarif", path);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        using var sarif = JsonDocument.Parse(report);
        var result = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().First(r => r.GetProperty("ruleId").GetString() == "DL1001");
        var region = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal(3, region.GetProperty("startLine").GetInt32());
        Assert.True(region.GetProperty("startColumn").GetInt32() > 1);
        Assert.True(region.GetProperty("charOffset").GetInt32() > json.IndexOf("\"content\"", StringComparison.Ordinal));
    }

    private static string RunCli(params string[] args)
    {
        var stdout = new StringWriter();
        CommandLine.Run(["--no-tree", .. args], stdout, new StringWriter());
        return stdout.ToString();
    }
}
