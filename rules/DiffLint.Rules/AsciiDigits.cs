using System.Buffers;

namespace DiffLint.Rules;

/// <summary>
/// The ASCII digits, for the rules' tests of a number's spelling. Not <c>IndexOfAnyInRange('0', '9')</c> and its
/// <c>Except</c> and <c>Contains</c> forms: as the published build runs them (precompiled, without tiering), their
/// generic code boxes both bounds at every call, 48 bytes each; on the 16 MB archive the hot callers (commit references,
/// hexadecimal boolean tests) allocated ~3 MB that way.
/// </summary>
internal static class AsciiDigits
{
    public static readonly SearchValues<char> Decimal = SearchValues.Create("0123456789");

    public static readonly SearchValues<char> Octal = SearchValues.Create("01234567");
}
