using DiffLint.Core.Analysis;

namespace DiffLint.Core.Patchwork;

/// <summary>
/// A place in a Patchwork JSON file: its 1-based <paramref name="Line"/> and <paramref name="Column"/> (UTF-16 code
/// units, as SARIF's default <c>columnKind</c>), the 0-based <paramref name="CharOffset"/> from the start of the file (a
/// byte-order mark not counted), and, for a line of the <c>content</c> string, its 1-based line in the commit message
/// (0 elsewhere).
/// </summary>
public readonly record struct JsonPosition(int Line, int Column, int CharOffset, int MessageLine);

/// <summary>
/// Where each line of a mail rebuilt from a Patchwork patch object is in the JSON file it was read from. The mail is
/// what the reader and the rules see, so every line number they produce counts lines of the rebuilt mail; this map
/// turns them back into the place a user can open: the line of the <c>content</c> or <c>diff</c> string (a JSON string
/// is one line of the file, whatever it holds) and the column where that line's text starts inside it, or the value of
/// the header or field a mail header was made from.
/// </summary>
public sealed class PatchworkLineMap
{
    private readonly JsonText _file;
    private readonly int _objectOffset;

    /// <summary>Per mail line (index = line - 1): the byte offset in the file where the line's text starts.</summary>
    private readonly int[] _origins;

    /// <summary>Per mail line: the 1-based line within the <c>content</c> string, 0 for headers, the diff and added lines.</summary>
    private readonly int[] _contentLines;

    /// <summary>Per mail line: whether its text is a run of a JSON string, so a character index in it can be followed through escapes.</summary>
    private readonly bool[] _inString;

    private PatchworkLineMap(JsonText file, int objectOffset, int[] origins, int[] contentLines, bool[] inString)
    {
        _file = file;
        _objectOffset = objectOffset;
        _origins = origins;
        _contentLines = contentLines;
        _inString = inString;
    }

    /// <summary>Where the patch object starts: what a finding about the whole mail, or its first line, points at.</summary>
    public JsonPosition ObjectStart => _file.PositionOf(_objectOffset, 0);

    /// <summary>
    /// The place of character <paramref name="character"/> (0-based, in the decoded text) of mail line
    /// <paramref name="mailLine"/>; lines made from a header value or added by the rebuild point at the value's start.
    /// </summary>
    public JsonPosition Locate(int mailLine, int character = 0)
    {
        if (mailLine < 1 || mailLine > _origins.Length) return ObjectStart;
        var i = mailLine - 1;
        var offset = _inString[i] ? AdvanceInLine(i, character) : _origins[i];
        return _file.PositionOf(offset, _contentLines[i]);
    }

    private sealed record Cursor(int Line, int Character, int Offset);

    private Cursor? _cursor;

    /// <summary>
    /// The byte offset of <paramref name="character"/> in the JSON string of line <paramref name="line"/>. Findings come
    /// in line and column order, so it goes on from the last place asked for when it can: a megabyte line with a
    /// finding on every operator must not be walked from its start for each of them.
    /// </summary>
    private int AdvanceInLine(int line, int character)
    {
        var cursor = _cursor;
        var (start, from) = cursor is not null && cursor.Line == line && cursor.Character <= character ? (cursor.Offset, cursor.Character) : (_origins[line], 0);
        var (offset, reached) = JsonText.AdvanceCounting(_file.Bytes, start, character - from);
        _cursor = new Cursor(line, from + reached, offset);
        return offset;
    }

    /// <summary>
    /// <paramref name="location"/> moved from the rebuilt mail to the JSON file: its input line, column and character
    /// offset, and the line of the commit message it is on. The character within the line is the span's start for a
    /// commit-message finding and that plus the diff line's prefix for a finding in a file.
    /// </summary>
    public DiagnosticLocation Translate(DiagnosticLocation location)
    {
        var character = location.Kind switch
        {
            LocationKind.CommitMessage => location.Span.Start.Character,
            LocationKind.File => location.Span.Start.Character + 1,
            _ => 0,
        };
        var position = Locate(location.InputLine, character);
        return location with
        {
            InputLine = position.Line,
            InputColumn = position.Column,
            InputCharOffset = position.CharOffset,
            CommitMessageLine = position.MessageLine,
        };
    }

    /// <summary>Builds the map of <paramref name="mail"/>, rebuilt from <paramref name="patch"/> by <see cref="PatchworkMailBuilder"/>.</summary>
    internal static PatchworkLineMap Create(JsonText file, PwNode patch, byte[] mail)
    {
        var origins = new List<int>();
        var contentLines = new List<int>();
        var inString = new List<bool>();
        void Add(int origin, int contentLine = 0, bool text = false)
        {
            origins.Add(origin);
            contentLines.Add(contentLine);
            inString.Add(text);
        }

        // The builder always writes headers, a blank line, then the body.
        var headerEnd = Math.Max(mail.AsSpan().IndexOf("\n\n"u8), 0);
        var headers = new HeaderOrigins(patch);
        var origin = patch.Offset;
        foreach (var range in mail.AsSpan(0, headerEnd).Split((byte)'\n'))
        {
            var line = mail.AsSpan()[range];
            // A folded header's continuation lines belong to the header they continue.
            if (line.Length > 0 && line[0] is not ((byte)' ' or (byte)'\t') && line.IndexOf((byte)':') is > 0 and var colon)
                origin = headers.Next(System.Text.Encoding.UTF8.GetString(line[..colon]));
            Add(origin);
        }

        var content = patch.Get("content") is { Kind: PwKind.String } c ? c : null;
        var diff = patch.Get("diff") is { Kind: PwKind.String } d ? d : null;
        Add(content?.Offset ?? patch.Offset); // the blank line that ends the headers
        var body = content is null ? [] : JsonText.LineStarts(file.Bytes, content.Offset);
        var bodyLines = CountLines(PatchworkMailBuilder.NormaliseNewlines(content?.Text ?? "").TrimEnd('\n'));
        for (var k = 0; k < bodyLines && k < body.Count; k++) Add(body[k], k + 1, text: true);

        var total = mail.AsSpan().Count((byte)'\n');
        var diffStarts = diff is null ? [] : JsonText.LineStarts(file.Bytes, diff.Offset);
        // The rebuild adds a "---" between message and diff when the message has none.
        var diffFirst = total - Math.Min(diffStarts.Count, CountLines(PatchworkMailBuilder.NormaliseNewlines(diff?.Text ?? "")));
        while (origins.Count < diffFirst) Add(diff?.Offset ?? patch.Offset);
        for (var k = 0; origins.Count < total && k < diffStarts.Count; k++) Add(diffStarts[k], text: true);
        while (origins.Count < total) Add(patch.Offset);
        return new PatchworkLineMap(file, patch.Offset, [.. origins], [.. contentLines], [.. inString]);
    }

    private static int CountLines(string text) => text.Length == 0 ? 0 : text.AsSpan().Count('\n') + (text[^1] == '\n' ? 0 : 1);

    /// <summary>
    /// The JSON value each mail header was written from, in the order the builder writes them: the <c>headers</c>
    /// object's values (several for a header given as an array), then the fields the builder turns into headers when
    /// <c>headers</c> lacks them.
    /// </summary>
    private sealed class HeaderOrigins(PwNode patch)
    {
        private readonly Dictionary<string, int> _used = new(StringComparer.OrdinalIgnoreCase);

        public int Next(string name)
        {
            var used = _used.GetValueOrDefault(name);
            _used[name] = used + 1;
            var stored = Stored(name == "X-Patchwork-Original-From" ? "From" : name).ToList();
            if (stored.Count > 0) return stored[Math.Min(used, stored.Count - 1)].Offset;
            var field = name.ToLowerInvariant() switch
            {
                "from" or "x-patchwork-submitter" => "submitter",
                "date" => "date",
                "subject" => "name",
                "message-id" => "msgid",
                "x-patchwork-id" => "id",
                "x-patchwork-delegate" => "delegate",
                _ => null,
            };
            return (field is null ? null : patch.Get(field))?.Offset ?? patch.Offset;
        }

        private IEnumerable<PwNode> Stored(string name)
        {
            if (patch.Get("headers") is not { Kind: PwKind.Object, Properties: { } properties }) yield break;
            foreach (var (key, value) in properties)
            {
                if (!key.Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
                if (value.Kind == PwKind.String) yield return value;
                else if (value.Items is { } items)
                {
                    foreach (var item in items.Where(i => i.Kind == PwKind.String)) yield return item;
                }
            }
        }
    }
}

/// <summary>
/// The bytes of a JSON file with what turns a byte offset into a line, a column and a character offset quickly: the
/// offsets where lines start, and the character count at every 4 KB, so a file holding a megabyte-long diff string on
/// one line is not counted from its start for every finding.
/// </summary>
internal sealed class JsonText
{
    private const int CheckpointShift = 12;

    private readonly int[] _lineStarts;
    private readonly int[] _charsAtCheckpoint;
    private readonly int _bom;

    public JsonText(byte[] bytes)
    {
        Bytes = bytes;
        _bom = PatchworkJsonReader.HasBom(bytes) ? 3 : 0;
        var starts = new List<int> { 0 };
        for (var i = bytes.AsSpan().IndexOf((byte)'\n'); i >= 0;)
        {
            starts.Add(i + 1);
            var next = bytes.AsSpan(i + 1).IndexOf((byte)'\n');
            i = next < 0 ? -1 : i + 1 + next;
        }

        _lineStarts = [.. starts];
        _charsAtCheckpoint = new int[(bytes.Length >> CheckpointShift) + 1];
        for (var k = 1; k < _charsAtCheckpoint.Length; k++)
            _charsAtCheckpoint[k] = _charsAtCheckpoint[k - 1] + Utf16Length(bytes.AsSpan((k - 1) << CheckpointShift, 1 << CheckpointShift));
    }

    public byte[] Bytes { get; }

    public JsonPosition PositionOf(int offset, int messageLine)
    {
        offset = Math.Clamp(offset, _bom, Bytes.Length);
        var index = Array.BinarySearch(_lineStarts, offset);
        if (index < 0) index = ~index - 1;
        var lineStart = Math.Max(_lineStarts[index], _bom);
        return new JsonPosition(index + 1, CharsBefore(offset) - CharsBefore(lineStart) + 1, CharsBefore(offset) - CharsBefore(_bom), messageLine);
    }

    private int CharsBefore(int offset)
    {
        var checkpoint = offset >> CheckpointShift;
        return _charsAtCheckpoint[checkpoint] + Utf16Length(Bytes.AsSpan(checkpoint << CheckpointShift, offset - (checkpoint << CheckpointShift)));
    }

    /// <summary>UTF-16 code units of UTF-8 bytes, counted per byte so a range may start or end inside a character.</summary>
    private static int Utf16Length(ReadOnlySpan<byte> bytes)
    {
        var length = 0;
        foreach (var b in bytes)
        {
            if ((b & 0xC0) != 0x80) length += b >= 0xF0 ? 2 : 1;
        }

        return length;
    }

    /// <summary>
    /// Where each line of the JSON string starting (with its quote) at <paramref name="quote"/> begins, lines being split
    /// as the mail builder splits them: at <c>\n</c>, <c>\r\n</c> and a lone <c>\r</c>, escaped or written as <c>\u000a</c>.
    /// </summary>
    public static List<int> LineStarts(byte[] bytes, int quote)
    {
        var starts = new List<int> { quote + 1 };
        var i = quote + 1;
        while (i < bytes.Length && bytes[i] != (byte)'"')
        {
            if (bytes[i] != (byte)'\\')
            {
                i++;
                continue;
            }

            var (newline, length) = Escape(bytes, i);
            i += length;
            if (newline == '\r' && i < bytes.Length && Escape(bytes, i) is ('\n', var crlf)) i += crlf;
            if (newline is '\n' or '\r') starts.Add(i);
        }

        return starts;
    }

    /// <summary>
    /// The byte offset <paramref name="characters"/> decoded UTF-16 code units after <paramref name="start"/> in a JSON
    /// string, and the code units passed to get there: one more than asked after a surrogate pair, fewer where the string ends.
    /// </summary>
    public static (int Offset, int Units) AdvanceCounting(byte[] bytes, int start, int characters)
    {
        var i = start;
        var n = 0;
        for (; n < characters && i < bytes.Length && bytes[i] != (byte)'"'; n++)
        {
            var b = bytes[i];
            if (b == (byte)'\\') i += Escape(bytes, i).Length;
            else if (b < 0x80) i++;
            else
            {
                var length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                if (length == 4) n++; // a surrogate pair: two code units
                i += length;
            }
        }

        return (Math.Min(i, bytes.Length), n);
    }

    /// <summary>The newline an escape at <paramref name="at"/> stands for ('\0' for any other character) and its length.</summary>
    private static (char Newline, int Length) Escape(byte[] bytes, int at)
    {
        if (at + 1 >= bytes.Length || bytes[at] != (byte)'\\') return ('\0', 1);
        switch (bytes[at + 1])
        {
            case (byte)'n': return ('\n', 2);
            case (byte)'r': return ('\r', 2);
            case (byte)'u' when at + 6 <= bytes.Length:
                var hex = System.Text.Encoding.ASCII.GetString(bytes, at + 2, 4);
                return (hex.Equals("000a", StringComparison.OrdinalIgnoreCase) ? '\n' : hex.Equals("000d", StringComparison.OrdinalIgnoreCase) ? '\r' : '\0', 6);
            default: return ('\0', 2);
        }
    }
}
