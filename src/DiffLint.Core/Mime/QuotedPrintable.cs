using System;

namespace DiffLint.Core.Mime;

/// <summary>Lenient quoted-printable decoder (RFC 2045 section 6.7) that keeps the source-line mapping.</summary>
public static class QuotedPrintable
{
    /// <summary>
    /// Decodes QP text split on LF. <paramref name="firstLine"/> is the absolute line of <c>encoded[0]</c>.
    /// A decoded line maps to the raw line holding its first decoded byte (an empty decoded line: the raw line
    /// whose hard break ended it). Never throws.
    /// </summary>
    public static DecodedBytes Decode(ReadOnlySpan<byte> encoded, int firstLine)
    {
        var sink = new ProblemSink();
        var result = Decode(encoded, firstLine, sink);
        return new DecodedBytes(result.Data, result.Length, result.SourceArray, result.LineCount, sink.ToList());
    }

    internal static DecodedBytes Decode(ReadOnlySpan<byte> encoded, int firstLine, ProblemSink problems)
    {
        var writer = new ByteLineWriter(encoded.Length + 1);
        int pos = 0;
        int line = firstLine;
        while (pos < encoded.Length)
        {
            var rest = encoded[pos..];
            int lf = rest.IndexOf((byte)'\n');
            var raw = lf < 0 ? rest : rest[..lf];
            pos += lf < 0 ? rest.Length : lf + 1;

            // The CR of a CRLF is line terminator, never content (content CRs are sent as =0D), and
            // trailing whitespace may have been added in transport (RFC 2045 rule 3).
            int end = raw.Length;
            if (end > 0 && raw[end - 1] == (byte)'\r')
                end--;
            while (end > 0 && (raw[end - 1] == (byte)' ' || raw[end - 1] == (byte)'\t'))
                end--;
            bool soft = end > 0 && raw[end - 1] == (byte)'=';
            if (soft)
                end--;
            DecodeLine(raw[..end], line, writer, problems);
            if (!soft)
                writer.WriteByte((byte)'\n', line);
            line++;
        }
        return writer.Finish(Array.Empty<MailProblem>());
    }

    private static void DecodeLine(ReadOnlySpan<byte> s, int line, ByteLineWriter writer, ProblemSink problems)
    {
        bool reported = false;
        while (!s.IsEmpty)
        {
            int eq = s.IndexOf((byte)'=');
            if (eq < 0)
            {
                writer.Write(s, line);
                return;
            }
            if (eq > 0)
                writer.Write(s[..eq], line);
            if (eq + 2 < s.Length)
            {
                int hi = Hex(s[eq + 1]);
                int lo = Hex(s[eq + 2]);
                if (hi >= 0 && lo >= 0)
                {
                    writer.WriteByte((byte)(hi << 4 | lo), line);
                    s = s[(eq + 3)..];
                    continue;
                }
            }
            // Not an escape: keep the '=' as written so that nothing the sender typed disappears.
            if (!reported)
            {
                reported = true;
                problems.Add(MailProblemKind.InvalidQuotedPrintable, line,
                    "invalid quoted-printable escape '" + Preview(s[eq..]) + "' kept as written");
            }
            writer.WriteByte((byte)'=', line);
            s = s[(eq + 1)..];
        }
    }

    private static string Preview(ReadOnlySpan<byte> s)
    {
        var head = s[..Math.Min(3, s.Length)];
        var chars = new char[head.Length];
        for (int i = 0; i < head.Length; i++)
            chars[i] = head[i] is >= 0x20 and < 0x7F ? (char)head[i] : '?';
        return new string(chars);
    }

    private static int Hex(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        _ => -1,
    };
}
