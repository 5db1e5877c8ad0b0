using System;
using System.Buffers;
using System.Buffers.Text;

namespace DiffLint.Core.Mime;

/// <summary>Lenient base64 body decoder that keeps the source-line mapping.</summary>
public static class Base64Body
{
    private static readonly sbyte[] Table = BuildTable();

    /// <summary>
    /// Decodes a base64 body split on LF. Whitespace is skipped; other characters outside the alphabet are
    /// reported once per raw line and skipped; decoding restarts after padding (concatenated encodings
    /// exist); a truncated final group is decoded as far as it goes. Each decoded line maps to the raw line
    /// holding the encoded character its first byte comes from. Never throws.
    /// </summary>
    public static DecodedBytes Decode(ReadOnlySpan<byte> encoded, int firstLine)
    {
        var sink = new ProblemSink();
        var result = Decode(encoded, firstLine, sink);
        return new DecodedBytes(result.Data, result.Length, result.SourceArray, result.LineCount, sink.ToList());
    }

    internal static DecodedBytes Decode(ReadOnlySpan<byte> encoded, int firstLine, ProblemSink problems)
    {
        var writer = new ByteLineWriter(encoded.Length / 4 * 3 + 3);
        Span<byte> scratch = stackalloc byte[384];
        Span<int> src = stackalloc int[4];
        int acc = 0, n = 0;
        int pos = 0;
        int line = firstLine;
        int lastLine = firstLine;
        while (pos < encoded.Length)
        {
            var rest = encoded[pos..];
            int lf = rest.IndexOf((byte)'\n');
            var raw = lf < 0 ? rest : rest[..lf];
            pos += lf < 0 ? rest.Length : lf + 1;
            lastLine = line;

            // Fast path for the usual well-formed 76-char lines: whole groups straight through the
            // vectorized decoder; everything it leaves (padding, junk, split groups) goes the slow way.
            if (n == 0)
            {
                var body = raw;
                while (body.Length >= 4)
                {
                    int take = Math.Min(body.Length & ~3, scratch.Length / 3 * 4);
                    var status = Base64.DecodeFromUtf8(body[..take], scratch, out int consumed, out int written, isFinalBlock: false);
                    if (written > 0)
                        writer.Write(scratch[..written], line);
                    body = body[consumed..];
                    if (status != OperationStatus.Done || consumed == 0)
                        break;
                }
                raw = body;
            }

            bool reported = false;
            foreach (byte c in raw)
            {
                int v = Table[c];
                if (v >= 0)
                {
                    src[n] = line;
                    acc = acc << 6 | v;
                    if (++n == 4)
                    {
                        writer.WriteByte((byte)(acc >> 16), src[0]);
                        writer.WriteByte((byte)(acc >> 8), src[1]);
                        writer.WriteByte((byte)acc, src[2]);
                        acc = 0;
                        n = 0;
                    }
                }
                else if (v == Pad)
                {
                    Flush(writer, ref acc, ref n, src, problems, line);
                }
                else if (v != Space && !reported)
                {
                    reported = true;
                    problems.Add(MailProblemKind.InvalidBase64, line,
                        $"invalid base64 character 0x{c:X2} skipped");
                }
            }
            line++;
        }
        Flush(writer, ref acc, ref n, src, problems, lastLine);
        return writer.Finish(Array.Empty<MailProblem>());
    }

    private const int Pad = -2;
    private const int Space = -3;

    private static void Flush(ByteLineWriter writer, ref int acc, ref int n, Span<int> src, ProblemSink problems, int line)
    {
        switch (n)
        {
            case 1:
                problems.Add(MailProblemKind.InvalidBase64, line, "truncated base64 group (one character) dropped");
                break;
            case 2:
                writer.WriteByte((byte)(acc >> 4), src[0]);
                break;
            case 3:
                writer.WriteByte((byte)(acc >> 10), src[0]);
                writer.WriteByte((byte)(acc >> 2), src[1]);
                break;
        }
        acc = 0;
        n = 0;
    }

    private static sbyte[] BuildTable()
    {
        var t = new sbyte[256];
        Array.Fill(t, (sbyte)-1);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.Length; i++)
            t[alphabet[i]] = (sbyte)i;
        t['='] = Pad;
        foreach (char c in " \t\r\f\v")
            t[c] = Space;
        return t;
    }
}
