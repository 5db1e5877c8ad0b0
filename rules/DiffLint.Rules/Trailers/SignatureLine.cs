using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Trailers;

/// <summary>
/// A commit-message line that carries a person tag, as checkpatch's signature checks see it: <c>Xxx-by:</c> anywhere in
/// the message, or <c>To:</c>/<c>Cc:</c> in the trailer block. Keeps the layout as written (indentation, the tag's
/// case, the spacing after the colon) so the rules can judge it.
/// </summary>
/// <param name="Person">The person the line names, when its value is one well-formed address.</param>
public readonly record struct SignatureLine(MessageLine Line, int MessageLineIndex, int TagStart, string Tag, int ValueStart, string Value, Mailbox? Person)
{
    /// <summary>The whitespace between the colon and the value, as written.</summary>
    public ReadOnlySpan<char> SpaceAfterColon => Line.Span[(TagStart + Tag.Length + 1)..ValueStart];

    public bool Is(string tag) => Tag.Equals(tag, StringComparison.OrdinalIgnoreCase);

    public bool IsSignOff => Is("Signed-off-by");

    /// <summary>The signature lines of a patch's commit message, read once per patch for the eight rules that check them.</summary>
    public static readonly PatchValueProvider<ImmutableArray<SignatureLine>> OfPatch = new(Scan);

    /// <summary>The signature lines of <paramref name="patch"/>'s commit message, in order.</summary>
    private static ImmutableArray<SignatureLine> Scan(Patch patch)
    {
        // Built at the first To:/Cc: line: most messages have none.
        HashSet<int>? trailerLines = null;
        ImmutableArray<SignatureLine>.Builder? result = null;
        var message = patch.CommitMessage;
        for (var index = 0; index < message.Length; index++)
        {
            if (TryRead(message[index], index, patch, ref trailerLines, out var line)) (result ??= ImmutableArray.CreateBuilder<SignatureLine>()).Add(line);
        }

        return result is null ? [] : result.ToImmutable();
    }

    private static bool TryRead(MessageLine line, int index, Patch patch, ref HashSet<int>? trailerLines, out SignatureLine signature)
    {
        signature = default;
        var text = line.Span;
        var start = 0;
        while (start < text.Length && text[start] is ' ' or '\t') start++;
        var colon = text[start..].IndexOf(':');
        if (colon <= 0) return false;
        var tag = text.Slice(start, colon);
        foreach (var c in tag)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_')) return false;
        }

        var isPersonTag = tag.EndsWith("-by", StringComparison.OrdinalIgnoreCase) && tag.Length > 3;
        var isAddressTag = !isPersonTag && (tag.Equals("To", StringComparison.OrdinalIgnoreCase) || tag.Equals("Cc", StringComparison.OrdinalIgnoreCase))
                           && (trailerLines ??= [.. patch.Trailers.Select(t => t.MessageLineIndex)]).Contains(index);
        if (!isPersonTag && !isAddressTag) return false;

        var valueStart = start + colon + 1;
        while (valueStart < text.Length && text[valueStart] is ' ' or '\t') valueStart++;
        var value = text[valueStart..].TrimEnd();
        signature = new SignatureLine(line, index, start, tag.ToString(), valueStart, value.ToString(),
            Mailbox.TryParse(value, out var person) ? person : null);
        return true;
    }
}
