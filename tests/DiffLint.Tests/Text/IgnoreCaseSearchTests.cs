using DiffLint.Core;

namespace DiffLint.Tests.Text;

public class IgnoreCaseSearchTests
{
    /// <summary>The framework's ordinal case-insensitive search decides, including the non-ASCII letters that fold to ASCII ones.</summary>
    [Theory]
    [InlineData("found by sparse", "sparse")]
    [InlineData("found by SPARSE", "sparse")]
    [InlineData("found by \u017Fparse", "sparse")]
    [InlineData("found by \u017Fparse and sparse", "sparse")]
    [InlineData("found by smatch", "smatch")]
    [InlineData("thIs \u0131s it", "is it")]
    [InlineData("th\u0130s \u0130s it", "is it")]
    [InlineData("\u212Aernel kernel", "kernel")]
    [InlineData("KERNEL", "kernel")]
    [InlineData("no match here", "sparse")]
    [InlineData("s", "sparse")]
    [InlineData("", "i")]
    [InlineData("commit Commit COMMIT", "commit")]
    [InlineData("Link: https://example.org", "http")]
    public void Agrees_with_the_framework(string text, string value)
    {
        Assert.Equal(text.AsSpan().IndexOf(value, StringComparison.OrdinalIgnoreCase), IgnoreCaseSearch.IndexOf(text, value));
        Assert.Equal(text.AsSpan().IndexOf(value.ToUpperInvariant(), StringComparison.OrdinalIgnoreCase), IgnoreCaseSearch.IndexOf(text, value.ToUpperInvariant()));
    }
}
