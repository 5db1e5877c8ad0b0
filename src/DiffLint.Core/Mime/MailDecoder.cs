using System;
using System.Collections.Generic;
using System.Text;
using DiffLint.Core.Reading;

namespace DiffLint.Core.Mime;

/// <summary>Decodes one RFC 2822 message into headers and the body text a patch parser reads.</summary>
public static class MailDecoder
{
    private enum TransferEncoding
    {
        Identity,
        QuotedPrintable,
        Base64,
    }

    /// <summary>
    /// Decodes the bytes of ONE message (the mbox <c>From </c> separator already removed). <paramref name="firstLine"/>
    /// is the absolute 1-based input line of <c>message[0]</c>; every line number in the result is absolute.
    /// Never throws. <paramref name="limits"/> (null: the defaults) bound a line, a header, MIME nesting and a part.
    /// </summary>
    public static DecodedMail Decode(ReadOnlyMemory<byte> message, int firstLine, InputLimits? limits = null) =>
        Decode(message, firstLine, limits, rentBuffers: false);

    /// <summary>
    /// <see cref="Decode(ReadOnlyMemory{byte}, int, InputLimits?)"/>; with <paramref name="rentBuffers"/> the body's line
    /// array is rented, and the caller gives it back with <see cref="DecodedMail.ReturnLines"/> once it is parsed, and
    /// the body's text is in a <see cref="MessageBuffers"/> buffer (<see cref="DecodedMail.RentedText"/>), which the
    /// caller gives back once nothing of the message is left.
    /// </summary>
    internal static DecodedMail Decode(ReadOnlyMemory<byte> message, int firstLine, InputLimits? limits, bool rentBuffers)
    {
        try
        {
            return new Decoder(message, firstLine, limits ?? InputLimits.Default, rentBuffers).Run();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A decoder bug must not cost the user the whole patch: fall back to the raw text.
            return RawFallback(message.Span, firstLine, ex);
        }
    }

    /// <summary>True when every LF-terminated line ends in CRLF (transport damage, as git mailsplit assumes).</summary>
    internal static bool IsTransportCrLf(ReadOnlySpan<byte> data)
    {
        int lf = data.IndexOf((byte)'\n');
        if (lf < 0)
            return false;
        int offset = 0;
        while (lf >= 0)
        {
            int abs = offset + lf;
            if (abs == 0 || data[abs - 1] != (byte)'\r')
                return false;
            offset = abs + 1;
            lf = data[offset..].IndexOf((byte)'\n');
        }
        return true;
    }

    private static DecodedMail RawFallback(ReadOnlySpan<byte> data, int firstLine, Exception ex)
    {
        var problems = new ProblemSink();
        problems.Add(MailProblemKind.MalformedMime, firstLine, "internal decoder error (" + ex.GetType().Name + "); body read as raw text");
        var sink = new TextSink(data.Length, data.Count((byte)'\n') + 1, problems, InputLimits.Default.LineLength);
        sink.Append(data, firstLine, null, 0, CrMode.Keep, null);
        var (lines, count) = sink.Build(rentLines: false);
        return new DecodedMail(HeaderList.Empty, false, lines, count, linesRented: false, problems.ToList(), firstLine);
    }

    private sealed class Decoder(ReadOnlyMemory<byte> message, int firstLine, InputLimits limits, bool rentBuffers)
    {
        private readonly ProblemSink _problems = new();
        private TextSink _sink = null!;
        private bool _transport;

        public DecodedMail Run()
        {
            var data = message.Span;
            _transport = IsTransportCrLf(data);
            if (_transport)
                _problems.Add(MailProblemKind.TransportCrLf, firstLine, "every line ends in CRLF (transport damage); CRs removed");

            var top = HeaderParser.Parse(message, firstLine, isPart: false, _problems, limits.HeaderSize);
            int bodyLength = data.Length - top.BodyOffset;
            var entity = top.HasHeaders ? Entity.From(top.Headers, ContentType.TextPlain) : Entity.Plain;

            // Single-part bodies (the common case) need at most the body size in chars, and their lines are counted
            // ahead (one vectorised pass) so the line table is allocated once instead of doubling; multipart bodies
            // usually carry HTML or binary parts we skip, so they start smaller and grow.
            _sink = entity.Type.IsMultipart
                ? new TextSink(Math.Min(bodyLength, 64 * 1024), 64, _problems, limits.LineLength, rentBuffers)
                : new TextSink(Math.Min(bodyLength, limits.PartSize), data[top.BodyOffset..].Count((byte)'\n') + 1, _problems, limits.LineLength, rentBuffers);
            if (entity.Type.IsMultipart)
                Multipart(entity, top.BodyOffset, data.Length, top.BodyLine, 0);
            else
                Leaf(entity, top.BodyOffset, data.Length, top.BodyLine);

            var (lines, count) = _sink.Build(rentBuffers);
            return new DecodedMail(top.Headers, top.HasHeaders, lines, count, rentBuffers, _problems.ToList(), top.BodyLine)
            {
                RentedText = rentBuffers && _sink.Text.Length > 0 ? _sink.Text : null,
            };
        }

        private void Leaf(Entity entity, int start, int end, int line)
        {
            if (start >= end)
                return;
            var data = message.Span[start..end];
            Encoding? encoding = BodyEncoding(entity);
            if (entity.UnknownTransfer is { } cte)
                _problems.Add(MailProblemKind.MalformedMime, cte.Line,
                    $"unknown Content-Transfer-Encoding '{Shorten(cte.Value)}'; body read as it is");
            switch (entity.Transfer)
            {
                case TransferEncoding.QuotedPrintable:
                {
                    var d = QuotedPrintable.Decode(data, line, _problems);
                    _sink.Append(WithinPartSize(d.Data.AsSpan(0, d.Length), line), line, d.SourceArray, d.LineCount, CrMode.StripDecoded, encoding);
                    break;
                }
                case TransferEncoding.Base64:
                {
                    var d = Base64Body.Decode(data, line, _problems);
                    _sink.Append(WithinPartSize(d.Data.AsSpan(0, d.Length), line), line, d.SourceArray, d.LineCount, CrMode.StripDecoded, encoding);
                    break;
                }
                default:
                    _sink.Append(WithinPartSize(data, line), line, null, 0, _transport ? CrMode.StripTransport : CrMode.Keep, encoding);
                    break;
            }
        }

        /// <summary>
        /// The decoded part, or its lines up to the part-size limit (cut after the last whole line within it) when it is
        /// larger, with an input-limit problem at the part's first line.
        /// </summary>
        private ReadOnlySpan<byte> WithinPartSize(ReadOnlySpan<byte> part, int line)
        {
            if (part.Length <= limits.PartSize)
                return part;
            var cut = part[..limits.PartSize].LastIndexOf((byte)'\n') + 1;
            _problems.Add(MailProblemKind.InputLimit, line,
                $"input limit part-size: this part decodes to {InputLimits.Show(part.Length)} bytes, over the limit of {InputLimits.Show(limits.PartSize)}; "
                + $"only its first {InputLimits.Show(cut)} bytes are checked ({InputLimits.HowToRaise("part-size")})");
            return part[..cut];
        }

        /// <summary>Null means UTF-8 with the windows-1252 fallback.</summary>
        private Encoding? BodyEncoding(Entity entity)
        {
            string? name = entity.Type.Charset;
            if (string.IsNullOrWhiteSpace(name))
                return null;
            var enc = Charsets.Resolve(name);
            if (enc is null)
            {
                _problems.Add(MailProblemKind.UnknownCharset, entity.TypeLine,
                    $"unknown charset '{Shorten(name)}'; decoded as UTF-8 (windows-1252 for invalid lines)");
                return null;
            }
            if (Charsets.IsUtf8Family(enc))
                return null;
            if (!Charsets.IsAsciiCompatible(enc))
            {
                _problems.Add(MailProblemKind.UnknownCharset, entity.TypeLine,
                    $"charset '{Shorten(name)}' cannot carry line-oriented text; decoded as UTF-8");
                return null;
            }
            return enc;
        }

        private void Multipart(Entity entity, int start, int end, int line, int depth)
        {
            // Real mail nests three or four levels; the limit keeps hostile nesting from costing depth x size.
            if (depth >= limits.MimeDepth)
            {
                _problems.Add(MailProblemKind.InputLimit, line,
                    $"input limit mime-depth: multipart parts nest deeper than the limit of {InputLimits.Show(limits.MimeDepth)} levels; the parts inside are not checked ({InputLimits.HowToRaise("mime-depth")})");
                return;
            }
            string? boundary = entity.Type.Boundary;
            if (string.IsNullOrEmpty(boundary))
            {
                _problems.Add(MailProblemKind.MalformedMime, entity.TypeLine,
                    $"{entity.Type} without a boundary parameter; body read as plain text");
                Leaf(entity with { Type = ContentType.TextPlain }, start, end, line);
                return;
            }

            var parts = SplitParts(Encoding.UTF8.GetBytes("--" + boundary), start, end, line, entity.TypeLine, out bool foundAny);
            if (!foundAny)
            {
                // Nothing to split on: the body is most likely plain text with a wrong header, and dropping it
                // would hide the patch.
                Leaf(entity with { Type = ContentType.TextPlain }, start, end, line);
                return;
            }

            var children = new List<(Entity Entity, int Start, int End, int Line)>(parts.Count);
            bool digest = entity.Type.SubType == "digest";
            foreach (var (ps, pe, pl) in parts)
            {
                var h = HeaderParser.Parse(message[ps..pe], pl, isPart: true, _problems, limits.HeaderSize);
                var defaultType = digest ? DigestDefault : ContentType.TextPlain;
                var child = h.HasHeaders ? Entity.From(h.Headers, defaultType) : Entity.Plain with { Type = defaultType };
                children.Add((child, ps + h.BodyOffset, pe, h.BodyLine));
            }

            switch (entity.Type.SubType)
            {
                case "signed":
                    // The second part is the signature.
                    if (children.Count > 0)
                        Child(children[0], depth);
                    break;
                case "alternative":
                {
                    int pick = children.FindIndex(c => c.Entity.Type.Is("text", "plain"));
                    if (pick < 0)
                        pick = children.FindIndex(c => c.Entity.Type.IsMultipart);
                    if (pick >= 0)
                        Child(children[pick], depth);
                    break;
                }
                default:
                    foreach (var c in children)
                        Child(c, depth);
                    break;
            }
        }

        private void Child((Entity Entity, int Start, int End, int Line) c, int depth)
        {
            if (c.Entity.Type.IsMultipart)
                Multipart(c.Entity, c.Start, c.End, c.Line, depth + 1);
            else if (IsWanted(c.Entity))
                Leaf(c.Entity, c.Start, c.End, c.Line);
        }

        private static bool IsWanted(Entity e)
        {
            var t = e.Type;
            if (t.MediaType == "text")
            {
                switch (t.SubType)
                {
                    case "plain":
                    case "x-patch":
                    case "x-diff":
                    case "x-csrc":
                    case "x-chdr":
                        return true;
                    case "html":
                        return false;
                }
                return HasPatchName(e);
            }
            if (t.MediaType == "application")
            {
                return t.SubType switch
                {
                    "x-patch" or "x-diff" => true,
                    "octet-stream" => HasPatchName(e),
                    _ => false,
                };
            }
            return false;
        }

        private static bool HasPatchName(Entity e)
        {
            string? name = e.FileName ?? e.Type.Name;
            if (name is null)
                return false;
            var n = EncodedWords.Decode(name).AsSpan().Trim();
            return n.EndsWith(".patch", StringComparison.OrdinalIgnoreCase)
                || n.EndsWith(".diff", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>Byte ranges (start, end, first line) of the parts between delimiter lines.</summary>
        private List<(int Start, int End, int Line)> SplitParts(byte[] delimiter, int start, int end, int line, int typeLine, out bool foundAny)
        {
            var parts = new List<(int, int, int)>();
            var data = message.Span;
            foundAny = false;
            bool closed = false;
            int partStart = -1, partLine = 0;
            int pos = start;
            int lastLine = typeLine; // an empty body has no line of its own to blame
            while (pos < end)
            {
                var rest = data[pos..end];
                int lf = rest.IndexOf((byte)'\n');
                var content = lf < 0 ? rest : rest[..lf];
                int next = lf < 0 ? end : pos + lf + 1;
                lastLine = line;
                if (content.Length >= delimiter.Length && content[0] == (byte)'-' && IsDelimiter(content, delimiter, out bool close))
                {
                    foundAny = true;
                    if (partStart >= 0)
                        parts.Add((partStart, EndBeforeDelimiter(data, partStart, pos), partLine));
                    if (close)
                    {
                        closed = true;
                        partStart = -1;
                        break;
                    }
                    partStart = next;
                    partLine = line + 1;
                }
                pos = next;
                line++;
            }
            if (!closed)
            {
                if (partStart >= 0)
                    parts.Add((partStart, end, partLine));
                _problems.Add(MailProblemKind.MissingBoundary, lastLine,
                    foundAny
                        ? "closing MIME boundary not found; last part runs to the end"
                        : "MIME boundary never appears; body read as plain text");
            }
            return parts;
        }

        /// <summary>
        /// RFC 2046: the line break before a delimiter line belongs to the delimiter, so "text\n\n--b" ends the
        /// part with "text" and no empty line (git format-patch --attach writes exactly that blank line).
        /// </summary>
        private static int EndBeforeDelimiter(ReadOnlySpan<byte> data, int partStart, int delimiterStart)
        {
            int end = delimiterStart;
            if (end > partStart && data[end - 1] == (byte)'\n')
            {
                end--;
                if (end > partStart && data[end - 1] == (byte)'\r')
                    end--;
            }
            return end;
        }

        private static bool IsDelimiter(ReadOnlySpan<byte> content, byte[] delimiter, out bool close)
        {
            close = false;
            if (!content.StartsWith(delimiter))
                return false;
            var rest = content[delimiter.Length..];
            if (rest.Length >= 2 && rest[0] == (byte)'-' && rest[1] == (byte)'-')
            {
                close = true;
                rest = rest[2..];
            }
            // RFC 2046 allows transport padding (whitespace) after the boundary.
            foreach (byte b in rest)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                    return false;
            }
            return true;
        }

        private static readonly ContentType DigestDefault =
            new("message", "rfc822", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

        private sealed record Entity(ContentType Type, int TypeLine, TransferEncoding Transfer, string? FileName,
            MailHeader? UnknownTransfer = null)
        {
            public static Entity Plain { get; } = new(ContentType.TextPlain, 0, TransferEncoding.Identity, null);

            public static Entity From(HeaderList headers, ContentType defaultType)
            {
                var ct = headers.Find("Content-Type");
                var type = ct is null ? defaultType : ContentType.Parse(ct.RawValue);
                var transfer = TransferEncoding.Identity;
                MailHeader? unknown = null;
                // CTE on a multipart entity is meaningless (RFC 2045 6.4); its parts carry their own.
                if (!type.IsMultipart)
                {
                    var cte = headers.Find("Content-Transfer-Encoding");
                    transfer = ParseTransfer(cte?.Value, out bool known);
                    if (!known)
                        unknown = cte;
                }
                string? fileName = null;
                var cd = headers.Find("Content-Disposition");
                if (cd is not null)
                {
                    var p = MimeParameters.Parse(cd.RawValue, out _);
                    p.TryGetValue("filename", out fileName);
                }
                return new Entity(type, ct?.Line ?? 0, transfer, fileName, unknown);
            }

            private static TransferEncoding ParseTransfer(string? value, out bool known)
            {
                known = true;
                if (value is null)
                    return TransferEncoding.Identity;
                var v = value.AsSpan().Trim();
                int cut = v.IndexOfAny(" \t;(");
                if (cut >= 0)
                    v = v[..cut];
                if (v.Equals("quoted-printable", StringComparison.OrdinalIgnoreCase))
                    return TransferEncoding.QuotedPrintable;
                if (v.Equals("base64", StringComparison.OrdinalIgnoreCase))
                    return TransferEncoding.Base64;
                // Unknown tokens (x-uuencode, "8-bit"...) are read as they are: the text is still more useful
                // than nothing, but the reader should know it may be encoded.
                known = v.Equals("7bit", StringComparison.OrdinalIgnoreCase)
                    || v.Equals("8bit", StringComparison.OrdinalIgnoreCase)
                    || v.Equals("binary", StringComparison.OrdinalIgnoreCase)
                    || v.IsEmpty;
                return TransferEncoding.Identity;
            }
        }

        private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";
    }
}
