using System.Collections.Immutable;

namespace DiffLint.Core.Model;

/// <summary>
/// A mail subject split into its bracketed prefix (<c>[RFC PATCH v2 3/14]</c>, <c>[PATCH 1 of 3]</c>, <c>[PATCH net-next]</c>)
/// and the summary after it. Reply markers (Re:, Aw:, Sv:, Fwd: ...) are recognised and removed first.
/// </summary>
public sealed record SubjectLine(
    string Raw,
    string Summary,
    bool IsReply,
    bool HasPatchTag,
    bool IsRfc,
    bool IsResend,
    int? Version,
    int? Number,
    int? Total,
    ImmutableArray<string> OtherTags)
{
    public static readonly SubjectLine Empty = Parse("");

    public bool IsCoverLetter => Number == 0 && Total > 0;

    /// <summary>"n/N" as the prefix wrote it, or null for a single patch.</summary>
    public string? Position => Number is { } n && Total is { } t ? $"{n}/{t}" : null;

    public static SubjectLine Parse(string raw)
    {
        var rest = raw.AsSpan().Trim();
        var isReply = false;
        while (TryStripReplyMarker(ref rest)) isReply = true;

        bool hasPatch = false, isRfc = false, isResend = false;
        int? version = null, number = null, total = null;
        var others = ImmutableArray.CreateBuilder<string>();
        while (rest.Length > 0 && rest[0] == '[')
        {
            var close = rest.IndexOf(']');
            if (close < 0) break;
            var inside = rest[1..close];
            // A bracket with no patch-like word, e.g. "[Bug]" in a reply, is still a prefix; keep it as a tag.
            ParsePrefix(inside, ref hasPatch, ref isRfc, ref isResend, ref version, ref number, ref total, others);
            rest = rest[(close + 1)..].TrimStart();
            while (TryStripReplyMarker(ref rest)) isReply = true;
        }

        return new SubjectLine(raw, rest.ToString(), isReply, hasPatch, isRfc, isResend, version, number, total,
            others.ToImmutable());
    }

    private static bool TryStripReplyMarker(ref ReadOnlySpan<char> text)
    {
        ReadOnlySpan<string> markers = ["re:", "aw:", "sv:", "vs:", "antw:", "fwd:", "fw:", "r:", "ref:"];
        foreach (var marker in markers)
        {
            if (text.StartsWith(marker, StringComparison.OrdinalIgnoreCase))
            {
                text = text[marker.Length..].TrimStart();
                return true;
            }
        }

        return false;
    }

    private static void ParsePrefix(ReadOnlySpan<char> inside, ref bool hasPatch, ref bool isRfc, ref bool isResend,
        ref int? version, ref int? number, ref int? total, ImmutableArray<string>.Builder others)
    {
        // Words are separated by spaces or commas (Patchwork joins prefixes with commas: "[V6,03/14]").
        var words = new List<string>();
        foreach (var range in inside.SplitAny(" ,\t"))
        {
            var word = inside[range];
            if (word.Length > 0) words.Add(word.ToString());
        }

        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word.Equals("PATCH", StringComparison.OrdinalIgnoreCase) || word.Equals("PATCHv", StringComparison.OrdinalIgnoreCase))
            {
                hasPatch = true;
            }
            else if (word.StartsWith("PATCHv", StringComparison.OrdinalIgnoreCase) && int.TryParse(word.AsSpan(6), out var pv))
            {
                hasPatch = true;
                version = pv;
            }
            else if (word.Equals("RFC", StringComparison.OrdinalIgnoreCase))
            {
                isRfc = true;
            }
            else if (word.Equals("RESEND", StringComparison.OrdinalIgnoreCase))
            {
                isResend = true;
            }
            else if (word.Length > 1 && (word[0] == 'v' || word[0] == 'V') && int.TryParse(word.AsSpan(1), out var v))
            {
                version = v;
            }
            else if (TryParseNumbering(word, out var n, out var t))
            {
                number = n;
                total = t;
            }
            else if (i + 2 < words.Count && words[i + 1] == "of" && int.TryParse(word, out var hn) && int.TryParse(words[i + 2], out var ht))
            {
                // Mercurial's "[PATCH 1 of 3]".
                number = hn;
                total = ht;
                i += 2;
            }
            else
            {
                others.Add(word);
            }
        }
    }

    private static bool TryParseNumbering(string word, out int number, out int total)
    {
        number = total = 0;
        var slash = word.IndexOf('/');
        return slash > 0
               && int.TryParse(word.AsSpan(0, slash), out number)
               && int.TryParse(word.AsSpan(slash + 1), out total)
               && number >= 0 && total > 0;
    }
}
