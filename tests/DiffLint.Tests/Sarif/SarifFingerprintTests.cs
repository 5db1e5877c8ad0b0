using System.Text.Json;
using DiffLint.Reporting.Sarif;
using static DiffLint.Tests.Sarif.SarifTestHelpers;

namespace DiffLint.Tests.Sarif;

public class SarifFingerprintTests
{
    private static string SeriesPath => Path.Combine(TestPaths.TestData, "examples", "series.mbox");

    /// <summary>The messages of series.mbox, each starting with its <c>From </c> separator line.</summary>
    private static List<string> SeriesMessages()
    {
        var text = File.ReadAllText(SeriesPath).ReplaceLineEndings("\n");
        var messages = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("From ", StringComparison.Ordinal) && current.Length > 0)
            {
                messages.Add(current.ToString());
                current.Clear();
            }

            current.Append(line).Append('\n');
        }

        if (current.ToString().Trim().Length > 0) messages.Add(current.ToString());
        return messages;
    }

    [Fact]
    public void Fingerprints_are_identical_across_runs()
    {
        var first = Fingerprints(ToSarif(TestRunner.RunFiles(SeriesPath)));
        var second = Fingerprints(ToSarif(TestRunner.RunFiles(SeriesPath)));
        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Fingerprints_do_not_depend_on_message_order_in_the_mbox()
    {
        var messages = SeriesMessages();
        Assert.Equal(4, messages.Count);
        // The same patch twice gives two results with the same key: occurrence 0 and 1 whatever the order.
        var forward = string.Concat(messages) + messages[1];
        var backward = messages[1] + string.Concat(Enumerable.Reverse(messages));
        var a = Fingerprints(ToSarif(TestRunner.RunText(forward, "series.mbox")));
        var b = Fingerprints(ToSarif(TestRunner.RunText(backward, "series.mbox")));
        var whitespaceA = a.Where(f => f.StartsWith("DL2001 ", StringComparison.Ordinal)).ToList();
        var whitespaceB = b.Where(f => f.StartsWith("DL2001 ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, whitespaceA.Count);
        Assert.Equal(2, whitespaceA.Select(f => f.Split(' ')[^1]).Distinct().Count());
        Assert.Equal(whitespaceA, whitespaceB);
        var fingerprintsA = a.Select(f => f.Split(' ')[^1]).Order(StringComparer.Ordinal).ToList();
        var fingerprintsB = b.Select(f => f.Split(' ')[^1]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(fingerprintsA, fingerprintsB);
    }

    [Fact]
    public void Fingerprint_survives_a_line_added_above()
    {
        var patch = SeriesMessages()[1];
        Assert.Contains("@@ -312,7 +312,8 @@", patch);
        var shifted = patch
            .Replace("@@ -312,7 +312,8 @@", "@@ -312,7 +312,9 @@")
            .Replace("\n \tif (ret)\n", "\n+\tdev_dbg(&adev->dev, \"probing\\n\");\n \tif (ret)\n");
        Assert.NotEqual(patch, shifted);

        var before = Results(ToSarif(TestRunner.RunText(patch, "0001.patch")));
        var after = Results(ToSarif(TestRunner.RunText(shifted, "0001.patch")));
        var b = Assert.Single(before, r => r.Rule == "DL2001");
        var a = Assert.Single(after, r => r.Rule == "DL2001");
        Assert.Equal(b.Line + 1, a.Line);
        Assert.Equal(b.Fingerprint, a.Fingerprint);

        // Every finding whose line text did not change keeps its fingerprint.
        foreach (var r in before)
        {
            var same = after.Where(x => x.Rule == r.Rule && x.Text == r.Text).ToList();
            if (same.Count > 0) Assert.Contains(r.Fingerprint, same.Select(x => x.Fingerprint));
        }
    }

    [Fact]
    public void Normalisation_trims_and_collapses_whitespace()
    {
        Assert.Equal("a b c", SarifFingerprint.Normalize("  a \t b\t\tc  "));
        Assert.Equal(SarifFingerprint.Compute("DL1", "p", "x", 0), SarifFingerprint.Compute("DL1", "p", "x", 0));
        Assert.NotEqual(SarifFingerprint.Compute("DL1", "p", "x", 0), SarifFingerprint.Compute("DL1", "p", "x", 1));
        Assert.Equal(32, SarifFingerprint.Compute("DL1", "p", "x", 0).Length);
    }

    private sealed record Item(string Rule, int Line, string Text, string Fingerprint);

    private static List<Item> Results(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Select(r =>
        {
            var region = r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
            var text = region.TryGetProperty("snippet", out var s) ? s.GetProperty("text").GetString()! : "";
            return new Item(r.GetProperty("ruleId").GetString()!, region.GetProperty("startLine").GetInt32(), text,
                r.GetProperty("partialFingerprints").GetProperty(SarifFingerprint.Key).GetString()!);
        }).ToList();
    }
}
