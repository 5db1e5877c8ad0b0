using System.Linq;
using DiffLint.Core.Mime;
using Xunit;
using static DiffLint.Tests.Mime.MailTestHelpers;

namespace DiffLint.Tests.Mime;

public class HeaderTests
{
    [Fact]
    public void ParsesHeadersAndBodyWithAbsoluteLines()
    {
        var mail = Decode("From: A <a@example.org>\nSubject: [PATCH] fix\n\nbody 1\nbody 2\n", firstLine: 100);

        Assert.True(mail.HasHeaders);
        Assert.Equal(2, mail.Headers.Count);
        Assert.Equal("From", mail.Headers[0].Name);
        Assert.Equal(" A <a@example.org>", mail.Headers[0].RawValue);
        Assert.Equal("A <a@example.org>", mail.Headers[0].Value);
        Assert.Equal(100, mail.Headers[0].Line);
        Assert.Equal(101, mail.Headers[1].Line);
        Assert.Equal(103, mail.BodyStartLine);
        Assert.Equal(["body 1", "body 2"], mail.Texts());
        Assert.Equal([103, 104], mail.LineNumbers());
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void LookupIsCaseInsensitiveAndReturnsFirst()
    {
        var mail = Decode("Received: one\nreceived: two\nSUBJECT: hi\n\n");

        Assert.Equal("hi", mail.Headers["subject"]);
        Assert.Equal("one", mail.Headers["RECEIVED"]);
        Assert.Equal(["one", "two"], mail.Headers.FindAll("Received").Select(h => h.Value));
        Assert.Null(mail.Headers["X-Missing"]);
        Assert.Null(mail.Headers.Find("X-Missing"));
        Assert.Equal("SUBJECT", mail.Headers.Find("subject")!.Name);
    }

    [Fact]
    public void UnfoldsContinuationLinesKeepingTheWhitespace()
    {
        var mail = Decode("Subject: [PATCH] a\n long\n\tsubject\nTo: x\n\nbody\n");

        var subject = mail.Headers.Find("Subject")!;
        Assert.Equal(" [PATCH] a long\tsubject", subject.RawValue);
        Assert.Equal("[PATCH] a long\tsubject", subject.Value);
        Assert.Equal(1, subject.Line);
        Assert.Equal(4, mail.Headers.Find("To")!.Line);
        Assert.Equal(6, mail.BodyStartLine);
    }

    [Fact]
    public void UnfoldsCrLfFoldedHeaders()
    {
        var mail = Decode(Bytes("Subject: a\r\n b\r\nX: y\n\nbody\r\n"));

        Assert.Equal("a b", mail.Headers["Subject"]);
        Assert.Equal(" a b", mail.Headers.Find("Subject")!.RawValue);
        Assert.Equal("y", mail.Headers["X"]);
        // Not every line is CRLF, so the body keeps its CR as content.
        Assert.Equal(["body\r"], mail.Texts());
    }

    [Fact]
    public void WhitespaceOnlyLineIsAContinuationNotTheSeparator()
    {
        var mail = Decode("Subject: a\n \t\nX: y\n\nbody\n");

        Assert.Equal("a \t", mail.Headers.Find("Subject")!.RawValue.TrimStart());
        Assert.Equal("y", mail.Headers["X"]);
        Assert.Equal(["body"], mail.Texts());
    }

    [Fact]
    public void EncodedWordsAreDecodedInValue()
    {
        var mail = Decode("Subject: [PATCH] =?UTF-8?q?[IA64]=20Put=20ia64=20config=20files=20on=20the=20?=\n =?UTF-8?q?Uwe=20Kleine-K=C3=B6nig=20diet?=\n\n");

        Assert.Equal("[PATCH] [IA64] Put ia64 config files on the Uwe Kleine-König diet", mail.Headers["Subject"]);
        Assert.StartsWith(" [PATCH] =?UTF-8?q?", mail.Headers.Find("Subject")!.RawValue);
    }

    [Fact]
    public void RawUtf8HeaderBytesAreDecodedAsUtf8()
    {
        var mail = Decode(Bytes("From: J\u00fcrgen M\u00fcller <j@example.org>\n\nx\n"));

        Assert.Equal("Jürgen Müller <j@example.org>", mail.Headers["From"]);
    }

    [Fact]
    public void InvalidUtf8HeaderFallsBackToWindows1252PerHeader()
    {
        var mail = Decode(Bytes("From: J", (byte)0xFC, "rgen ", (byte)0x80, "\nSubject: caf\u00e9\n\nx\n"));

        Assert.Equal("Jürgen €", mail.Headers["From"]);
        Assert.Equal("café", mail.Headers["Subject"]);
        Assert.DoesNotContain(mail.Problems, p => p.Kind == MailProblemKind.InvalidUtf8);
    }

    [Theory]
    [InlineData("diff --git a/x.c b/x.c\n--- a/x.c\n")]
    [InlineData("Just some text: with a colon later\n")]
    [InlineData(" Subject: indented first line\n")]
    [InlineData("\nSubject: after an empty line\n")]
    [InlineData(":no name\n")]
    [InlineData("Subject : space before colon\n")]
    public void FirstLineThatIsNotAHeaderMeansNoHeaders(string text)
    {
        var mail = Decode(text, firstLine: 7);

        Assert.False(mail.HasHeaders);
        Assert.Empty(mail.Headers);
        Assert.Same(HeaderList.Empty, mail.Headers);
        Assert.Equal(7, mail.BodyStartLine);
        Assert.Equal(text.TrimEnd('\n').Split('\n'), mail.Texts());
        Assert.Equal(Enumerable.Range(7, mail.Body.Count), mail.LineNumbers());
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void NonHeaderLineEndsTheHeaderBlockAndBelongsToTheBody()
    {
        var mail = Decode("Subject: x\nFrom: y\ndiff --git a/f b/f\n+x\n");

        Assert.True(mail.HasHeaders);
        Assert.Equal(2, mail.Headers.Count);
        Assert.Equal(3, mail.BodyStartLine);
        Assert.Equal(["diff --git a/f b/f", "+x"], mail.Texts());
        Assert.Equal([3, 4], mail.LineNumbers());
        var p = Assert.Single(mail.Problems);
        Assert.Equal(MailProblemKind.MalformedMime, p.Kind);
        Assert.Equal(3, p.Line);
    }

    [Fact]
    public void HeadersOnlyMessageHasEmptyBody()
    {
        var mail = Decode("Subject: x\nFrom: y\n", firstLine: 5);

        Assert.True(mail.HasHeaders);
        Assert.Empty(mail.Body);
        Assert.Equal(7, mail.BodyStartLine);
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void EmptyMessage()
    {
        var mail = MailDecoder.Decode(System.ReadOnlyMemory<byte>.Empty, 3);

        Assert.False(mail.HasHeaders);
        Assert.Empty(mail.Headers);
        Assert.Empty(mail.Body);
        Assert.Empty(mail.Problems);
        Assert.Equal(3, mail.BodyStartLine);
    }

    [Fact]
    public void HeaderListFromEnumerable()
    {
        var list = new HeaderList([new MailHeader("A", " 1", "1", 1), new MailHeader("b", " 2", "2", 2), new MailHeader("a", " 3", "3", 3)]);

        Assert.Equal(3, list.Count);
        Assert.Equal("1", list["a"]);
        Assert.Equal("2", list["B"]);
        Assert.Equal([1, 3], list.FindAll("A").Select(h => h.Line));
        Assert.Equal(["A", "b", "a"], list.Select(h => h.Name));
        Assert.Empty(HeaderList.Empty);
    }

    [Fact]
    public void MboxQuotedFromLineInBodyIsBodyText()
    {
        var mail = Decode("Subject: x\n\n>From here on\nFrom nowhere\n");

        Assert.Equal([">From here on", "From nowhere"], mail.Texts());
    }
}
