using System.Linq;
using System.Text;
using DiffLint.Core.Mime;
using Xunit;
using static DiffLint.Tests.Mime.MailTestHelpers;

namespace DiffLint.Tests.Mime;

public class CharsetTests
{
    [Theory]
    [InlineData("utf-8", 65001)]
    [InlineData("UTF-8", 65001)]
    [InlineData("\"utf-8\"", 65001)]
    [InlineData("utf8", 65001)]
    [InlineData("us-ascii", 20127)]
    [InlineData("iso-8859-1", 28591)]
    [InlineData("ISO-8859-15", 28605)]
    [InlineData("iso-8859-2", 28592)]
    [InlineData("windows-1252", 1252)]
    [InlineData("cp1251", 1251)]
    [InlineData("koi8-r", 20866)]
    [InlineData("gb2312", 936)]
    [InlineData("shift_jis", 932)]
    [InlineData("big5", 950)]
    [InlineData("euc-kr", 51949)]
    [InlineData("utf-8*en", 65001)]
    public void ResolvesKnownCharsets(string name, int codePage)
    {
        var enc = Charsets.Resolve(name);

        Assert.NotNull(enc);
        Assert.Equal(codePage, enc.CodePage);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("x-unknown")]
    [InlineData("unknown-8bit")]
    [InlineData("no-such-charset")]
    [InlineData("utf-7")]
    public void UnknownCharsetsResolveToNull(string? name)
    {
        Assert.Null(Charsets.Resolve(name));
    }

    [Fact]
    public void DecodeLenientFallsBackToWindows1252()
    {
        Assert.Equal("café", Charsets.DecodeLenient(Encoding.UTF8.GetBytes("café"), null, out bool bad1));
        Assert.False(bad1);
        Assert.Equal("caf\u00e9 \u20ac", Charsets.DecodeLenient(new byte[] { 0x63, 0x61, 0x66, 0xE9, 0x20, 0x80 }, Encoding.UTF8, out bool bad2));
        Assert.True(bad2);
        Assert.Equal("\u0081\u008d", Charsets.DecodeLenient(new byte[] { 0x81, 0x8D }, null, out _));
        Assert.Equal("Привет", Charsets.DecodeLenient(new byte[] { 0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4 }, Charsets.Resolve("koi8-r"), out bool bad3));
        Assert.False(bad3);
        Assert.Equal("", Charsets.DecodeLenient([], null, out _));
    }

    [Fact]
    public void MissingCharsetIsUtf8()
    {
        var mail = Decode("Subject: x\n\n+\tpr_info(\"M\u00fcller\\n\");\n");

        Assert.Equal(["+\tpr_info(\"Müller\\n\");"], mail.Texts());
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void InvalidUtf8LinesFallBackPerLineWithAProblemEach()
    {
        var mail = Decode(Bytes(
            "Subject: x\nContent-Type: text/plain; charset=utf-8\n\n",
            "ok \u00e9\n",
            "bad ", (byte)0xE9, "\n",
            "ok again \u20ac\n",
            "bad ", (byte)0x93, "quoted", (byte)0x94, "\n"), firstLine: 10);

        Assert.Equal(["ok é", "bad é", "ok again €", "bad \u201cquoted\u201d"], mail.Texts());
        Assert.Equal([13, 14, 15, 16], mail.LineNumbers());
        Assert.Equal([14, 16], mail.Problems.Where(p => p.Kind == MailProblemKind.InvalidUtf8).Select(p => p.Line));
    }

    [Fact]
    public void InvalidUtf8OnFirstAndLastUnterminatedLine()
    {
        var mail = Decode(Bytes((byte)0xFF, "x\nmiddle\n", (byte)0xC3));

        Assert.False(mail.HasHeaders);
        Assert.Equal(["\u00ffx", "middle", "\u00c3"], mail.Texts());
        Assert.Equal([1, 3], mail.Problems.Select(p => p.Line));
    }

    [Fact]
    public void InvalidUtf8ProblemsAreCappedWithASummary()
    {
        var body = Enumerable.Range(0, 50).SelectMany(_ => new byte[] { 0x41, 0xFF, 0x0A }).ToArray();
        var mail = Decode(Bytes("Subject: x\n\n", body));

        Assert.Equal(50, mail.Body.Count);
        var utf = mail.Problems.Where(p => p.Kind == MailProblemKind.InvalidUtf8).ToList();
        Assert.Equal(21, utf.Count);
        Assert.Contains("30 more", utf[^1].Message);
    }

    [Fact]
    public void UsAsciiWithUtf8BytesIsReadAsUtf8()
    {
        var mail = Decode("Subject: x\nContent-Type: text/plain; charset=us-ascii\n\nJos\u00e9\n");

        Assert.Equal(["José"], mail.Texts());
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void UnknownCharsetIsReportedAndReadAsUtf8WithFallback()
    {
        var mail = Decode(Bytes("Subject: x\nContent-Type: text/plain; charset=x-bogus\n\nJos\u00e9\nbad ", (byte)0xE9, "\n"), firstLine: 5);

        Assert.Equal(["José", "bad é"], mail.Texts());
        Assert.Equal([MailProblemKind.UnknownCharset, MailProblemKind.InvalidUtf8], mail.Kinds());
        Assert.Equal(6, mail.Problems[0].Line);
        Assert.Contains("x-bogus", mail.Problems[0].Message);
    }

    [Theory]
    [InlineData("iso-8859-1", new byte[] { 0x4A, 0xFC, 0x72, 0x67, 0x65, 0x6E }, "Jürgen")]
    [InlineData("ISO-8859-2", new byte[] { 0xB1, 0xE6 }, "ąć")]
    [InlineData("windows-1251", new byte[] { 0xCF, 0xF0, 0xE8 }, "При")]
    [InlineData("koi8-r", new byte[] { 0xF0, 0xD2, 0xC9 }, "При")]
    [InlineData("shift_jis", new byte[] { 0x93, 0xFA, 0x96, 0x7B }, "日本")]
    [InlineData("gb2312", new byte[] { 0xD6, 0xD0, 0xCE, 0xC4 }, "中文")]
    [InlineData("\"Windows-1252\"", new byte[] { 0x93, 0x78, 0x94 }, "\u201cx\u201d")]
    public void LegacyCharsetsAreDecoded(string charset, byte[] bytes, string expected)
    {
        var mail = Decode(Bytes($"Subject: x\nContent-Type: text/plain; charset={charset}\n\n+", bytes, "\n+next\n"));

        Assert.Equal(["+" + expected, "+next"], mail.Texts());
        Assert.Equal([4, 5], mail.LineNumbers());
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void LegacyCharsetWithQuotedPrintable()
    {
        var mail = Decode("Subject: x\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\nJ=FCrgen=\n M=FCller\n");

        Assert.Equal(["Jürgen Müller"], mail.Texts());
    }

    [Fact]
    public void Utf16CharsetIsNotUsableForLines()
    {
        var mail = Decode("Subject: x\nContent-Type: text/plain; charset=utf-16\n\nplain\n");

        Assert.Equal(["plain"], mail.Texts());
        Assert.Equal([MailProblemKind.UnknownCharset], mail.Kinds());
    }

    [Fact]
    public void CharsetParameterIsCaseInsensitiveAndMayBeQuoted()
    {
        var mail = Decode(Bytes("Subject: x\nContent-Type: Text/Plain; CHARSET=\"ISO-8859-1\"\n\n", (byte)0xE9, "\n"));

        Assert.Equal(["é"], mail.Texts());
        Assert.Empty(mail.Problems);
    }
}
