using System;
using System.Collections;
using System.Collections.Generic;

namespace DiffLint.Core.Mime;

/// <summary>
/// One header after unfolding. <see cref="Name"/> as written; <see cref="RawValue"/> is everything after the
/// colon exactly as written (leading space included) with the line breaks of folding removed and the
/// continuation whitespace kept; <see cref="Value"/> is <see cref="RawValue"/> with RFC 2047 encoded-words
/// decoded and trimmed. <see cref="Line"/> is the absolute 1-based input line of the header's first line.
/// </summary>
public sealed record MailHeader(string Name, string RawValue, string Value, int Line);

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
            if (string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))
                return h;
        }
        return null;
    }

    public IEnumerable<MailHeader> FindAll(string name)
    {
        foreach (var h in _headers)
        {
            if (string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))
                yield return h;
        }
    }

    public IEnumerator<MailHeader> GetEnumerator() => ((IEnumerable<MailHeader>)_headers).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
