using System;
using System.Collections.Generic;
using DiffLint.Core.Reading;

namespace DiffLint.Core.Mime;

/// <summary>Result of reading a header block: the headers and where the body starts.</summary>
internal readonly record struct HeaderBlock(HeaderList Headers, bool HasHeaders, int BodyOffset, int BodyLine);

internal static class HeaderParser
{
    // The fields of the block being read; one list per thread, so each block allocates only its own array.
    [ThreadStatic] private static List<MailHeader>? t_headers;

    /// <summary>
    /// Reads the header block at the start of <paramref name="data"/> (absolute line <paramref name="firstLine"/>).
    /// For a message, a first line that is not <c>Name: value</c> means there are no headers at all. For a MIME
    /// part, an empty first line means an empty header block (RFC 2046) and the body starts after it. A field longer
    /// than <paramref name="maxFieldSize"/> bytes, with its folded lines, is cut there (the header-size input limit).
    /// </summary>
    public static HeaderBlock Parse(ReadOnlyMemory<byte> message, int firstLine, bool isPart, ProblemSink problems, int maxFieldSize)
    {
        var data = message.Span;
        if (data.IsEmpty)
            return new HeaderBlock(HeaderList.Empty, false, 0, firstLine);

        var first = LineAt(data, 0, out int afterFirst);
        if (isPart && first.IsEmpty)
            return new HeaderBlock(HeaderList.Empty, false, afterFirst, firstLine + 1);
        if (!IsHeaderStart(first, out _))
            return new HeaderBlock(HeaderList.Empty, false, 0, firstLine);

        var headers = t_headers ??= new List<MailHeader>(64);
        headers.Clear();
        string? name = null;
        int headerLine = 0;
        int valueStart = 0;
        int pos = 0;
        int line = firstLine;
        int bodyOffset = data.Length;
        int bodyLine = firstLine;
        bool ended = false;
        while (pos < data.Length)
        {
            var content = LineAt(data, pos, out int next);
            if (content.IsEmpty)
            {
                bodyOffset = next;
                bodyLine = line + 1;
                ended = true;
                break;
            }
            if (content[0] is (byte)' ' or (byte)'\t')
            {
                // RFC 5322 folding: the line continues the header (MailHeader unfolds it). A whitespace-only line
                // is a continuation too (like Python's feedparser), not the end of the block.
            }
            else if (IsHeaderStart(content, out int colon))
            {
                if (name is not null)
                    headers.Add(Field(name, message[valueStart..pos], headerLine, maxFieldSize, problems));
                name = AsciiName(content[..colon]);
                headerLine = line;
                valueStart = pos + colon + 1;
            }
            else
            {
                problems.Add(MailProblemKind.MalformedMime, line,
                    "header block does not end with an empty line; body assumed to start here");
                bodyOffset = pos;
                bodyLine = line;
                ended = true;
                break;
            }
            pos = next;
            line++;
        }
        if (name is not null)
            headers.Add(Field(name, message[valueStart..pos], headerLine, maxFieldSize, problems));
        if (!ended)
        {
            bodyOffset = data.Length;
            bodyLine = line;
        }
        var list = new HeaderList(headers.ToArray());
        headers.Clear();
        return new HeaderBlock(list, true, bodyOffset, bodyLine);
    }

    private static MailHeader Field(string name, ReadOnlyMemory<byte> value, int line, int maxFieldSize, ProblemSink problems)
    {
        if (value.Length <= maxFieldSize)
            return new MailHeader(name, value, line);
        problems.Add(MailProblemKind.InputLimit, line,
            $"input limit header-size: the {name} header is {InputLimits.Show(value.Length)} bytes long, over the limit of {InputLimits.Show(maxFieldSize)}; "
            + $"only its first {InputLimits.Show(maxFieldSize)} are read ({InputLimits.HowToRaise("header-size")})");
        return new MailHeader(name, value[..maxFieldSize], line);
    }

    /// <summary>The line at <paramref name="pos"/> without LF and without one trailing CR (header lines never
    /// keep a CR).</summary>
    private static ReadOnlySpan<byte> LineAt(ReadOnlySpan<byte> data, int pos, out int next)
    {
        var rest = data[pos..];
        int lf = rest.IndexOf((byte)'\n');
        ReadOnlySpan<byte> line;
        if (lf < 0)
        {
            line = rest;
            next = data.Length;
        }
        else
        {
            line = rest[..lf];
            next = pos + lf + 1;
        }
        if (!line.IsEmpty && line[^1] == (byte)'\r')
            line = line[..^1];
        return line;
    }

    internal static bool IsHeaderStart(ReadOnlySpan<byte> line, out int colon)
    {
        colon = line.IndexOf((byte)':');
        if (colon <= 0)
            return false;
        foreach (byte b in line[..colon])
        {
            if (b is < 33 or > 126)
                return false;
        }
        return true;
    }

    private const int MaxSharedNameLength = 64;
    private const int MaxSharedNames = 512;

    // An archive repeats a few hundred field names (Received, DKIM-Signature, X-Mailer...) in every mail: each thread
    // keeps one string per name it has seen, up to a bound, since the names come from hostile input.
    [ThreadStatic] private static Dictionary<string, string>? t_names;

    // In front of the names: one slot per hash of a name's length, first and last byte, compared with the bytes as they
    // are. Nearly every field of a mail finds its name here, without the dictionary's hash and lookup.
    [ThreadStatic] private static string?[]? t_recentNames;
    private const int RecentNameSlots = 256;

    /// <summary>The field name as a string, shared with earlier fields of the same name (the bytes are printable ASCII).</summary>
    private static string AsciiName(ReadOnlySpan<byte> name)
    {
        if (name.Length > MaxSharedNameLength)
            return System.Text.Encoding.ASCII.GetString(name);
        var recent = t_recentNames ??= new string?[RecentNameSlots];
        var slot = (name.Length * 31 + name[0] * 7 + name[^1]) & (RecentNameSlots - 1);
        if (recent[slot] is { } cached && cached.Length == name.Length && System.Text.Ascii.Equals(name, cached))
            return cached;
        return recent[slot] = SharedName(name);
    }

    private static string SharedName(ReadOnlySpan<byte> name)
    {
        Span<char> chars = stackalloc char[name.Length];
        for (int i = 0; i < name.Length; i++)
            chars[i] = (char)name[i];
        var names = t_names ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var byChars = names.GetAlternateLookup<ReadOnlySpan<char>>();
        if (byChars.TryGetValue(chars, out var known))
            return known;
        var text = new string(chars);
        if (names.Count < MaxSharedNames)
            names.Add(text, text);
        return text;
    }
}
