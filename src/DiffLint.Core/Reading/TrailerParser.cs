using System.Collections.Immutable;
using DiffLint.Core.Model;

namespace DiffLint.Core.Reading;

/// <summary>
/// Finds the trailer block: the last paragraph of the commit message made of <c>Key: value</c> lines, allowing
/// continuation lines, <c>[maintainer notes]</c> and, as git interpret-trailers does, up to 75% other lines when a
/// well-known tag is present.
/// </summary>
internal static class TrailerParser
{
    private static readonly string[] KnownKeys =
    [
        "Signed-off-by", "Reviewed-by", "Acked-by", "Tested-by", "Reported-by", "Suggested-by", "Co-developed-by",
        "Fixes", "Link", "Closes", "Cc", "Message-ID", "Assisted-by", "Helped-by", "Mentored-by", "Requested-by",
    ];

    public static ImmutableArray<Trailer> Parse(ImmutableArray<MessageLine> message)
    {
        var end = message.Length;
        while (end > 0 && message[end - 1].Span.IsWhiteSpace()) end--;
        var start = end;
        while (start > 0 && !message[start - 1].Span.IsWhiteSpace()) start--;
        if (start == end) return [];

        var trailers = ImmutableArray.CreateBuilder<Trailer>();
        var other = 0;
        var known = false;
        for (var k = start; k < end; k++)
        {
            var line = message[k].Span;
            if (TrySplit(line, out var key, out var value))
            {
                trailers.Add(new Trailer(key, value, message[k].InputLine, k));
                known |= IsKnownKey(key);
            }
            else if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t' || line[0] == '[' || line[0] == '('))
            {
            }
            else other++;
        }

        if (trailers.Count == 0) return [];
        // git interpret-trailers accepts a block that is at least 25% trailers when it holds a known tag.
        if (other == 0 || (known && other <= trailers.Count * 3)) return trailers.ToImmutable();
        return [];
    }

    private static bool IsKnownKey(string key)
    {
        foreach (var known in KnownKeys)
        {
            if (known.Equals(key, StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }

    private static bool TrySplit(ReadOnlySpan<char> line, out string key, out string value)
    {
        key = value = "";
        var colon = line.IndexOf(':');
        if (colon <= 0) return false;
        var name = line[..colon];
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_') return false;
        }

        if (!char.IsAsciiLetter(name[0])) return false;
        key = name.ToString();
        value = line[(colon + 1)..].Trim().ToString();
        return true;
    }
}
