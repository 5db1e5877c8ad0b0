using DiffLint.Core.Mime;
using Xunit;

namespace DiffLint.Tests.Mime;

public class EncodedWordsTests
{
    [Theory]
    [InlineData("plain subject", "plain subject")]
    [InlineData("", "")]
    [InlineData("=?utf-8?q?caf=C3=A9?=", "café")]
    [InlineData("=?UTF-8?Q?a_b_c?=", "a b c")]
    [InlineData("=?utf-8?b?Y2Fmw6k=?=", "café")]
    [InlineData("=?utf-8?B?Y2Fmw6k?=", "café")] // missing padding
    [InlineData("=?iso-8859-1?q?J=FCrgen?= M", "Jürgen M")]
    [InlineData("=?ISO-8859-15?Q?=A4?=", "€")]
    [InlineData("=?koi8-r?b?8NLJ18XU?=", "Привет")]
    [InlineData("=?utf-8*en?q?hi?=", "hi")]
    [InlineData("Re: =?utf-8?q?a?= =?utf-8?q?b?= tail", "Re: ab tail")]
    [InlineData("=?utf-8?q?a?=\t \t=?iso-8859-1?q?=E9?=", "aé")]
    [InlineData("=?utf-8?q?a?= x =?utf-8?q?b?=", "a x b")]
    [InlineData("pre=?utf-8?q?x?=post", "prexpost")]
    [InlineData("=?utf-8?q??=", "")]
    public void Decodes(string input, string expected)
    {
        Assert.Equal(expected, EncodedWords.Decode(input));
    }

    [Fact]
    public void FormatPatchExampleFoldedSubject()
    {
        var unfolded = "[PATCH] =?UTF-8?q?[IA64]=20Put=20ia64=20config=20files=20on=20the=20?= =?UTF-8?q?Uwe=20Kleine-K=C3=B6nig=20diet?=";

        Assert.Equal("[PATCH] [IA64] Put ia64 config files on the Uwe Kleine-König diet", EncodedWords.Decode(unfolded));
    }

    [Fact]
    public void MultiByteCharacterSplitAcrossWordsIsJoined()
    {
        // "é" = C3 A9 split over two B words, and over two Q words.
        Assert.Equal("é", EncodedWords.Decode("=?utf-8?b?ww==?= =?utf-8?b?qQ==?="));
        Assert.Equal("Ké", EncodedWords.Decode("=?UTF-8?Q?K=C3?= =?utf-8?Q?=A9?="));
    }

    [Theory]
    [InlineData("=?utf-8?q?unterminated")]
    [InlineData("=?utf-8?x?unknown encoding?=")]
    [InlineData("=?utf-8?q?has space?=")]
    [InlineData("=?utf-8?q?bad=ZZescape?=")]
    [InlineData("=?utf-8?b?!!!!?=")]
    [InlineData("=?utf-8?b?Y?=")]
    [InlineData("=??q?nocharset?=")]
    [InlineData("=?")]
    [InlineData("=?=?=?=?")]
    [InlineData("a =? b ?= c")]
    public void MalformedWordsAreLeftAsWritten(string input)
    {
        Assert.Equal(input, EncodedWords.Decode(input));
    }

    [Fact]
    public void MalformedWordNextToGoodWordKeepsItsSpacing()
    {
        Assert.Equal("=?utf-8?q?bad=Z?= ok", EncodedWords.Decode("=?utf-8?q?bad=Z?= =?utf-8?q?ok?="));
    }

    [Fact]
    public void UnknownCharsetFallsBackToUtf8ThenWindows1252()
    {
        Assert.Equal("café", EncodedWords.Decode("=?x-nonsense?q?caf=C3=A9?="));
        Assert.Equal("café", EncodedWords.Decode("=?x-nonsense?q?caf=E9?="));
        Assert.Equal("café", EncodedWords.Decode("=?utf-8?q?caf=E9?="));
    }

    [Fact]
    public void LongHostileInputIsLinear()
    {
        var s = string.Concat(System.Linq.Enumerable.Repeat("=?a?q?", 200_000));
        var sw = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(s, EncodedWords.Decode(s));
        Assert.True(sw.Elapsed.TotalSeconds < 5, sw.Elapsed.ToString());
    }
}
