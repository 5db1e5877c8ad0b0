using System.Collections.Immutable;

namespace DiffLint.Core.Mime;

/// <summary>Message-IDs as written in Message-ID, In-Reply-To and References headers (RFC 5322 <c>msg-id</c>).</summary>
public static class MessageIds
{
    /// <summary>The ID without its angle brackets and surrounding space, so that IDs compare ordinally.</summary>
    public static string Normalize(string messageId) => messageId.Trim().Trim('<', '>').Trim();

    /// <summary>
    /// Every <c>&lt;id&gt;</c> of a References or In-Reply-To value, in order, normalized; a value without angle
    /// brackets (some mailers drop them) counts as one ID.
    /// </summary>
    public static ImmutableArray<string> ParseList(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return [];
        var ids = ImmutableArray.CreateBuilder<string>();
        var rest = value.AsSpan();
        while (true)
        {
            var open = rest.IndexOf('<');
            if (open < 0) break;
            var close = rest[open..].IndexOf('>');
            if (close < 0) break;
            var id = rest.Slice(open + 1, close - 1).Trim();
            if (id.Length > 0) ids.Add(id.ToString());
            rest = rest[(open + close + 1)..];
        }

        if (ids.Count == 0) ids.Add(Normalize(value));
        return ids.ToImmutable();
    }
}
