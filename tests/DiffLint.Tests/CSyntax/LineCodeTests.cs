using DiffLint.Core.CSyntax;

namespace DiffLint.Tests.CSyntax;

public class LineCodeTests
{
    private static string[] Texts(CFragment fragment, ReadOnlySpan<CToken> code) =>
        [.. code.ToArray().Select(t => fragment.TextOf(t).ToString())];

    [Fact]
    public void CommentsAndContinuationsAreLeftOut()
    {
        var fragment = FragmentBuilder.Build(1, "", "+\tstrcpy /* x */ (a, b); // copy");
        using var code = LineCode.Of(fragment, 0);
        Assert.Equal(["strcpy", "(", "a", ",", "b", ")", ";"], Texts(fragment, code));
    }

    [Fact]
    public void TwoLinesReadAtOnceKeepTheirOwnTokens()
    {
        // Each line has a comment, so each reading copies its code tokens: into an array of its own, not a shared buffer.
        var fragment = FragmentBuilder.Build(1, "", "+\tif (!p) /* none */", "+\t\tkfree(q); /* q */");
        using var first = LineCode.Of(fragment, 0);
        using var second = LineCode.Of(fragment, 1);
        Assert.Equal(["if", "(", "!", "p", ")"], Texts(fragment, first));
        Assert.Equal(["kfree", "(", "q", ")", ";"], Texts(fragment, second));
    }

    [Fact]
    public void ALineWithoutCommentsIsReadInPlace()
    {
        var fragment = FragmentBuilder.Build(1, "", "+\tx = y;");
        using var code = LineCode.Of(fragment, 0);
        Assert.True(code.Tokens.Overlaps(fragment.TokensOf(0)));
        Assert.Equal(1, LineCode.LvalueEnd(fragment, code, 0));
    }
}
