using DiffLint.Core.Mime;
using Xunit;
using static DiffLint.Tests.Mime.MailTestHelpers;

namespace DiffLint.Tests.Mime;

public class LineEndingTests
{
    [Fact]
    public void AllCrLfIsTransportDamage_CrsStrippedAndOneProblem()
    {
        var mail = Decode(Bytes("Subject: x\r\n\r\nline 1\r\n+added\r\n\r\nlast\r\n"), firstLine: 40);

        Assert.Equal(["line 1", "+added", "", "last"], mail.Texts());
        Assert.Equal([42, 43, 44, 45], mail.LineNumbers());
        var p = Assert.Single(mail.Problems);
        Assert.Equal(MailProblemKind.TransportCrLf, p.Kind);
        Assert.Equal(40, p.Line);
    }

    [Fact]
    public void AllCrLfWithFinalUnterminatedLine()
    {
        var mail = Decode(Bytes("a\r\nb\r\nc"));

        Assert.Equal(["a", "b", "c"], mail.Texts());
        Assert.Equal([MailProblemKind.TransportCrLf], mail.Kinds());
    }

    [Fact]
    public void MixedLineEndsKeepCrInBodyButNotInHeaders()
    {
        var mail = Decode(Bytes("Subject: x\r\nFrom: y\n\n+crlf line\r\n+lf line\n"));

        Assert.Equal("x", mail.Headers["Subject"]);
        Assert.Equal(" x", mail.Headers.Find("Subject")!.RawValue);
        Assert.Equal(["+crlf line\r", "+lf line"], mail.Texts());
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void FinalLineWithoutLfIsALine()
    {
        var mail = Decode("Subject: x\n\na\nb");

        Assert.Equal(["a", "b"], mail.Texts());
        Assert.Equal([3, 4], mail.LineNumbers());
    }

    [Fact]
    public void TrailingLfDoesNotAddAnEmptyLineButBlankLinesAreKept()
    {
        var mail = Decode("Subject: x\n\na\n\n\n");

        Assert.Equal(["a", "", ""], mail.Texts());
        Assert.Equal([3, 4, 5], mail.LineNumbers());
    }

    [Fact]
    public void SingleLineWithoutAnyLf()
    {
        var mail = Decode("just text");

        Assert.False(mail.HasHeaders);
        Assert.Equal(["just text"], mail.Texts());
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void LoneCrLineIsNotTransportDamage()
    {
        var mail = Decode(Bytes("x\r\n\n"));

        Assert.Equal(["x\r", ""], mail.Texts());
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void BareDiffWithCrLfEverywhere()
    {
        var mail = Decode(Bytes("diff --git a/f b/f\r\n--- a/f\r\n+++ b/f\r\n@@ -1 +1 @@\r\n-a\r\n+b\r\n"));

        Assert.False(mail.HasHeaders);
        Assert.Equal(["diff --git a/f b/f", "--- a/f", "+++ b/f", "@@ -1 +1 @@", "-a", "+b"], mail.Texts());
        Assert.Equal([MailProblemKind.TransportCrLf], mail.Kinds());
    }

    [Fact]
    public void BodyLinesShareOneBuffer()
    {
        var mail = Decode("Subject: x\n\nfirst\nsecond\n");

        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(mail.Body[0].Text, out var a));
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(mail.Body[1].Text, out var b));
        Assert.Same(a.Array, b.Array);
    }
}
