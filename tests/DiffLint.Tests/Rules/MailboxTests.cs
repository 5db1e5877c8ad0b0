using DiffLint.Rules.Trailers;

namespace DiffLint.Tests.Rules;

public class MailboxTests
{
    [Theory]
    [InlineData("Jane Developer <jane@example.org>", "Jane Developer", "jane@example.org", "")]
    [InlineData("  \"Developer, Jane\" <jane@example.org>  ", "Developer, Jane", "jane@example.org", "")]
    [InlineData("\"Jane \\\"JD\\\" Developer\" <jane@example.org>", "Jane \"JD\" Developer", "jane@example.org", "")]
    [InlineData("jane@example.org", "", "jane@example.org", "")]
    [InlineData("<jane@example.org>", "", "jane@example.org", "")]
    [InlineData("stable@vger.kernel.org # 6.1.x", "", "stable@vger.kernel.org", "# 6.1.x")]
    [InlineData("Jane Developer <jane@example.org> (on an i.MX8 EVK)", "Jane Developer", "jane@example.org", "(on an i.MX8 EVK)")]
    [InlineData("Jane (Google) Developer <jane@example.org>", "Jane (Google) Developer", "jane@example.org", "")]
    [InlineData("René Rebe <rene@exactco.de>", "René Rebe", "rene@exactco.de", "")]
    public void ParsesNameAddressAndTrailingText(string text, string name, string address, string trailing)
    {
        Assert.True(Mailbox.TryParse(text, out var mailbox));
        Assert.Equal(name, mailbox.Name);
        Assert.Equal(address, mailbox.Address);
        Assert.Equal(trailing, mailbox.Trailing);
        Assert.False(mailbox.NameQuotingBroken);
    }

    [Theory]
    [InlineData("")]
    [InlineData("SVACE static analyzer")]
    [InlineData("Claude:claude-opus-4.7")]
    [InlineData("Jose Javier Rodriguez Barbarin <dev-josejavier.rodriguez@dua=")]
    [InlineData("Jane <jane@>")]
    [InlineData("Jane <@example.org>")]
    [InlineData("Jane <jane@exa mple.org>")]
    public void RejectsTextWithoutAWellFormedAddress(string text) => Assert.False(Mailbox.TryParse(text, out _));

    [Fact]
    public void FlagsUntidyForms()
    {
        Assert.True(Mailbox.TryParse("\"Jane Developer <jane@example.org>", out var unclosed));
        Assert.True(unclosed.NameQuotingBroken);
        Assert.True(Mailbox.TryParse("Jane \"JD\" Developer <jane@example.org>", out var partly));
        Assert.True(partly.NameQuotingBroken);
        Assert.True(Mailbox.TryParse("Jane <jane(work)@example.org>", out var comment));
        Assert.True(comment.AddressHasComment);
        Assert.Equal("jane@example.org", comment.Address);
        Assert.True(Mailbox.TryParse("Jane (A) (B) <jane@example.org>", out var twoComments));
        Assert.Equal(2, twoComments.NameComments);
    }

    [Fact]
    public void ComparesIdentities()
    {
        Assert.True(Mailbox.TryParse("Jane  DEVELOPER <Jane@Example.org>", out var a));
        Assert.True(Mailbox.TryParse("Jane Developer <jane@example.org>", out var b));
        Assert.True(a.SameIdentity(b));
        Assert.True(Mailbox.TryParse("Jane Developer <jane+lkml@example.org>", out var c));
        Assert.False(c.SameAddress(b));
        Assert.Equal(b.AddressWithoutSubaddress, c.AddressWithoutSubaddress);
    }

    [Fact]
    public void LongHostileInputIsLinear()
    {
        var hostile = new string('(', 100_000) + new string('"', 100_000) + "<";
        Assert.False(Mailbox.TryParse(hostile, out _));
    }
}
