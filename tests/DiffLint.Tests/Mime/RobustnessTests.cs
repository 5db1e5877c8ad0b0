using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using DiffLint.Core.Mime;
using DiffLint.Core.Reading;
using Xunit;
using static DiffLint.Tests.Mime.MailTestHelpers;

namespace DiffLint.Tests.Mime;

public class RobustnessTests
{
    private static readonly string[] Seeds =
    [
        "Subject: x\nContent-Type: multipart/mixed; boundary=B\n\n--B\nContent-Type: text/plain; charset=koi8-r\nContent-Transfer-Encoding: quoted-printable\n\nab=3D=\ncd\n--B\nContent-Type: text/x-patch\nContent-Transfer-Encoding: base64\n\nKyBhCg==\n--B--\n",
        "Subject: =?utf-8?b?w6k=?= =?utf-8?q?=C3=A9?=\nContent-Type: multipart/alternative; boundary=\"a b\"\n\n--a b\nContent-Type: text/html\n\nx\n--a b\n\ny\n--a b--\n",
        "From: a\r\nContent-Type: text/plain; charset=\"shift_jis\"\r\nContent-Transfer-Encoding: base64\r\n\r\nk/qWew==\r\n",
        "diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1 +1 @@\n-x\n+y\n",
        "Subject: s\nContent-Type: multipart/signed; boundary=S\n\n--S\nContent-Type: multipart/mixed; boundary=M\n\n--M\n\nmsg\n--M\nContent-Type: application/octet-stream; name=a.patch\nContent-Disposition: attachment; filename*=utf-8''a%2Epatch\n\n+x\n--M--\n--S\nContent-Type: application/pgp-signature\n\nsig\n--S--\n",
        "Subject: d\nContent-Type: multipart/digest; boundary=D\n\n--D\n\nFrom: a\n\nx\n--D\nContent-Type: text/plain; charset=iso-8859-2\nContent-Transfer-Encoding: 8bit\n\n\u00e9\n--D--\n",
    ];

    private static void AssertSane(DecodedMail mail, byte[] input, int firstLine)
    {
        Assert.NotNull(mail.Headers);
        Assert.DoesNotContain(mail.Problems, p => p.Message.Contains("internal decoder error"));
        int lines = input.AsSpan().Count((byte)'\n') + (input.Length > 0 && input[^1] != (byte)'\n' ? 1 : 0);
        int last = firstLine + Math.Max(lines - 1, 0);
        foreach (var line in mail.Body)
        {
            Assert.False(line.Text.Span.Contains('\n'));
            Assert.InRange(line.Line, firstLine, last);
        }
        foreach (var p in mail.Problems)
            Assert.True(p.Line >= firstLine && p.Line <= last, $"{p} outside {firstLine}..{last} for input {Convert.ToBase64String(input)}");
        foreach (var h in mail.Headers)
            Assert.InRange(h.Line, firstLine, last);
    }

    [Fact]
    public void TenThousandRandomAndMutatedInputsNeverThrow()
    {
        var rng = new Random(int.TryParse(Environment.GetEnvironmentVariable("DIFFLINT_FUZZ_SEED"), out int rngSeed) ? rngSeed : 12345);
        var seeds = Seeds.Select(Encoding.UTF8.GetBytes).ToArray();
        byte[] alphabet = "=?-\r\n \t:;\"abcB0+/_QbqU8"u8.ToArray();
        // DIFFLINT_FUZZ_ITERATIONS / DIFFLINT_FUZZ_SEED let a long local run go further than the default budget.
        int iterations = int.TryParse(Environment.GetEnvironmentVariable("DIFFLINT_FUZZ_ITERATIONS"), out int n) ? n : 10_000;
        for (int i = 0; i < iterations; i++)
        {
            byte[] input;
            switch (i % 4)
            {
                case 0:
                    input = new byte[rng.Next(0, 600)];
                    rng.NextBytes(input);
                    break;
                case 1:
                {
                    var seed = seeds[rng.Next(seeds.Length)];
                    input = seed[..rng.Next(0, seed.Length + 1)];
                    break;
                }
                case 2:
                {
                    input = (byte[])seeds[rng.Next(seeds.Length)].Clone();
                    int flips = rng.Next(1, 12);
                    for (int f = 0; f < flips && input.Length > 0; f++)
                        input[rng.Next(input.Length)] = rng.Next(3) == 0 ? (byte)rng.Next(256) : alphabet[rng.Next(alphabet.Length)];
                    break;
                }
                default:
                {
                    input = new byte[rng.Next(0, 400)];
                    for (int k = 0; k < input.Length; k++)
                        input[k] = alphabet[rng.Next(alphabet.Length)];
                    break;
                }
            }
            int first = rng.Next(1, 1000);
            var mail = MailDecoder.Decode(input, first);
            AssertSane(mail, input, first);
        }
    }

    private static readonly InputLimits Unlimited = new() { LineLength = int.MaxValue, HeaderSize = int.MaxValue, PartSize = int.MaxValue };

    [Fact]
    public void TenMegabyteSingleLine()
    {
        var big = new byte[10 * 1024 * 1024];
        big.AsSpan().Fill((byte)'a');
        var sw = Stopwatch.StartNew();
        var mail = MailDecoder.Decode(big, 1, Unlimited);
        Assert.Single(mail.Body);
        Assert.Equal(big.Length, mail.Body[0].Text.Length);

        var header = Bytes("Subject: ", big, "\n\nbody\n");
        mail = MailDecoder.Decode(header, 1, Unlimited);
        Assert.Equal(big.Length, mail.Headers["Subject"]!.Length);
        Assert.Equal(["body"], mail.Texts());

        var qp = Bytes("Subject: x\nContent-Transfer-Encoding: quoted-printable\n\n", big, "=3D\n");
        mail = MailDecoder.Decode(qp, 1, Unlimited);
        Assert.Equal(big.Length + 1, mail.Body[0].Text.Length);

        var b64 = Bytes("Subject: x\nContent-Transfer-Encoding: base64\n\n", big, "\n");
        mail = MailDecoder.Decode(b64, 1, Unlimited);
        Assert.DoesNotContain(mail.Problems, p => p.Kind == MailProblemKind.InvalidBase64);
        Assert.Equal(big.Length / 4 * 3, mail.Body.Sum(l => l.Text.Length + 1) - 1);
        Assert.True(sw.Elapsed.TotalSeconds < 20, sw.Elapsed.ToString());
    }

    [Fact]
    public void LimitsCutTheLineTheHeaderAndThePartAndSaySo()
    {
        var big = new byte[100_000];
        big.AsSpan().Fill((byte)'a');
        var mail = MailDecoder.Decode(Bytes("Subject: x\n\n", big, "\nnext\n"), 1, new InputLimits { LineLength = 1000 });
        Assert.Equal(1000, mail.Body[0].Text.Length);
        Assert.Equal("next", mail.Body[1].Text.ToString());
        var problem = Assert.Single(mail.Problems, p => p.Kind == MailProblemKind.InputLimit);
        Assert.Equal(3, problem.Line);
        Assert.Contains("line-length", problem.Message);
        Assert.Contains("difflint_limit_line_length", problem.Message);

        mail = MailDecoder.Decode(Bytes("Subject: ", big, "\n\nbody\n"), 1, new InputLimits { HeaderSize = 2000 });
        Assert.InRange(mail.Headers.Find("Subject")!.RawValue.Length, 1990, 2000);
        Assert.Equal(["body"], mail.Texts());
        Assert.Contains(mail.Problems, p => p.Kind == MailProblemKind.InputLimit && p.Message.Contains("header-size"));

        var lines = Bytes("Subject: x\nContent-Transfer-Encoding: base64\n\n",
            Encoding.ASCII.GetBytes(Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("0123456789\n", 10_000))), Base64FormattingOptions.InsertLineBreaks).Replace("\r", "")), "\n");
        mail = MailDecoder.Decode(lines, 1, new InputLimits { PartSize = 50_000 });
        Assert.True(mail.Body.Sum(l => l.Text.Length + 1) <= 50_000);
        Assert.All(mail.Body, l => Assert.Equal("0123456789", l.Text.ToString()));
        Assert.Contains(mail.Problems, p => p.Kind == MailProblemKind.InputLimit && p.Message.Contains("part-size"));
    }

    [Fact]
    public void MimeNestingBeyondTheLimitIsReportedAsALimit()
    {
        var text = new StringBuilder("Subject: x\nContent-Type: multipart/mixed; boundary=b0\n\n");
        for (var level = 1; level <= 5; level++) text.Append($"--b{level - 1}\nContent-Type: multipart/mixed; boundary=b{level}\n\n");
        text.Append("--b5\nContent-Type: text/plain\n\npatch\n");
        var mail = MailDecoder.Decode(Encoding.ASCII.GetBytes(text.ToString()), 1, new InputLimits { MimeDepth = 3 });
        Assert.DoesNotContain("patch", mail.Texts());
        Assert.Contains(mail.Problems, p => p.Kind == MailProblemKind.InputLimit && p.Message.Contains("mime-depth") && p.Message.Contains("difflint_limit_mime_depth"));
    }

    [Fact]
    public void NulBytesAreContent()
    {
        var mail = MailDecoder.Decode(Bytes("Subject: a\0b\n\n+x\0y\n\0\n"), 1);

        Assert.Equal("a\0b", mail.Headers["Subject"]);
        Assert.Equal(["+x\0y", "\0"], mail.Texts());
    }

    [Fact]
    public void ContentLengthIsIgnored()
    {
        var mail = Decode("Subject: x\nContent-Length: 2147483648000\n\nline 1\nline 2\n");

        Assert.Equal(["line 1", "line 2"], mail.Texts());
        Assert.Empty(mail.Problems);
        mail = Decode("Subject: x\nContent-Length: -5\n\nline 1\n");
        Assert.Equal(["line 1"], mail.Texts());
    }

    [Fact]
    public void ManyTinyPartsAreLinear()
    {
        var sb = new StringBuilder("Subject: x\nContent-Type: multipart/mixed; boundary=B\n\n");
        for (int i = 0; i < 100_000; i++)
            sb.Append("--B\n\nx\n");
        sb.Append("--B--\n");
        var sw = Stopwatch.StartNew();
        var mail = Decode(sb.ToString());
        Assert.Equal(100_000, mail.Body.Count);
        Assert.True(sw.Elapsed.TotalSeconds < 10, sw.Elapsed.ToString());
    }

    [Fact]
    public void ManyHeaderLinesAndHostileEncodedWords()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 50_000; i++)
            sb.Append("X-H: =?utf-8?q?=?a?b?=?\n =?=?=?\n");
        sb.Append("\nbody\n");
        var mail = Decode(sb.ToString());
        Assert.Equal(50_000, mail.Headers.Count);
        Assert.Equal(["body"], mail.Texts());
    }

    [Fact]
    public void ManyCharsetNamesDoNotGrowWithoutBound()
    {
        for (int i = 0; i < 2000; i++)
            Assert.Null(Charsets.Resolve("x-bogus-" + i));
        Assert.NotNull(Charsets.Resolve("utf-8"));
    }

    [Fact]
    public void DecodersNeverThrowOnRandomBytes()
    {
        var rng = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            var input = new byte[rng.Next(0, 300)];
            rng.NextBytes(input);
            QuotedPrintable.Decode(input, 1);
            Base64Body.Decode(input, 1);
            EncodedWords.Decode(Encoding.Latin1.GetString(input));
            ContentType.Parse(Encoding.Latin1.GetString(input));
            Charsets.DecodeLenient(input, null, out _);
        }
    }
}
