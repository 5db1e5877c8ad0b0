using System;
using System.Collections.Generic;
using System.Text;

namespace DiffLint.Core.Mime;

/// <summary>RFC 2047 encoded-word decoding for header values.</summary>
internal static class EncodedWords
{
    // RFC 2047 limits a whole word to 75 chars; real charset names are far shorter. The limit keeps a
    // "=?" followed by a megabyte of text from being treated as a charset name.
    private const int MaxCharsetLength = 64;

    /// <summary>
    /// Decodes Q and B encoded-words in any charset. Whitespace between adjacent encoded-words is removed,
    /// malformed words are left as written, an unknown charset falls back to UTF-8, then windows-1252.
    /// Adjacent words in the same charset are joined at the byte level first, because encoders split
    /// multi-byte characters across words.
    /// </summary>
    public static string Decode(string headerValue)
    {
        if (string.IsNullOrEmpty(headerValue) || !headerValue.Contains("=?", StringComparison.Ordinal))
            return headerValue ?? string.Empty;

        var sb = new StringBuilder(headerValue.Length);
        var runBytes = new List<byte>();
        string? runCharset = null;
        bool inRun = false;
        int literalStart = 0;
        int i = 0;
        while (true)
        {
            int p = headerValue.IndexOf("=?", i, StringComparison.Ordinal);
            if (p < 0)
                break;
            int mark = runBytes.Count;
            if (!TryParseWord(headerValue, p, runBytes, out int end, out string charset))
            {
                RemoveFrom(runBytes, mark);
                i = p + 1;
                continue;
            }
            var gap = headerValue.AsSpan(literalStart, p - literalStart);
            bool sameRun = inRun && gap.IsWhiteSpace();
            if (!sameRun || !string.Equals(runCharset, charset, StringComparison.OrdinalIgnoreCase))
            {
                // Flush what came before this word (without this word's bytes).
                var wordBytes = runBytes.GetRange(mark, runBytes.Count - mark);
                RemoveFrom(runBytes, mark);
                if (inRun)
                    sb.Append(DecodeRun(runBytes, runCharset));
                runBytes.Clear();
                if (!sameRun)
                    sb.Append(gap);
                runBytes.AddRange(wordBytes);
                runCharset = charset;
            }
            inRun = true;
            literalStart = i = end;
        }
        if (inRun)
            sb.Append(DecodeRun(runBytes, runCharset));
        sb.Append(headerValue.AsSpan(literalStart));
        return sb.ToString();
    }

    private static void RemoveFrom(List<byte> list, int start)
    {
        if (list.Count > start)
            list.RemoveRange(start, list.Count - start);
    }

    private static string DecodeRun(List<byte> bytes, string? charset)
    {
        return Charsets.DecodeLenient(bytes.ToArray(), Charsets.Resolve(charset), out _);
    }

    /// <summary>Parses <c>=?charset?X?text?=</c> at <paramref name="p"/>, appending the decoded bytes.</summary>
    private static bool TryParseWord(string s, int p, List<byte> output, out int end, out string charset)
    {
        end = 0;
        charset = string.Empty;
        int i = p + 2;
        int csStart = i;
        while (i < s.Length && s[i] != '?')
        {
            char c = s[i];
            if (c <= ' ' || c >= 0x7F || c == '=' || i - csStart > MaxCharsetLength)
                return false;
            i++;
        }
        if (i == csStart || i + 2 >= s.Length || s[i + 2] != '?')
            return false;
        char encoding = s[i + 1];
        if (encoding is not ('Q' or 'q' or 'B' or 'b'))
            return false;
        int textStart = i + 3;
        int q = textStart;
        while (q < s.Length && s[q] != '?')
        {
            char c = s[q];
            if (c is ' ' or '\t' or '\r' or '\n')
                return false;
            q++;
        }
        if (q + 1 >= s.Length || s[q + 1] != '=')
            return false;
        var text = s.AsSpan(textStart, q - textStart);
        bool ok = encoding switch
        {
            'Q' or 'q' => DecodeQ(text, output),
            'B' or 'b' => DecodeB(text, output),
            _ => false,
        };
        if (!ok)
            return false;
        charset = s.Substring(csStart, i - csStart);
        int star = charset.IndexOf('*'); // RFC 2231 language suffix
        if (star >= 0)
            charset = charset[..star];
        end = q + 2;
        return true;
    }

    private static bool DecodeQ(ReadOnlySpan<char> text, List<byte> output)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '_')
            {
                output.Add(0x20);
            }
            else if (c == '=')
            {
                if (i + 2 >= text.Length)
                    return false;
                int hi = Hex(text[i + 1]), lo = Hex(text[i + 2]);
                if (hi < 0 || lo < 0)
                    return false;
                output.Add((byte)(hi << 4 | lo));
                i += 2;
            }
            else if (c < 0x80)
            {
                output.Add((byte)c);
            }
            else
            {
                return false; // raw 8-bit inside a word: not something we can decode faithfully
            }
        }
        return true;
    }

    private static bool DecodeB(ReadOnlySpan<char> text, List<byte> output)
    {
        int acc = 0, n = 0;
        int i = 0;
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '=')
                break;
            int v = B64(c);
            if (v < 0)
                return false;
            acc = acc << 6 | v;
            if (++n == 4)
            {
                output.Add((byte)(acc >> 16));
                output.Add((byte)(acc >> 8));
                output.Add((byte)acc);
                acc = 0;
                n = 0;
            }
        }
        for (; i < text.Length; i++)
        {
            if (text[i] != '=')
                return false;
        }
        // Missing padding is tolerated; a single dangling character cannot encode a byte.
        switch (n)
        {
            case 1:
                return false;
            case 2:
                output.Add((byte)(acc >> 4));
                break;
            case 3:
                output.Add((byte)(acc >> 10));
                output.Add((byte)(acc >> 2));
                break;
        }
        return true;
    }

    private static int Hex(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };

    private static int B64(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '+' => 62,
        '/' => 63,
        _ => -1,
    };
}
