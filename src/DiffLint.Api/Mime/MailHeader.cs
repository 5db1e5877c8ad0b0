using System;
using System.Buffers;
using System.Collections;
using System.Collections.Generic;

namespace DiffLint.Core.Mime;

/// <summary>
/// One header after unfolding. <see cref="Name"/> as written; <see cref="RawValue"/> is everything after the
/// colon exactly as written (leading space included) with the line breaks of folding removed and the
/// continuation whitespace kept; <see cref="Value"/> is <see cref="RawValue"/> with RFC 2047 encoded-words
/// decoded and trimmed. <see cref="Line"/> is the absolute 1-based input line of the header's first line.
/// </summary>
/// <remarks>
/// A mail's headers are read from its bytes only when asked for: they are nearly half of an archive's bytes
/// (Received, DKIM and ARC signatures...), and the rules read a dozen of them.
/// </remarks>
public sealed record MailHeader
{
    private readonly ReadOnlyMemory<byte> _folded;
    private string? _rawValue;
    private string? _value;

    public MailHeader(string name, string rawValue, string value, int line)
    {
        Name = name;
        _rawValue = rawValue;
        _value = value;
        Line = line;
    }

    /// <summary>A header read on first use from <paramref name="folded"/>: the bytes after the colon, line breaks included.</summary>
    internal MailHeader(string name, ReadOnlyMemory<byte> folded, int line)
    {
        Name = name;
        _folded = folded;
        Line = line;
    }

    public string Name { get; }

    public string RawValue => _rawValue ??= Unfold(_folded.Span);

    public string Value => _value ??= _folded.Span.IndexOf("=?"u8) < 0 ? UnfoldTrimmed(_folded.Span) : EncodedWords.Decode(RawValue).Trim();

    public int Line { get; }

    public bool Equals(MailHeader? other) =>
        other is not null && Name == other.Name && RawValue == other.RawValue && Value == other.Value && Line == other.Line;

    public override int GetHashCode() => HashCode.Combine(Name, RawValue, Value, Line);

    /// <summary>RFC 5322 unfolding: each line's LF (and one CR before it) is dropped, the continuation whitespace kept.</summary>
    private static string Unfold(ReadOnlySpan<byte> folded)
    {
        var lf = folded.IndexOf((byte)'\n');
        if (lf < 0 || lf == folded.Length - 1) return Charsets.DecodeLenient(WithoutLineEnd(folded), null, out _);
        var buffer = new ArrayBufferWriter<byte>(folded.Length);
        while (!folded.IsEmpty)
        {
            lf = folded.IndexOf((byte)'\n');
            var line = lf < 0 ? folded : folded[..(lf + 1)];
            buffer.Write(WithoutLineEnd(line));
            folded = folded[line.Length..];
        }

        return Charsets.DecodeLenient(buffer.WrittenSpan, null, out _);
    }

    /// <summary>
    /// <c>Unfold(folded).Trim()</c> for a value without encoded-words, without the untrimmed string: the blanks around
    /// the value are cut from the bytes (Trim still removes any other white space the decoding gives).
    /// </summary>
    private static string UnfoldTrimmed(ReadOnlySpan<byte> folded)
    {
        var lf = folded.IndexOf((byte)'\n');
        if (lf >= 0 && lf != folded.Length - 1) return Unfold(folded).Trim();
        return Charsets.DecodeLenient(WithoutLineEnd(folded).Trim(" \t"u8), null, out _).Trim();
    }

    private static ReadOnlySpan<byte> WithoutLineEnd(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\n') line = line[..^1];
        if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
        return line;
    }
}

/// <summary>Ordered header list with case-insensitive lookup. Headers may repeat.</summary>
public sealed class HeaderList : IReadOnlyList<MailHeader>
{
    private readonly MailHeader[] _headers;

    public static HeaderList Empty { get; } = new(Array.Empty<MailHeader>());

    public HeaderList(IEnumerable<MailHeader> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _headers = [.. headers];
    }

    internal HeaderList(MailHeader[] headers) => _headers = headers;

    /// <summary>Decoded value of the first header with that name, or null.</summary>
    public string? this[string name] => Find(name)?.Value;

    public MailHeader this[int index] => _headers[index];

    public int Count => _headers.Length;

    public MailHeader? Find(string name)
    {
        foreach (var h in _headers)
        {
            if (HasName(h, name))
                return h;
        }
        return null;
    }

    public IEnumerable<MailHeader> FindAll(string name)
    {
        foreach (var h in _headers)
        {
            if (HasName(h, name))
                yield return h;
        }
    }

    // The length first, inline: a mail has dozens of headers and a patch asks for a dozen of them, and most names differ
    // in length from the one asked for (a length-changing case fold is no OrdinalIgnoreCase match either).
    private static bool HasName(MailHeader header, string name) =>
        header.Name.Length == name.Length && string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase);

    public IEnumerator<MailHeader> GetEnumerator() => ((IEnumerable<MailHeader>)_headers).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
