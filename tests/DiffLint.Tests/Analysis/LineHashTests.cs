using DiffLint.Core.Analysis;

namespace DiffLint.Tests.Analysis;

public class LineHashTests
{
    [Fact]
    public void EqualTextHashesEquallyWhateverItsOrigin()
    {
        const string line = "\tcfg->value = parse_value(text, 12, cfg->previous);";
        Assert.Equal(LineHash.Of(line), LineHash.Of(("+" + line)[1..].AsSpan()));
        Assert.Equal(LineHash.Of(""), LineHash.Of(ReadOnlySpan<char>.Empty));
    }

    [SharedFact]
    public void DistinctLinesOfARealPatchRarelyCollide()
    {
        // Every distinct line of the shared corpus's U-Boot mbox (about 30,000): a 32-bit hash should give at most a
        // handful of collisions; length and tail bytes must take part (lines differing only there are common).
        var lines = File.ReadLines(Path.Combine(TestPaths.Corpus, "u-boot.mbox")).Distinct().ToList();
        var collisions = lines.Count - lines.Select(l => LineHash.Of(l)).Distinct().Count();
        Assert.True(lines.Count > 10_000);
        Assert.InRange(collisions, 0, 3);
        Assert.NotEqual(LineHash.Of("abc"), LineHash.Of("abc "));
        Assert.NotEqual(LineHash.Of("12345678a"), LineHash.Of("12345678b"));
    }
}
