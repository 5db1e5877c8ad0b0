using System.Security.Cryptography;
using System.Text;

namespace DiffLint.Core.Patchwork;

/// <summary>
/// Patchwork's diff hash (patchwork/hasher.py), so a local commit can be matched to a Patchwork patch
/// (<c>/api/patches/?hash=</c>, <c>pwclient -h</c>). It must agree with Python bit for bit, so the Python
/// string semantics it relies on (<c>str.strip</c>, <c>\s</c>, <c>\d</c>, <c>int()</c>) are mirrored exactly.
/// </summary>
public static class PatchworkHash
{
    /// <summary>Lower-case hex SHA-1, the form of the API's <c>hash</c> field.</summary>
    public static string Compute(string diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        string text = PyStrip(diff.Replace("\r", string.Empty, StringComparison.Ordinal)) + "\n";
        var kept = new StringBuilder(text.Length);
        foreach (string raw in text.Split('\n'))
        {
            if (raw.Length == 0)
            {
                continue;
            }

            string line = raw;
            if (TryFileName(raw, out string? normalised))
            {
                line = normalised;
            }
            else if (TryHunk(raw, out string? hunk))
            {
                line = hunk;
            }
            else if (raw[0] is not ('-' or '+' or ' '))
            {
                continue;
            }

            kept.Append(line).Append('\n');
        }

#pragma warning disable CA5350 // Not for security: SHA-1 is what Patchwork stored, and matching it is the point.
        byte[] hash = SHA1.HashData(Encoding.UTF8.GetBytes(kept.ToString()));
#pragma warning restore CA5350
        return Convert.ToHexStringLower(hash);
    }

    // ^(---|\+\+\+) (\S+) -- the path loses its first component so -p1 prefixes (a/, b/, anything) do not matter.
    private static bool TryFileName(string line, out string normalised)
    {
        normalised = string.Empty;
        bool minus = line.StartsWith("--- ", StringComparison.Ordinal);
        if (!minus && !line.StartsWith("+++ ", StringComparison.Ordinal))
        {
            return false;
        }

        int end = 4;
        while (end < line.Length && !IsPySpace(line[end]))
        {
            end++;
        }

        if (end == 4)
        {
            return false;
        }

        string path = line[4..end];
        int slash = path.IndexOf('/', StringComparison.Ordinal);
        string rest = slash < 0 ? string.Empty : path[(slash + 1)..];
        normalised = (minus ? "--- a/" : "+++ b/") + rest;
        return true;
    }

    // ^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@ -- start lines are dropped so a rebased patch keeps its hash.
    private static bool TryHunk(string line, out string hunk)
    {
        hunk = string.Empty;
        int i = 0;
        if (!Expect(line, ref i, "@@ -") || !Range(line, ref i, out string oldCount)
            || !Expect(line, ref i, " +") || !Range(line, ref i, out string newCount)
            || !Expect(line, ref i, " @@"))
        {
            return false;
        }

        hunk = $"@@ -{oldCount} +{newCount} @@";
        return true;
    }

    private static bool Expect(string line, ref int i, string literal)
    {
        if (!line.AsSpan(i).StartsWith(literal, StringComparison.Ordinal))
        {
            return false;
        }

        i += literal.Length;
        return true;
    }

    private static bool Range(string line, ref int i, out string count)
    {
        count = "1";
        int digits = Digits(line, i);
        if (digits == 0)
        {
            return false;
        }

        i += digits;
        if (i < line.Length && line[i] == ',')
        {
            int n = Digits(line, i + 1);
            if (n > 0)
            {
                count = PyInt(line.Substring(i + 1, n));
                i += 1 + n;
            }
        }

        return true;
    }

    // Python's \d in a str pattern is any Unicode decimal digit, the same set as char.IsDigit.
    private static int Digits(string line, int i)
    {
        int n = 0;
        while (i + n < line.Length && char.IsDigit(line[i + n]))
        {
            n++;
        }

        return n;
    }

    // int(x) then '%d': any decimal digits to ASCII, leading zeros gone, no overflow for absurd counts.
    private static string PyInt(string digits)
    {
        var sb = new StringBuilder(digits.Length);
        foreach (char c in digits)
        {
            int v = (int)char.GetNumericValue(c);
            if (sb.Length == 0 && v == 0)
            {
                continue;
            }

            sb.Append((char)('0' + v));
        }

        return sb.Length == 0 ? "0" : sb.ToString();
    }

    private static string PyStrip(string s)
    {
        int start = 0;
        int end = s.Length;
        while (start < end && IsPySpace(s[start]))
        {
            start++;
        }

        while (end > start && IsPySpace(s[end - 1]))
        {
            end--;
        }

        return s[start..end];
    }

    /// <summary>Python's <c>str.isspace</c>, which is also what <c>\s</c>/<c>\S</c> test in a str pattern.
    /// It differs from <see cref="char.IsWhiteSpace(char)"/> on U+001C..U+001F.</summary>
    internal static bool IsPySpace(char c) => c switch
    {
        >= '\t' and <= '\r' => true,
        >= '\u001c' and <= ' ' => true,
        '\u0085' or '\u00a0' or '\u1680' => true,
        >= '\u2000' and <= '\u200a' => true,
        '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000' => true,
        _ => false,
    };
}
