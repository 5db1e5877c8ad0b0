using DiffLint.Core.Mime;
using Xunit;

namespace DiffLint.Tests.Mime;

public class ContentTypeTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("/")]
    [InlineData("text/")]
    public void DefaultsToTextPlain(string? value)
    {
        var ct = ContentType.Parse(value);

        Assert.Equal("text", ct.MediaType);
        Assert.Equal("plain", ct.SubType);
        Assert.Null(ct.Charset);
        Assert.Null(ct.Boundary);
    }

    [Fact]
    public void ParsesTypeAndParameters()
    {
        var ct = ContentType.Parse(" Text/X-Patch; charset=\"UTF-8\"; NAME=0001-fix.patch ; format=flowed");

        Assert.Equal("text", ct.MediaType);
        Assert.Equal("x-patch", ct.SubType);
        Assert.Equal("UTF-8", ct.Charset);
        Assert.Equal("0001-fix.patch", ct.Name);
        Assert.Equal("flowed", ct.Parameters["Format"]);
        Assert.True(ct.Is("TEXT", "x-PATCH"));
        Assert.False(ct.IsMultipart);
    }

    [Fact]
    public void QuotedBoundaryWithSpecials()
    {
        var ct = ContentType.Parse("multipart/mixed;\n boundary=\"----=_Part_123; x=\\\"y\\\"\"");

        Assert.True(ct.IsMultipart);
        Assert.Equal("mixed", ct.SubType);
        Assert.Equal("----=_Part_123; x=\"y\"", ct.Boundary);
    }

    [Fact]
    public void UnquotedBoundaryAndCommentInType()
    {
        var ct = ContentType.Parse("multipart/alternative (comment); boundary=000000000000abcdef");

        Assert.Equal("alternative", ct.SubType);
        Assert.Equal("000000000000abcdef", ct.Boundary);
    }

    [Fact]
    public void ParametersSurviveAMalformedType()
    {
        var ct = ContentType.Parse("text; charset=iso-8859-1");

        Assert.Equal("plain", ct.SubType);
        Assert.Equal("iso-8859-1", ct.Charset);
    }

    [Fact]
    public void FirstDuplicateParameterWins()
    {
        Assert.Equal("a", ContentType.Parse("text/plain; charset=a; charset=b").Charset);
    }

    [Fact]
    public void UnterminatedQuoteTakesTheRest()
    {
        Assert.Equal("abc; def", ContentType.Parse("multipart/mixed; boundary=\"abc; def").Boundary);
    }

    [Fact]
    public void Rfc2231ContinuationsAndCharset()
    {
        var ct = ContentType.Parse("application/octet-stream; name*0*=UTF-8''0001-J%C3%BC; name*1=rgen.patch");

        Assert.Equal("0001-Jürgen.patch", ct.Name);
        var p = MimeParameters.Parse("attachment; filename*=iso-8859-1'de'M%FCller.diff", out string leading);
        Assert.Equal("attachment", leading);
        Assert.Equal("Müller.diff", p["filename"]);
    }

    [Fact]
    public void Rfc2231GapStopsConcatenation()
    {
        var p = MimeParameters.Parse("x; name*0=a; name*2=c", out _);

        Assert.Equal("a", p["name"]);
    }
}
