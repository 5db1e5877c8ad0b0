using System;
using System.Linq;
using System.Text;
using DiffLint.Core.Mime;
using Xunit;
using static DiffLint.Tests.Mime.MailTestHelpers;

namespace DiffLint.Tests.Mime;

public class Base64BodyTests
{
    private static string Wrap(string base64, int width)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < base64.Length; i += width)
            sb.Append(base64.AsSpan(i, Math.Min(width, base64.Length - i))).Append('\n');
        return sb.ToString();
    }

    [Fact]
    public void DecodesWrappedBase64()
    {
        var text = "diff --git a/f.c b/f.c\n+int x;\n";
        var enc = Wrap(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), 76);
        var r = Base64Body.Decode(Encoding.ASCII.GetBytes(enc), 1);

        Assert.Equal(text, Encoding.UTF8.GetString(r.Bytes.Span));
        Assert.Equal(2, r.LineCount);
        Assert.Empty(r.Problems);
    }

    [Fact]
    public void SourcesFollowTheEncodedCharacterOffsets()
    {
        // 12 decoded bytes per 16-char raw line; decoded lines start at bytes 0, 7, 19 and 31.
        var text = "line0\r\n" + "line1 12345\n" + "line2 67890\n" + "z";
        var b64 = Convert.ToBase64String(Encoding.ASCII.GetBytes(text));
        var r = Base64Body.Decode(Encoding.ASCII.GetBytes(Wrap(b64, 16)), firstLine: 50);

        Assert.Equal(text, Encoding.ASCII.GetString(r.Bytes.Span));
        // byte 0 -> raw line 0; byte 7 -> group 2 (chars 8..11) -> raw line 0;
        // byte 19 -> group 6 char 1 -> char 25 -> raw line 1; byte 31 -> group 10 char 1 -> char 41 -> raw line 2.
        Assert.Equal([50, 50, 51, 52], r.LineSources);
    }

    [Fact]
    public void SourceOfAByteSplitAcrossRawLinesIsItsFirstCharacter()
    {
        // "ab\ncd" = YWIKY2Q= ; wrap after 5 chars: "YWIKY" / "2Q=". Byte 3 ('c') starts at char 4 (line 0),
        // so the second decoded line starts on raw line 0 even though most of it is on raw line 1.
        var r = Base64Body.Decode(Encoding.ASCII.GetBytes("YWIKY\n2Q=\n"), 1);

        Assert.Equal("ab\ncd", Encoding.ASCII.GetString(r.Bytes.Span));
        Assert.Equal([1, 1], r.LineSources);
    }

    [Fact]
    public void InvalidCharactersAreSkippedAndReportedPerLine()
    {
        var r = Base64Body.Decode(Encoding.ASCII.GetBytes("aGVs!bG8g*\nd29y\nbGQ#\n"), 7);

        Assert.Equal("hello world", Encoding.ASCII.GetString(r.Bytes.Span));
        Assert.Equal([7, 9], r.Problems.Where(p => p.Kind == MailProblemKind.InvalidBase64).Select(p => p.Line));
    }

    [Fact]
    public void MissingPaddingAndTruncationAreLenient()
    {
        Assert.Equal("hi", Encoding.ASCII.GetString(Base64Body.Decode("aGk"u8, 1).Bytes.Span));
        Assert.Equal("h", Encoding.ASCII.GetString(Base64Body.Decode("aA"u8, 1).Bytes.Span));
        var r = Base64Body.Decode("aGk=a"u8, 1);
        Assert.Equal("hi", Encoding.ASCII.GetString(r.Bytes.Span));
        Assert.Contains(r.Problems, p => p.Kind == MailProblemKind.InvalidBase64);
    }

    [Fact]
    public void ConcatenatedEncodingsAfterPaddingAreDecoded()
    {
        var r = Base64Body.Decode("aGk=\nIHRoZXJl\n"u8, 1);

        Assert.Equal("hi there", Encoding.ASCII.GetString(r.Bytes.Span));
        Assert.Empty(r.Problems);
    }

    [Fact]
    public void WhitespaceIsIgnored()
    {
        var r = Base64Body.Decode(" aG\tVs bG8=  \r\n"u8, 1);

        Assert.Equal("hello", Encoding.ASCII.GetString(r.Bytes.Span));
        Assert.Empty(r.Problems);
    }

    [Fact]
    public void Base64MailBodyWithCrLfContent()
    {
        var text = "Hello,\r\n\r\nSigned-off-by: Ren\u00e9 <r@x>\r\n";
        var b64 = Wrap(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), 20);
        var mail = Decode("Subject: x\nContent-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: base64\n\n" + b64, 10);

        Assert.Equal(["Hello,", "", "Signed-off-by: René <r@x>"], mail.Texts());
        Assert.Equal([14, 14, 14], mail.LineNumbers());
        var p = Assert.Single(mail.Problems);
        Assert.Equal(MailProblemKind.DecodedCrLf, p.Kind);
        Assert.Equal(14, p.Line);
    }

    [Fact]
    public void Base64MailBodyLineNumbersAdvance()
    {
        var text = string.Concat(Enumerable.Range(0, 30).Select(i => $"+line number {i:D2} of the patch\n"));
        var b64 = Wrap(Convert.ToBase64String(Encoding.ASCII.GetBytes(text)), 76);
        var mail = Decode("Subject: x\nContent-Transfer-Encoding: BASE64\n\n" + b64);

        Assert.Equal(30, mail.Body.Count);
        Assert.Equal("+line number 29 of the patch", mail.Body[29].ToString());
        // Each decoded line is 29 bytes; a 76-char raw line holds 57 bytes.
        for (int i = 0; i < 30; i++)
            Assert.Equal(4 + i * 29 / 57, mail.Body[i].Line);
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void InvalidBase64InMailIsReportedAtAbsoluteLine()
    {
        var mail = Decode("Subject: x\nContent-Transfer-Encoding: base64\n\naGVsbG8K\n_____\nd29ybGQK\n", 100);

        Assert.Equal(["hello", "world"], mail.Texts());
        var p = Assert.Single(mail.Problems);
        Assert.Equal(MailProblemKind.InvalidBase64, p.Kind);
        Assert.Equal(104, p.Line);
    }
}
