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

    [ThreadStatic] private static (string Text, string Normalized) t_lastNormalized;

    /// <summary>
    /// The text with its ends trimmed and each run of blanks made one space. Findings on one line share its text, so the
    /// last result is kept: the findings of a megabyte line must not each copy it.
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (ReferenceEquals(t_lastNormalized.Text, text)) return t_lastNormalized.Normalized;
        var normalized = NormalizeText(text);
        t_lastNormalized = (text, normalized);
        return normalized;
    }

    private static string NormalizeText(string text)
    {
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
        using var hash = Start(ruleId, path, normalizedText);
        return Finish(hash, occurrence);
    }

    /// <summary>Fingerprints for items given as (rule, path, normalised text, line), in the items' own order.</summary>
    /// <remarks>
    /// Items with the same (rule, path, text) are adjacent once sorted; their text is hashed once and the hash state
    /// copied for each occurrence, so a line of a megabyte with a finding on every operator costs its length once, not
    /// once per finding. (Strings that are the same object compare in constant time, which the sort relies on for
    /// the findings of one line.)
    /// </remarks>
    public static string[] ComputeAll(IReadOnlyList<(string Rule, string Path, string Text, int Line)> items)
    {
        var order = Enumerable.Range(0, items.Count)
            .OrderBy(i => items[i].Path, StringComparer.Ordinal)
            .ThenBy(i => items[i].Rule, StringComparer.Ordinal)
            .ThenBy(i => items[i].Text, StringComparer.Ordinal)
            .ThenBy(i => items[i].Line)
            .ToList();
        var result = new string[items.Count];
        IncrementalHash? group = null;
        var occurrence = 0;
        for (var k = 0; k < order.Count; k++)
        {
            var item = items[order[k]];
            if (k == 0 || !SameKey(items[order[k - 1]], item))
            {
                group?.Dispose();
                group = Start(item.Rule, item.Path, item.Text);
                occurrence = 0;
            }

            using var copy = group!.Clone();
            result[order[k]] = Finish(copy, occurrence++);
        }

        group?.Dispose();
        return result;
    }

    private static bool SameKey((string Rule, string Path, string Text, int Line) a, (string Rule, string Path, string Text, int Line) b) =>
        string.Equals(a.Rule, b.Rule, StringComparison.Ordinal) && string.Equals(a.Path, b.Path, StringComparison.Ordinal)
        && (ReferenceEquals(a.Text, b.Text) || string.Equals(a.Text, b.Text, StringComparison.Ordinal));

    /// <summary>SHA-256 over <c>ruleId NUL path NUL text NUL</c>, the part of the fingerprint before the occurrence.</summary>
    private static IncrementalHash Start(string ruleId, string path, string normalizedText)
    {
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(ruleId + "\0" + path + "\0"));
        hash.AppendData(Encoding.UTF8.GetBytes(normalizedText));
        hash.AppendData("\0"u8);
        return hash;
    }

    private static string Finish(IncrementalHash hash, int occurrence)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(occurrence.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }
}
