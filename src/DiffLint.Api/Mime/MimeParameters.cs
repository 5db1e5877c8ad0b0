using System;
using System.Collections.Generic;
using System.Text;

namespace DiffLint.Core.Mime;

/// <summary>Parser for <c>value; name=token; name="quoted"</c> header values (Content-Type,
/// Content-Disposition), including RFC 2231 continuations and charset-tagged values.</summary>
internal static class MimeParameters
{
    // RFC 2231 section numbers beyond this are not real mail, only a way to allocate.
    private const int MaxSection = 256;

    /// <summary>Parses the parameters; <paramref name="leading"/> receives the part before the first top-level
    /// <c>;</c> with comments removed and whitespace trimmed.</summary>
    public static Dictionary<string, string> Parse(string value, out string leading)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int i = 0;
        var lead = new StringBuilder();
        while (i < value.Length && value[i] != ';')
        {
            char c = value[i];
            if (c == '(')
            {
                i = SkipComment(value, i);
                continue;
            }
            if (c == '"')
            {
                i = ReadQuoted(value, i, lead);
                continue;
            }
            lead.Append(c);
            i++;
        }
        leading = lead.ToString().Trim();

        Dictionary<string, SortedDictionary<int, (string Value, bool Extended)>>? sections = null;
        while (i < value.Length)
        {
            // At a ';' or junk: move to the start of the next name.
            while (i < value.Length && (value[i] == ';' || char.IsWhiteSpace(value[i])))
                i++;
            if (i >= value.Length)
                break;
            int nameStart = i;
            while (i < value.Length && value[i] != '=' && value[i] != ';')
                i++;
            string name = value.AsSpan(nameStart, i - nameStart).Trim().ToString();
            if (i >= value.Length || value[i] == ';')
                continue;
            i++; // '='
            while (i < value.Length && (value[i] == ' ' || value[i] == '\t'))
                i++;
            string v;
            if (i < value.Length && value[i] == '"')
            {
                var sb = new StringBuilder();
                i = ReadQuoted(value, i, sb);
                v = sb.ToString();
                while (i < value.Length && value[i] != ';')
                    i++;
            }
            else
            {
                int vs = i;
                while (i < value.Length && value[i] != ';')
                    i++;
                v = StripComments(value.AsSpan(vs, i - vs)).Trim().ToString();
            }
            if (name.Length == 0)
                continue;

            int star = name.IndexOf('*');
            if (star < 0)
            {
                result.TryAdd(name, v);
                continue;
            }
            string baseName = name[..star];
            if (baseName.Length == 0)
                continue;
            var rest = name.AsSpan(star + 1);
            bool extended = false;
            int section = 0;
            if (rest.Length > 0 && rest[^1] == '*')
            {
                extended = true;
                rest = rest[..^1];
            }
            else if (rest.Length == 0)
            {
                extended = true; // "name*=" : single extended value
            }
            if (rest.Length > 0 && (!int.TryParse(rest, System.Globalization.NumberStyles.None, null, out section) || section > MaxSection))
                continue;
            sections ??= new Dictionary<string, SortedDictionary<int, (string, bool)>>(StringComparer.OrdinalIgnoreCase);
            if (!sections.TryGetValue(baseName, out var parts))
                sections[baseName] = parts = new SortedDictionary<int, (string, bool)>();
            parts.TryAdd(section, (v, extended));
        }

        if (sections is not null)
        {
            foreach (var (baseName, parts) in sections)
            {
                string? combined = Combine(parts);
                if (combined is not null)
                    result[baseName] = combined;
            }
        }
        return result;
    }

    internal static bool IsToken(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
            return false;
        foreach (char c in s)
        {
            if (c <= ' ' || c >= 0x7F || "()<>@,;:\\\"/[]?=".Contains(c))
                return false;
        }
        return true;
    }

    private static string? Combine(SortedDictionary<int, (string Value, bool Extended)> parts)
    {
        var bytes = new List<byte>();
        Encoding? charset = null;
        int expected = 0;
        foreach (var (section, (v, extended)) in parts)
        {
            if (section != expected)
                break; // a gap: the rest cannot be placed reliably
            expected++;
            var text = v.AsSpan();
            if (extended && section == 0)
            {
                // charset'language'value
                int q1 = text.IndexOf('\'');
                int q2 = q1 < 0 ? -1 : text[(q1 + 1)..].IndexOf('\'');
                if (q2 >= 0)
                {
                    charset = Charsets.Resolve(text[..q1].ToString());
                    text = text[(q1 + 1 + q2 + 1)..];
                }
            }
            if (extended)
                PercentDecode(text, bytes);
            else
                bytes.AddRange(Encoding.UTF8.GetBytes(text.ToString()));
        }
        if (expected == 0)
            return null;
        return Charsets.DecodeLenient(bytes.ToArray(), charset, out _);
    }

    private static void PercentDecode(ReadOnlySpan<char> s, List<byte> bytes)
    {
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '%' && i + 2 < s.Length && Hex(s[i + 1]) >= 0 && Hex(s[i + 2]) >= 0)
            {
                bytes.Add((byte)(Hex(s[i + 1]) << 4 | Hex(s[i + 2])));
                i += 2;
            }
            else if (c < 0x80)
            {
                bytes.Add((byte)c);
            }
            else
            {
                int n = new Rune(char.IsSurrogate(c) ? '\uFFFD' : c).EncodeToUtf8(utf8);
                for (int k = 0; k < n; k++)
                    bytes.Add(utf8[k]);
            }
        }
    }

    private static int Hex(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };

    private static int ReadQuoted(string s, int i, StringBuilder sb)
    {
        i++; // opening quote
        while (i < s.Length)
        {
            char c = s[i];
            if (c == '\\' && i + 1 < s.Length)
            {
                sb.Append(s[i + 1]);
                i += 2;
                continue;
            }
            if (c == '"')
                return i + 1;
            sb.Append(c);
            i++;
        }
        return i; // unterminated: take the rest rather than lose the value
    }

    private static int SkipComment(string s, int i)
    {
        int depth = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }
            if (c == '(')
                depth++;
            else if (c == ')' && --depth == 0)
                return i + 1;
            i++;
        }
        return s.Length;
    }

    private static ReadOnlySpan<char> StripComments(ReadOnlySpan<char> s)
    {
        // Only a trailing " (comment)" is dropped: an unquoted value can legally contain neither spaces nor
        // parentheses, so anything else is damage and is better kept verbatim than guessed at.
        int open = s.IndexOf(" (");
        if (open >= 0 && s.TrimEnd().EndsWith(")"))
            return s[..open];
        return s;
    }
}
