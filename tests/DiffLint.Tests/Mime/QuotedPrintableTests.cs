using System.Linq;
using System.Text;
using DiffLint.Core.Mime;
using Xunit;
using static DiffLint.Tests.Mime.MailTestHelpers;

namespace DiffLint.Tests.Mime;

public class QuotedPrintableTests
{
    private static (string[] Lines, int[] Sources, DecodedBytes Result) Qp(string encoded, int firstLine = 1)
    {
        var r = QuotedPrintable.Decode(Encoding.UTF8.GetBytes(encoded), firstLine);
        var text = Encoding.UTF8.GetString(r.Bytes.Span);
        var lines = text.Split('\n');
        if (text.EndsWith('\n'))
            lines = lines[..^1];
        if (text.Length == 0)
            lines = [];
        return (lines, r.LineSources.ToArray(), r);
    }

    [Fact]
    public void DecodesEscapesAndSoftBreaksWithExactSources()
    {
        var (lines, sources, r) = Qp("a=3Db\nlong=\nline=20\nnext\n", firstLine: 10);

        Assert.Equal(["a=b", "longline ", "next"], lines);
        Assert.Equal([10, 11, 13], sources);
        Assert.Empty(r.Problems);
    }

    [Fact]
    public void LowercaseHexIsAccepted()
    {
        var (lines, _, r) = Qp("caf=c3=a9\n");

        Assert.Equal(["café"], lines);
        Assert.Empty(r.Problems);
    }

    [Fact]
    public void TrailingWhitespaceAndCrOnEncodedLinesAreDropped()
    {
        var (lines, _, _) = Qp("keep=20 \t\r\nsoft= \r\nbreak\n");

        Assert.Equal(["keep ", "softbreak"], lines);
    }

    [Fact]
    public void EncodedNewlineStartsALineOnTheSameSourceLine()
    {
        var (lines, sources, _) = Qp("one=0Atwo\nthree\n", firstLine: 5);

        Assert.Equal(["one", "two", "three"], lines);
        Assert.Equal([5, 5, 6], sources);
    }

    [Fact]
    public void EmptyLinesMapToTheirOwnSourceLine()
    {
        var (lines, sources, _) = Qp("a\n\nb\n", firstLine: 1);

        Assert.Equal(["a", "", "b"], lines);
        Assert.Equal([1, 2, 3], sources);
    }

    [Theory]
    [InlineData("a=ZZb\n", "a=ZZb")]
    [InlineData("a=4\n", "a=4")]
    [InlineData("x==41\n", "x=A")]
    [InlineData("100%=\n", "100%")]
    [InlineData("=\n", "")]
    public void BadEscapesAreKeptLiterally(string encoded, string expected)
    {
        var (lines, _, r) = Qp(encoded);

        Assert.Equal(expected, string.Concat(lines));
        bool bad = expected.Contains('=');
        Assert.Equal(bad, r.Problems.Any(p => p.Kind == MailProblemKind.InvalidQuotedPrintable));
    }

    [Fact]
    public void InvalidEscapeIsReportedAtItsLine()
    {
        var mail = Decode("Subject: x\nContent-Transfer-Encoding: quoted-printable\n\nok\nbad =G1 here\n", firstLine: 20);

        Assert.Equal(["ok", "bad =G1 here"], mail.Texts());
        var p = Assert.Single(mail.Problems);
        Assert.Equal(MailProblemKind.InvalidQuotedPrintable, p.Kind);
        Assert.Equal(24, p.Line);
    }

    [Fact]
    public void QpBodyInMailMapsLinesToRawLines()
    {
        var mail = Decode(
            "Subject: x\n" +
            "Content-Type: text/plain; charset=UTF-8\n" +
            "Content-Transfer-Encoding: quoted-printable\n" +
            "\n" +
            "Signed-off-by: Jos=C3=A9 Rodriguez <jose@exa=\n" +
            "mple.org>\n" +
            "---\n" +
            "+\tif (a =3D=3D b)\n");

        Assert.Equal(["Signed-off-by: José Rodriguez <jose@example.org>", "---", "+\tif (a == b)"], mail.Texts());
        Assert.Equal([5, 7, 8], mail.LineNumbers());
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void DecodedCrLfIsStrippedAndReportedOnce()
    {
        var mail = Decode(
            "Subject: x\nContent-Transfer-Encoding: quoted-printable\n\n" +
            "+line one=0D\n+line two=0D\n+line three\n");

        Assert.Equal(["+line one", "+line two", "+line three"], mail.Texts());
        var p = Assert.Single(mail.Problems);
        Assert.Equal(MailProblemKind.DecodedCrLf, p.Kind);
        Assert.Equal(4, p.Line);
    }

    [Fact]
    public void QpWithTransportCrLf()
    {
        var mail = Decode(Bytes(
            "Subject: x\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
            "soft=\r\nbreak\r\n=E2=82=AC\r\n"));

        Assert.Equal(["softbreak", "€"], mail.Texts());
        Assert.Equal([4, 6], mail.LineNumbers());
        Assert.Equal([MailProblemKind.TransportCrLf], mail.Kinds());
    }

    [Fact]
    public void SoftBreakAtEndOfBodyStillYieldsTheLine()
    {
        var (lines, sources, _) = Qp("abc=", firstLine: 3);

        Assert.Equal(["abc"], lines);
        Assert.Equal([3], sources);
    }

    [Fact]
    public void ManyBadLinesAreCapped()
    {
        var body = string.Concat(Enumerable.Repeat("=XX\n", 100));
        var mail = Decode("Subject: x\nContent-Transfer-Encoding: quoted-printable\n\n" + body);

        Assert.Equal(100, mail.Body.Count);
        var qp = mail.Problems.Where(p => p.Kind == MailProblemKind.InvalidQuotedPrintable).ToList();
        Assert.Equal(21, qp.Count);
        Assert.Contains("80 more", qp[^1].Message);
        Assert.Equal(24, qp[^1].Line);
    }
}
