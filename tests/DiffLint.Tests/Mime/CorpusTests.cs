using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DiffLint.Core.Mime;
using Xunit;

namespace DiffLint.Tests.Mime;

public class CorpusTests
{
    private static string ListsDir => Path.Combine(TestPaths.Corpus, "lists");

    [SharedFact]
    public void Watchdog0166QuotedPrintableDecodesWhole()
    {
        var bytes = File.ReadAllBytes(Path.Combine(ListsDir, "watchdog", "0166.patch"));
        var mail = MailDecoder.Decode(bytes, 1);

        Assert.True(mail.HasHeaders);
        Assert.Equal("quoted-printable", mail.Headers["Content-Transfer-Encoding"]);
        var texts = mail.Body.Select(l => l.Text.ToString()).ToList();
        Assert.Contains("Signed-off-by: Jose Javier Rodriguez Barbarin <dev-josejavier.rodriguez@duagon.com>", texts);
        Assert.DoesNotContain(texts, t => t.EndsWith('='));
        Assert.Contains(texts, t => t == "diff --git a/scripts/mod/devicetable-offsets.c b/scripts/mod/devicetable-offsets.c");

        // The Signed-off-by line starts on raw line 306 of the file (it is soft-broken onto 307).
        var sob = mail.Body.First(l => l.Text.Span.StartsWith("Signed-off-by:"));
        Assert.Equal(306, sob.Line);
        var raw = File.ReadAllLines(Path.Combine(ListsDir, "watchdog", "0166.patch"));
        Assert.StartsWith("Signed-off-by:", raw[sob.Line - 1]);
        Assert.DoesNotContain(mail.Problems, p => p.Kind is MailProblemKind.InvalidQuotedPrintable or MailProblemKind.InvalidUtf8);
    }

    public static IEnumerable<object[]> PatchMails()
    {
        var index = Path.Combine(ListsDir, "watchdog.index.tsv");
        var lines = File.ReadAllLines(index);
        var head = lines[0].Split('\t');
        int n = Array.IndexOf(head, "n"), kind = Array.IndexOf(head, "kind"), decoded = Array.IndexOf(head, "decoded_diff");
        foreach (var line in lines.Skip(1))
        {
            var cols = line.Split('\t');
            if (cols[kind] == "patch")
                yield return [cols[n], cols[decoded] == "yes"];
        }
    }

    [SharedFact]
    public void EveryPatchMailInTheWatchdogListDecodesToADiff()
    {
        var mails = PatchMails().ToList();
        Assert.True(mails.Count > 200, "expected the watchdog patch mails, found " + mails.Count);
        var failures = new List<string>();
        foreach (var m in mails)
        {
            string n = (string)m[0];
            bool expectDiff = (bool)m[1];
            var bytes = File.ReadAllBytes(Path.Combine(ListsDir, "watchdog", n + ".patch"));
            var mail = MailDecoder.Decode(bytes, 1);
            bool hasDiff = mail.Body.Any(l =>
                l.Text.Span.StartsWith("diff --git") || l.Text.Span.StartsWith("@@ ") || l.Text.Span.StartsWith("--- "));
            if (hasDiff != expectDiff)
                failures.Add($"{n}: decoded_diff={expectDiff} but found diff={hasDiff}");
            if (mail.Problems.Any(p => p.Message.Contains("internal decoder error")))
                failures.Add($"{n}: internal error");
            if (mail.Body.Any(l => l.Line < mail.BodyStartLine))
                failures.Add($"{n}: body line before body start");
        }
        Assert.Empty(failures);
    }

    [SharedFact]
    public void AllListMailsInTheMboxDecode()
    {
        // Every mail of the mboxrd (replies, base64 and multipart ones too): split at the From_ lines and
        // check absolute line numbers point at the right raw lines for identity-encoded bodies.
        var bytes = File.ReadAllBytes(Path.GetFullPath(Path.Combine(ListsDir, "watchdog.mbox")));
        var rawLines = new List<(int Start, int End)>();
        int pos = 0;
        while (pos < bytes.Length)
        {
            int lf = Array.IndexOf(bytes, (byte)'\n', pos);
            int end = lf < 0 ? bytes.Length : lf;
            rawLines.Add((pos, end));
            pos = end + 1;
        }
        var starts = new List<int>();
        for (int i = 0; i < rawLines.Count; i++)
        {
            var (s, e) = rawLines[i];
            if (bytes.AsSpan(s, e - s).StartsWith("From mboxrd@z "u8))
                starts.Add(i);
        }
        Assert.Equal(600, starts.Count);
        var index = File.ReadAllLines(Path.Combine(ListsDir, "watchdog.index.tsv"));
        int decodedCol = Array.IndexOf(index[0].Split('\t'), "decoded_diff");
        var mismatches = new List<string>();
        for (int m = 0; m < starts.Count; m++)
        {
            int firstRaw = starts[m] + 1;
            int lastRaw = (m + 1 < starts.Count ? starts[m + 1] : rawLines.Count) - 1;
            int from = rawLines[firstRaw].Start;
            int to = rawLines[lastRaw].Start; // drop the trailing empty separator line
            var mail = MailDecoder.Decode(bytes.AsMemory(from, to - from), firstRaw + 1);
            Assert.DoesNotContain(mail.Problems, p => p.Message.Contains("internal decoder error"));
            bool expectDiff = index[m + 1].Split('\t')[decodedCol] == "yes";
            bool hasDiff = mail.Body.Any(l =>
                l.Text.Span.StartsWith("diff --git") || l.Text.Span.StartsWith("@@ ") || l.Text.Span.StartsWith("--- "));
            if (hasDiff != expectDiff)
                mismatches.Add($"{m + 1:D4}: decoded_diff={expectDiff} found={hasDiff}");
            if (mail.Headers["Content-Transfer-Encoding"] is null or "7bit" or "8bit"
                && !(mail.Headers["Content-Type"] ?? "").StartsWith("multipart", StringComparison.OrdinalIgnoreCase))
            {
                var charset = Charsets.Resolve(ContentType.Parse(mail.Headers.Find("Content-Type")?.RawValue).Charset);
                foreach (var line in mail.Body.Take(50))
                {
                    var (s, e) = rawLines[line.Line - 1];
                    var raw = Charsets.DecodeLenient(bytes.AsSpan(s, e - s), charset, out _);
                    Assert.Equal(raw.TrimEnd('\r'), line.Text.ToString().TrimEnd('\r'));
                }
            }
        }
        Assert.Empty(mismatches);
    }
}
