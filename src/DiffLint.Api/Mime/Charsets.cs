using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Unicode;

namespace DiffLint.Core.Mime;

/// <summary>Charset name resolution and lenient byte-to-text decoding.</summary>
public static class Charsets
{
    // Charset names come from hostile input; an unbounded cache would let one mailbox grow memory forever.
    private const int MaxCacheEntries = 512;

    private static readonly ConcurrentDictionary<string, Encoding?> Cache = new(StringComparer.OrdinalIgnoreCase);

    // Every text part names its charset: looked up by span, a known name costs no string.
    private static readonly ConcurrentDictionary<string, Encoding?>.AlternateLookup<ReadOnlySpan<char>> CacheByName =
        Cache.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly char[] Cp1252High =
    [
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    ];

    /// <summary>
    /// The framework's encodings with the legacy code pages (ISO-8859-2, KOI8-R, Shift_JIS ...) added, registered at the
    /// first charset that needs them: most mail is UTF-8 or ASCII, and loading the code-page tables cost every run,
    /// a hook's included, their assembly and provider.
    /// </summary>
    private static readonly Lazy<bool> CodePages = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    /// <summary>Resolves a MIME charset name (case-insensitive, quotes and an RFC 2231 <c>*lang</c> suffix
    /// tolerated). Returns null when the name is unknown or empty.</summary>
    public static Encoding? Resolve(string? name)
    {
        if (name is null)
            return null;
        var trimmed = Normalize(name);
        if (trimmed.Length == 0 || trimmed.Length > 64)
            return null;
        if (CacheByName.TryGetValue(trimmed, out var cached))
            return cached;
        string key = trimmed.ToString().ToLowerInvariant();
        var enc = Lookup(key);
        if (Cache.Count < MaxCacheEntries)
            Cache.TryAdd(key, enc);
        return enc;
    }

    /// <summary>
    /// Decodes bytes with the declared encoding. When <paramref name="declared"/> is null, UTF-8 or US-ASCII the
    /// bytes are read as UTF-8 and, if that is not valid, as windows-1252 (and <paramref name="hadInvalidUtf8"/>
    /// is set): mail declared as ASCII or undeclared is UTF-8 in practice, and windows-1252 maps every byte.
    /// </summary>
    internal static string DecodeLenient(ReadOnlySpan<byte> bytes, Encoding? declared, out bool hadInvalidUtf8)
    {
        hadInvalidUtf8 = false;
        if (bytes.IsEmpty)
            return string.Empty;
        if (IsUtf8Family(declared))
        {
            if (Utf8.IsValid(bytes))
                return Encoding.UTF8.GetString(bytes);
            hadInvalidUtf8 = true;
            return DecodeWindows1252(bytes);
        }
        if (IsWindows1252Like(declared!))
            return DecodeWindows1252(bytes);
        return declared!.GetString(bytes);
    }

    /// <summary>windows-1252 with the five unassigned bytes mapped to the C1 controls, as WHATWG does, so that every
    /// byte yields exactly one char and nothing is lost.</summary>
    internal static string DecodeWindows1252(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            return string.Empty;
        if (bytes.Length <= 256)
        {
            Span<char> small = stackalloc char[bytes.Length];
            DecodeWindows1252(bytes, small);
            return new string(small);
        }
        char[] rented = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            DecodeWindows1252(bytes, rented);
            return new string(rented, 0, bytes.Length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>Writes exactly <c>bytes.Length</c> chars into <paramref name="dest"/>.</summary>
    internal static void DecodeWindows1252(ReadOnlySpan<byte> bytes, Span<char> dest)
    {
        // Latin-1 widening is vectorized; only 0x80-0x9F differ from it in windows-1252.
        Encoding.Latin1.GetChars(bytes, dest);
        for (int i = 0; i < bytes.Length; i++)
        {
            byte b = bytes[i];
            if (b is >= 0x80 and <= 0x9F)
                dest[i] = Cp1252High[b - 0x80];
        }
    }

    internal static bool IsUtf8Family(Encoding? enc) =>
        enc is null || enc.CodePage is 65001 or 20127;

    internal static bool IsWindows1252Like(Encoding enc) => enc.CodePage is 1252 or 28591;

    /// <summary>
    /// Body decoding splits lines on the LF byte before charset decoding, which is only sound when the
    /// charset encodes ASCII as itself (not UTF-16/32, EBCDIC, UTF-7).
    /// </summary>
    internal static bool IsAsciiCompatible(Encoding enc)
    {
        if (enc.CodePage is 1200 or 1201 or 12000 or 12001 or 65000)
            return false;
        try
        {
            Span<byte> probe = stackalloc byte[16];
            int n = enc.GetBytes("\nA-=", probe);
            return n == 4 && probe[0] == 0x0A && probe[1] == 0x41 && probe[2] == 0x2D && probe[3] == 0x3D;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The name without quotes, an RFC 2231 <c>*lang</c> suffix and surrounding whitespace (case kept: the cache ignores it).</summary>
    private static ReadOnlySpan<char> Normalize(string name)
    {
        var s = name.AsSpan().Trim();
        if (s.Length >= 2 && (s[0] == '"' || s[0] == '\'') && s[^1] == s[0])
            s = s[1..^1].Trim();
        int star = s.IndexOf('*');
        if (star >= 0)
            s = s[..star];
        return s.Trim();
    }

    private static Encoding? Lookup(string key)
    {
        switch (key)
        {
            case "utf8":
            case "utf-8":
                return Encoding.UTF8;
            case "x-unknown":
            case "unknown":
            case "unknown-8bit":
            case "x-user-defined":
            case "default":
                return null;
        }
        if (key.StartsWith("cp", StringComparison.Ordinal) && int.TryParse(key.AsSpan(2), out int cp) && cp is > 0 and < 65536)
            return ByCodePage(cp);
        if (key.StartsWith("windows", StringComparison.Ordinal) && key.Length > 7 && key[7] != '-'
            && int.TryParse(key.AsSpan(7).TrimStart('_'), out int wcp) && wcp is >= 1250 and <= 1258)
            return ByCodePage(wcp);
        _ = CodePages.Value;
        try
        {
            return Encoding.GetEncoding(key);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private static Encoding? ByCodePage(int cp)
    {
        _ = CodePages.Value;
        try
        {
            return Encoding.GetEncoding(cp);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
