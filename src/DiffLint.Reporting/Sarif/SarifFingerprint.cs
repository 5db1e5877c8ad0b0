using System.Security.Cryptography;
using System.Text;

namespace DiffLint.Reporting.Sarif;

/// <summary>
/// DiffLint's own partial fingerprint, <c>difflint/v1</c>: the first 32 hex digits of
/// SHA-256(ruleId NUL path NUL normalised-line-text NUL n), where n counts earlier results with the same
/// (rule, path, normalised text) after sorting by (path, rule, normalised text, line). It does not depend on line
/// numbers or on the order of patches in an mbox, so it survives unrelated lines being added above.
/// </summary>
public static class SarifFingerprint
{
    public const string Key = "difflint/v1";

    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0) builder.Append(' ');
            space = false;
            builder.Append(c);
        }

        return builder.ToString();
    }

    public static string Compute(string ruleId, string path, string normalizedText, int occurrence)
    {
        var input = ruleId + "\0" + path + "\0" + normalizedText + "\0" + occurrence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(input));
        return Convert.ToHexStringLower(hash)[..32];
    }

    /// <summary>Fingerprints for items given as (rule, path, normalised text, line), in the items' own order.</summary>
    public static string[] ComputeAll(IReadOnlyList<(string Rule, string Path, string Text, int Line)> items)
    {
        var order = Enumerable.Range(0, items.Count)
            .OrderBy(i => items[i].Path, StringComparer.Ordinal)
            .ThenBy(i => items[i].Rule, StringComparer.Ordinal)
            .ThenBy(i => items[i].Text, StringComparer.Ordinal)
            .ThenBy(i => items[i].Line)
            .ToList();
        var result = new string[items.Count];
        var seen = new Dictionary<(string, string, string), int>();
        foreach (var i in order)
        {
            var key = (items[i].Rule, items[i].Path, items[i].Text);
            var n = seen.GetValueOrDefault(key);
            seen[key] = n + 1;
            result[i] = Compute(items[i].Rule, items[i].Path, items[i].Text, n);
        }

        return result;
    }
}
