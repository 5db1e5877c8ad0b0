using System.Buffers;

namespace DiffLint.Core.Reading;

public enum MboxFormat : byte
{
    /// <summary>mboxrd when the separators say so (<c>From mboxrd@z ...</c>, as public-inbox writes), otherwise leave quoting alone.</summary>
    Auto,

    /// <summary>Only <c>&gt;From </c> was quoted: un-quoting would be ambiguous, so quoting stays.</summary>
    Mboxo,

    /// <summary>Every <c>&gt;*From </c> line got one more <c>&gt;</c>: remove one.</summary>
    Mboxrd,
}

/// <summary>One message cut out of an input, with the input lines it spans (1-based, inclusive).</summary>
public sealed record RawMessage(ReadOnlyMemory<byte> Bytes, int FirstInputLine, int LastInputLine, string? SeparatorLine)
{
    /// <summary>The <see cref="MessageBuffers"/> buffer <see cref="Bytes"/> lies in, for whoever is done with the message to give back.</summary>
    internal byte[]? RentedBuffer { get; init; }
}

/// <summary>
/// Splits a stream into messages at mbox <c>From </c> separator lines, reading it in fixed-size chunks so an
/// archive of any size is never held whole. A file without separators is one message.
/// </summary>
/// <remarks>
/// A separator is a line git mailsplit would accept (<c>From </c>, at least 20 characters, ending in a
/// <c>HH:MM:SS YYYY</c>-shaped date) that is also followed by a header line. The second condition is ours:
/// it keeps a commit message that quotes a separator line from being cut in two.
/// </remarks>
public sealed class MboxSplitter
{
    private const int ChunkSize = 1 << 16;
    private const int MaxSeparatorLength = 512;
    private static readonly System.Buffers.SearchValues<byte> BlankBytes = System.Buffers.SearchValues.Create("\n\r \t"u8);

    private readonly Stream _stream;
    private readonly MboxFormat _format;
    private readonly byte[] _chunk = new byte[ChunkSize];
    private int _chunkStart;
    private int _chunkEnd;
    private bool _endOfStream;

    private readonly ArrayBufferWriter<byte> _message = new(ChunkSize);
    private int _messageFirstLine = 1;
    private string? _messageSeparator;
    private bool _effectiveMboxrd;

    // A separator line waits here until the next line tells whether it starts a message (it is at most
    // MaxSeparatorLength bytes); -1: none is waiting.
    private readonly byte[] _separator = new byte[MaxSeparatorLength];
    private int _pendingSeparatorLength = -1;
    private int _lineNumber;

    public MboxSplitter(Stream stream, MboxFormat format = MboxFormat.Auto)
    {
        _stream = stream;
        _format = format;
        _effectiveMboxrd = format == MboxFormat.Mboxrd;
    }

    /// <summary>Bytes consumed so far.</summary>
    public long BytesRead { get; private set; }

    public IEnumerable<RawMessage> ReadAll()
    {
        while (TryReadNext(out var message)) yield return message;
    }

    public bool TryReadNext(out RawMessage message)
    {
        while (true)
        {
            if (_pendingSeparatorLength < 0 && !_inLongLine) TakePlainLines();
            if (!TryTakeLine(out var line, out var isPartialOfLongLine))
            {
                // End of input: whatever is pending belongs to the last message.
                FlushPendingAsContent();
                return TryFinishMessage(_lineNumber, out message);
            }

            if (isPartialOfLongLine)
            {
                // Lines longer than a chunk cannot be separators; stream them straight into the message.
                FlushPendingAsContent();
                _message.Write(line);
                continue;
            }

            _lineNumber++;
            if (_pendingSeparatorLength >= 0)
            {
                var separator = _separator.AsSpan(0, _pendingSeparatorLength);
                _pendingSeparatorLength = -1;
                if (IsHeaderLine(line))
                {
                    var finishedLast = _lineNumber - 2;
                    var hadMessage = TryFinishMessage(finishedLast, out message);
                    StartMessage(separator, _lineNumber);
                    AppendToMessage(line);
                    if (hadMessage) return true;
                    continue;
                }

                AppendToMessage(separator);
            }

            if (IsSeparatorLine(line))
            {
                line.CopyTo(_separator);
                _pendingSeparatorLength = line.Length;
                continue;
            }

            AppendToMessage(line);
        }
    }

    /// <summary>
    /// Moves the complete lines at the front of the chunk that cannot be a separator or a quoted one (they start with
    /// neither <c>From </c> nor, under mboxrd, <c>&gt;</c>) into the message in one piece: most of an mbox, found,
    /// counted and copied with vectorized searches instead of line by line.
    /// </summary>
    private void TakePlainLines()
    {
        var available = _chunk.AsSpan(_chunkStart, _chunkEnd - _chunkStart);
        var lines = available[..(available.LastIndexOf((byte)'\n') + 1)];
        if (lines.IsEmpty || StartsSpecialLine(lines)) return;
        var plain = lines.Length;
        var from = NextFromLine(lines);
        if (from >= 0) plain = from + 1;
        if (_effectiveMboxrd)
        {
            var quoted = lines[..plain].IndexOf("\n>"u8);
            if (quoted >= 0) plain = quoted + 1;
        }

        var block = lines[..plain];
        _lineNumber += block.Count((byte)'\n');
        _message.Write(block);
        _chunkStart += plain;
    }

    /// <summary>
    /// <c>lines.IndexOf("\nFrom ")</c>, where <paramref name="lines"/> starts at <see cref="_chunkStart"/>: the answer of
    /// the last search is kept while the chunk's bytes stay where they are. Under mboxrd every quoted line (<c>&gt;</c>,
    /// a reply's quote) ends a block, and searching the rest of the chunk again after each one cost a scan of up to a
    /// chunk per quoted line.
    /// </summary>
    private int NextFromLine(ReadOnlySpan<byte> lines)
    {
        var end = _chunkStart + lines.Length;
        if (_fromSearch == _chunkVersion && end <= _fromSearchEnd)
        {
            if (_fromAt < 0) return -1;
            if (_fromAt >= _chunkStart) return _fromAt - _chunkStart;
        }

        var from = lines.IndexOf("\nFrom "u8);
        (_fromSearch, _fromSearchEnd, _fromAt) = (_chunkVersion, end, from < 0 ? -1 : _chunkStart + from);
        return from;
    }

    // Bumped whenever the chunk's bytes move or more are read: the kept answer of NextFromLine is then stale.
    private int _chunkVersion;

    // The last search for "\nFrom ": made at this chunk version, over the chunk up to _fromSearchEnd, found at _fromAt
    // (an index into the chunk) or nowhere (-1).
    private int _fromSearch = -1;
    private int _fromSearchEnd;
    private int _fromAt;

    private bool StartsSpecialLine(ReadOnlySpan<byte> line) => line.StartsWith("From "u8) || (_effectiveMboxrd && line[0] == (byte)'>');

    private void FlushPendingAsContent()
    {
        if (_pendingSeparatorLength < 0) return;
        AppendToMessage(_separator.AsSpan(0, _pendingSeparatorLength));
        _pendingSeparatorLength = -1;
    }

    private void StartMessage(ReadOnlySpan<byte> separator, int firstLine)
    {
        _messageFirstLine = firstLine;
        var text = System.Text.Encoding.Latin1.GetString(separator.TrimEnd("\r\n"u8));
        _messageSeparator = text;
        if (_format == MboxFormat.Auto)
            _effectiveMboxrd = text.StartsWith("From mboxrd@z ", StringComparison.Ordinal);
    }

    private bool TryFinishMessage(int lastLine, out RawMessage message)
    {
        var written = _message.WrittenSpan;
        // Bytes before the first separator that are only blank lines are not a message.
        if (written.IsEmpty || (_messageSeparator is null && written.IndexOfAnyExcept(BlankBytes) < 0))
        {
            _message.ResetWrittenCount();
            message = null!;
            return false;
        }

        // A reused buffer, not zeroed: every byte the message shows is written by the copy, and the archive passes
        // through here whole.
        var bytes = MessageBuffers.RentBytes(written.Length);
        written.CopyTo(bytes);
        message = new RawMessage(bytes.AsMemory(0, written.Length), _messageFirstLine, Math.Max(lastLine, _messageFirstLine), _messageSeparator)
        {
            RentedBuffer = bytes,
        };
        // Not Clear(), which zeroes the bytes written: the next message writes over them, and every byte of the archive
        // passed through here was zeroed again for nothing.
        _message.ResetWrittenCount();
        return true;
    }

    private void AppendToMessage(ReadOnlySpan<byte> line)
    {
        if (_effectiveMboxrd && line.Length > 5 && line[0] == (byte)'>')
        {
            var quotes = line.IndexOfAnyExcept((byte)'>');
            if (quotes > 0 && line[quotes..].StartsWith("From "u8))
            {
                _message.Write(line[1..]);
                return;
            }
        }

        _message.Write(line);
    }

    /// <summary>
    /// Returns the next line including its LF. A line longer than the chunk comes back in pieces with
    /// <paramref name="isPartialOfLongLine"/> set for every piece; the line counter is advanced once, on the last.
    /// </summary>
    private bool TryTakeLine(out ReadOnlySpan<byte> line, out bool isPartialOfLongLine)
    {
        isPartialOfLongLine = false;
        while (true)
        {
            var available = _chunk.AsSpan(_chunkStart, _chunkEnd - _chunkStart);
            var newline = available.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = available[..(newline + 1)];
                _chunkStart += newline + 1;
                if (_inLongLine)
                {
                    _inLongLine = false;
                    _lineNumber++;
                    isPartialOfLongLine = true;
                }

                return true;
            }

            if (_endOfStream)
            {
                if (available.IsEmpty)
                {
                    line = default;
                    return false;
                }

                line = available;
                _chunkStart = _chunkEnd;
                if (_inLongLine)
                {
                    _inLongLine = false;
                    _lineNumber++;
                    isPartialOfLongLine = true;
                }

                return true;
            }

            if (_chunkStart == 0 && _chunkEnd == _chunk.Length)
            {
                // No LF in a whole chunk: hand it out as a piece of a long line.
                line = available;
                _chunkStart = _chunkEnd;
                _inLongLine = true;
                isPartialOfLongLine = true;
                return true;
            }

            if (_chunkStart > 0)
            {
                available.CopyTo(_chunk);
                _chunkEnd -= _chunkStart;
                _chunkStart = 0;
            }

            _chunkVersion++;
            var read = _stream.Read(_chunk, _chunkEnd, _chunk.Length - _chunkEnd);
            if (read == 0) _endOfStream = true;
            _chunkEnd += read;
            BytesRead += read;
        }
    }

    private bool _inLongLine;

    /// <summary>git mailsplit's <c>is_from_line</c>: <c>From </c>, 20+ characters, a colon-separated time and a year above 90.</summary>
    internal static bool IsSeparatorLine(ReadOnlySpan<byte> line)
    {
        if (!line.StartsWith("From "u8) || line.Length > MaxSeparatorLength) return false;
        line = line.TrimEnd("\r\n"u8);
        if (line.Length < 20) return false;
        var colon = line[5..^1].LastIndexOf((byte)':');
        if (colon < 0) return false;
        colon += 5;
        if (colon < 4 || colon + 3 > line.Length) return false;
        if (!IsDigit(line[colon - 4]) || !IsDigit(line[colon - 2]) || !IsDigit(line[colon - 1])
            || !IsDigit(line[colon + 1]) || !IsDigit(line[colon + 2])) return false;
        var year = 0;
        foreach (var b in line[(colon + 3)..].TrimStart((byte)' '))
        {
            if (!IsDigit(b)) break;
            year = year * 10 + (b - '0');
            if (year > 100_000) break;
        }

        return year > 90;
    }

    /// <summary><c>Name:</c> where Name is printable ASCII without spaces (RFC 5322 field-name).</summary>
    internal static bool IsHeaderLine(ReadOnlySpan<byte> line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            var b = line[i];
            if (b == ':') return i > 0;
            if (b <= 32 || b >= 127) return false;
        }

        return false;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
