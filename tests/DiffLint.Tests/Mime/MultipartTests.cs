using System;
using System.Linq;
using System.Text;
using DiffLint.Core.Mime;
using Xunit;
using static DiffLint.Tests.Mime.MailTestHelpers;

namespace DiffLint.Tests.Mime;

public class MultipartTests
{
    private const string AttachMail =
        "From: A <a@example.org>\n" +                                            // 1
        "Subject: [PATCH] fix\n" +                                               // 2
        "MIME-Version: 1.0\n" +                                                  // 3
        "Content-Type: multipart/mixed; boundary=\"------------2.49.0\"\n" +     // 4
        "\n" +                                                                   // 5
        "This is a multi-part message in MIME format.\n" +                       // 6 preamble
        "--------------2.49.0\n" +                                               // 7
        "Content-Type: text/plain; charset=UTF-8; format=fixed\n" +              // 8
        "Content-Transfer-Encoding: 8bit\n" +                                    // 9
        "\n" +                                                                   // 10
        "Fix the thing.\n" +                                                     // 11
        "\n" +                                                                   // 12
        "Signed-off-by: A <a@example.org>\n" +                                   // 13
        "---\n" +                                                                // 14
        "--------------2.49.0\n" +                                               // 15
        "Content-Type: text/x-patch; name=\"0001-fix.patch\"\n" +                // 16
        "Content-Transfer-Encoding: 8bit\n" +                                    // 17
        "Content-Disposition: attachment; filename=\"0001-fix.patch\"\n" +      // 18
        "\n" +                                                                   // 19
        "diff --git a/f.c b/f.c\n" +                                             // 20
        "--- a/f.c\n" +                                                          // 21
        "+++ b/f.c\n" +                                                          // 22
        "@@ -1 +1 @@\n" +                                                        // 23
        "-a\n" +                                                                 // 24
        "+b\n" +                                                                 // 25
        "--------------2.49.0--\n" +                                             // 26
        "epilogue\n";                                                            // 27

    [Fact]
    public void FormatPatchAttachConcatenatesMessageAndPatch()
    {
        var mail = Decode(AttachMail, firstLine: 1000);

        Assert.Equal(
            ["Fix the thing.", "", "Signed-off-by: A <a@example.org>", "---",
             "diff --git a/f.c b/f.c", "--- a/f.c", "+++ b/f.c", "@@ -1 +1 @@", "-a", "+b"],
            mail.Texts());
        Assert.Equal(new[] { 11, 12, 13, 14, 20, 21, 22, 23, 24, 25 }.Select(n => n + 999), mail.LineNumbers());
        Assert.Equal(1005, mail.BodyStartLine);
        Assert.Equal("[PATCH] fix", mail.Headers["Subject"]);
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void TransportCrLfMultipart()
    {
        var crlf = AttachMail.Replace("\n", "\r\n");
        var mail = Decode(crlf);

        Assert.Equal(10, mail.Body.Count);
        Assert.All(mail.Body, l => Assert.False(l.Text.Span.EndsWith("\r")));
        Assert.Equal("+b", mail.Body[^1].ToString());
        Assert.Equal([MailProblemKind.TransportCrLf], mail.Kinds());
    }

    [Fact]
    public void AlternativeTakesTextPlainNeverHtml()
    {
        var mail = Decode(
            "Subject: x\n" +
            "Content-Type: multipart/alternative; boundary=b1\n" +
            "\n" +
            "--b1\n" +
            "Content-Type: text/html; charset=utf-8\n" +
            "\n" +
            "<p>html copy</p>\n" +
            "--b1\n" +
            "Content-Type: text/plain; charset=utf-8\n" +
            "\n" +
            "plain copy\n" +
            "--b1--\n");

        Assert.Equal(["plain copy"], mail.Texts());
        Assert.Equal([11], mail.LineNumbers());
    }

    [Fact]
    public void AlternativeWithoutPlainYieldsNothing()
    {
        var mail = Decode(
            "Subject: x\nContent-Type: multipart/alternative; boundary=b1\n\n" +
            "--b1\nContent-Type: text/html\n\n<p>only html</p>\n--b1--\n");

        Assert.Empty(mail.Body);
    }

    [Fact]
    public void NestedMultipartWithPerPartEncodings()
    {
        var patch = "diff --git a/x.c b/x.c\n+\tprintf(\"\u00fc\");\n";
        var b64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(patch));
        var mail = Decode(
            "Subject: x\n" +                                                         // 1
            "Content-Type: multipart/mixed; boundary=\"outer\"\n" +                  // 2
            "\n" +                                                                   // 3
            "--outer\n" +                                                            // 4
            "Content-Type: multipart/alternative; boundary=\"inner\"\n" +            // 5
            "\n" +                                                                   // 6
            "--inner\n" +                                                            // 7
            "Content-Type: text/plain; charset=iso-8859-1\n" +                       // 8
            "Content-Transfer-Encoding: quoted-printable\n" +                        // 9
            "\n" +                                                                   // 10
            "Gr=FC=DFe,=\n" +                                                        // 11
            " see patch\n" +                                                         // 12
            "--inner\n" +                                                            // 13
            "Content-Type: text/html\n" +                                            // 14
            "\n" +                                                                   // 15
            "<b>html</b>\n" +                                                        // 16
            "--inner--\n" +                                                          // 17
            "--outer\n" +                                                            // 18
            "Content-Type: text/x-diff; charset=utf-8\n" +                           // 19
            "Content-Transfer-Encoding: base64\n" +                                  // 20
            "Content-Disposition: inline\n" +                                        // 21
            "\n" +                                                                   // 22
            b64 + "\n" +                                                             // 23
            "--outer--\n");

        Assert.Equal(["Grüße, see patch", "diff --git a/x.c b/x.c", "+\tprintf(\"ü\");"], mail.Texts());
        Assert.Equal([11, 23, 23], mail.LineNumbers());
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void SignedTakesFirstPartOnly()
    {
        var mail = Decode(
            "Subject: x\n" +
            "Content-Type: multipart/signed; micalg=pgp-sha256; protocol=\"application/pgp-signature\"; boundary=\"sig\"\n" +
            "\n" +
            "--sig\n" +
            "Content-Type: text/plain\n" +
            "\n" +
            "signed text\n" +
            "--sig\n" +
            "Content-Type: text/plain; name=signature.asc\n" +
            "\n" +
            "-----BEGIN PGP SIGNATURE-----\n" +
            "--sig--\n");

        Assert.Equal(["signed text"], mail.Texts());
    }

    [Theory]
    [InlineData("signed")]
    [InlineData("alternative")]
    [InlineData("mixed")]
    public void MultipartWithOnlyAClosingDelimiterIsEmpty(string subType)
    {
        var mail = Decode($"Subject: x\nContent-Type: multipart/{subType}; boundary=B\n\npreamble\n--B--\nepilogue\n");

        Assert.Empty(mail.Body);
        Assert.Empty(mail.Problems);
    }

    [Theory]
    [InlineData("text/x-patch", null, true)]
    [InlineData("text/x-diff", null, true)]
    [InlineData("text/x-csrc", null, true)]
    [InlineData("text/x-chdr", null, true)]
    [InlineData("text/plain", "notes.txt", true)]
    [InlineData("application/octet-stream", "0001-fix.patch", true)]
    [InlineData("application/octet-stream", "fix.DIFF", true)]
    [InlineData("application/octet-stream", "image.bin", false)]
    [InlineData("application/octet-stream", null, false)]
    [InlineData("text/x-log", "build.diff", true)]
    [InlineData("text/x-log", "build.log", false)]
    [InlineData("text/html", "page.patch", false)]
    [InlineData("image/png", "x.patch", false)]
    [InlineData("application/pgp-signature", null, false)]
    public void LeafSelection(string type, string? fileName, bool included)
    {
        foreach (var disposition in new[] { "attachment", "inline" })
        {
            string cd = fileName is null ? disposition : $"{disposition}; filename=\"{fileName}\"";
            var mail = Decode(
                "Subject: x\nContent-Type: multipart/mixed; boundary=B\n\n" +
                "--B\n\nfirst\n" +
                $"--B\nContent-Type: {type}\nContent-Disposition: {cd}\n\nSECOND\n" +
                "--B--\n");

            Assert.Equal(included ? ["first", "SECOND"] : ["first"], mail.Texts());
        }
    }

    [Fact]
    public void PatchNameFromContentTypeNameParameter()
    {
        var mail = Decode(
            "Subject: x\nContent-Type: multipart/mixed; boundary=B\n\n" +
            "--B\nContent-Type: application/octet-stream; name=\"=?utf-8?q?0001-fix.patch?=\"\nContent-Transfer-Encoding: base64\n\nKyBhCg==\n" +
            "--B--\n");

        Assert.Equal(["+ a"], mail.Texts());
    }

    [Fact]
    public void PartWithoutHeadersIsTextPlain()
    {
        var mail = Decode("Subject: x\nContent-Type: multipart/mixed; boundary=B\n\n--B\n\nno headers here\n--B--\n");

        Assert.Equal(["no headers here"], mail.Texts());
        Assert.Equal([6], mail.LineNumbers());
    }

    [Fact]
    public void PartStartingWithNonHeaderTextIsAllBody()
    {
        var mail = Decode("Subject: x\nContent-Type: multipart/mixed; boundary=B\n\n--B\ndiff --git a/a b/a\n+x\n--B--\n");

        Assert.Equal(["diff --git a/a b/a", "+x"], mail.Texts());
        Assert.Equal([5, 6], mail.LineNumbers());
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void MissingBoundaryParameterReadsBodyAsText()
    {
        var mail = Decode("Subject: x\nContent-Type: multipart/mixed\n\nsome\ntext\n");

        Assert.Equal(["some", "text"], mail.Texts());
        var p = Assert.Single(mail.Problems);
        Assert.Equal(MailProblemKind.MalformedMime, p.Kind);
        Assert.Equal(2, p.Line);
    }

    [Fact]
    public void BoundaryThatNeverAppearsReadsBodyAsText()
    {
        var mail = Decode("Subject: x\nContent-Type: multipart/mixed; boundary=zzz\n\nsome\ntext\n");

        Assert.Equal(["some", "text"], mail.Texts());
        Assert.Equal([MailProblemKind.MissingBoundary], mail.Kinds());
    }

    [Fact]
    public void MissingClosingBoundaryUsesWhatWasFound()
    {
        var mail = Decode("Subject: x\nContent-Type: multipart/mixed; boundary=B\n\n--B\n\none\n--B\nContent-Type: text/x-patch\n\n+two\n+three\n");

        Assert.Equal(["one", "+two", "+three"], mail.Texts());
        var p = Assert.Single(mail.Problems);
        Assert.Equal(MailProblemKind.MissingBoundary, p.Kind);
        Assert.Equal(11, p.Line);
    }

    [Fact]
    public void BoundaryMatchingIsExactButAllowsTrailingWhitespace()
    {
        var mail = Decode(
            "Subject: x\nContent-Type: multipart/mixed; boundary=abc\n\n" +
            "--abc \t\n\nkeep\n--abcdef\n--abc-x\n -- abc\n" +
            "--abc--  \n");

        Assert.Equal(["keep", "--abcdef", "--abc-x", " -- abc"], mail.Texts());
        Assert.Empty(mail.Problems);
    }

    [Fact]
    public void PartHeadersWithoutBlankLine()
    {
        var mail = Decode("Subject: x\nContent-Type: multipart/mixed; boundary=B\n\n--B\nContent-Type: text/plain\nbody right away\n--B--\n");

        Assert.Equal(["body right away"], mail.Texts());
        Assert.Equal([MailProblemKind.MalformedMime], mail.Kinds());
        Assert.Equal(6, mail.Problems[0].Line);
    }

    [Fact]
    public void PartBodyKeepsCrWhenNotTransportDamaged()
    {
        var mail = Decode("Subject: x\nContent-Type: multipart/mixed; boundary=B\n\n--B\r\n\r\n+crlf\r\n+last\r\n--B--\r\n");

        // The CRLF right before the delimiter belongs to the delimiter (RFC 2046), the others are content.
        Assert.Equal(["+crlf\r", "+last"], mail.Texts());
    }

    [Theory]
    [InlineData("text\n--B", new[] { "text" })]
    [InlineData("text\n\n--B", new[] { "text" })]
    [InlineData("text\n\n\n--B", new[] { "text", "" })]
    [InlineData("text\r\n\r\n--B", new[] { "text\r" })] // mixed line ends: the CR is content
    [InlineData("\n--B", new string[0])]
    [InlineData("--B", new string[0])]
    public void LineBreakBeforeADelimiterBelongsToTheDelimiter(string partTail, string[] expected)
    {
        var mail = Decode("Subject: x\nContent-Type: multipart/mixed; boundary=B\n\n--B\n\n" + partTail + "\nContent-Type: text/x-patch\n\n+p\n\n--B--\n");

        Assert.Equal([.. expected, "+p"], mail.Texts());
    }

    [Fact]
    public void DeepNestingIsCapped()
    {
        var sb = new StringBuilder("Subject: x\nContent-Type: multipart/mixed; boundary=b0\n\n");
        for (int i = 1; i <= 200; i++)
            sb.Append($"--b{i - 1}\nContent-Type: multipart/mixed; boundary=b{i}\n\n");
        sb.Append("--b200\n\ndeep text\n");
        var mail = Decode(sb.ToString());

        Assert.Empty(mail.Body);
        Assert.Contains(mail.Problems, p => p.Kind == MailProblemKind.InputLimit);
    }

    [Fact]
    public void DigestPartsDefaultToMessageAndAreSkipped()
    {
        var mail = Decode("Subject: x\nContent-Type: multipart/digest; boundary=D\n\n--D\n\nFrom: a\n\ninner\n--D--\n");

        Assert.Empty(mail.Body);
    }

    [Fact]
    public void TopLevelNonTextIsStillTheWholeBody()
    {
        var mail = Decode("Subject: x\nContent-Type: text/html\n\n<p>x</p>\n");

        Assert.Equal(["<p>x</p>"], mail.Texts());
    }

    [Fact]
    public void ContentTransferEncodingOnMultipartIsIgnoredAndUnknownCteReported()
    {
        var mail = Decode(
            "Subject: x\nContent-Type: multipart/mixed; boundary=B\nContent-Transfer-Encoding: base64\n\n" +
            "--B\nContent-Transfer-Encoding: x-uuencode\n\nbegin 644 f\n--B--\n");

        Assert.Equal(["begin 644 f"], mail.Texts());
        var p = Assert.Single(mail.Problems);
        Assert.Equal(MailProblemKind.MalformedMime, p.Kind);
        Assert.Equal(6, p.Line);
    }
}
