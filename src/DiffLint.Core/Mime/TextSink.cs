using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Unicode;
using DiffLint.Core.Reading;

namespace DiffLint.Core.Mime;

/// <summary>How a trailing CR of a decoded line is treated.</summary>
internal enum CrMode
{
    /// <summary>Keep it: it is content the lint rules should see.</summary>
    Keep,

    /// <summary>Drop it: the whole message was CRLF-damaged in transport.</summary>
    StripTransport,

    /// <summary>Drop it from LF-terminated lines and report DecodedCrLf once (git mailinfo --quoted-cr).</summary>
    StripDecoded,
}

/// <summary>
/// All decoded text of one mail goes into one char buffer; lines are recorded as offsets and only turned into
/// <see cref="BodyLine"/> slices at the end, so the hot path allocates nothing per line.
/// </summary>
internal sealed class TextSink
{
    private readonly ProblemSink _problems;
    private readonly int _maxLineLength;
    private char[] _chars;
    private int _length;
    private long[] _spans; // start << 32 | length
    private int[] _lineNumbers;
    private int _count;
    private bool _decodedCrLfReported;
    private readonly bool _rentText;

    /// <summary>The buffer the lines of <see cref="Build"/> are slices of.</summary>
    public char[] Text => _chars;

    /// <summary>
    /// <paramref name="capacity"/> chars and <paramref name="lineCapacity"/> lines are reserved; both grow when exceeded.
    /// A line longer than <paramref name="maxLineLength"/> chars is cut there (the line-length input limit).
    /// </summary>
    /// <remarks>
    /// The text buffer is not zeroed (every char is written before a line can show it), and the line table is rented:
    /// only the text and the lines <see cref="Build"/> returns are the mail's own. With <paramref name="rentText"/> the
    /// text buffer comes from <see cref="MessageBuffers"/>, and whoever ends up with <see cref="Text"/> gives it back.
    /// </remarks>
    public TextSink(int capacity, int lineCapacity, ProblemSink problems, int maxLineLength, bool rentText = false)
    {
        _maxLineLength = maxLineLength;
        _rentText = rentText;
        _chars = capacity <= 0 ? [] : rentText ? MessageBuffers.RentText(capacity) : GC.AllocateUninitializedArray<char>(capacity);
        _spans = ArrayPool<long>.Shared.Rent(Math.Max(lineCapacity, 16));
        _lineNumbers = ArrayPool<int>.Shared.Rent(_spans.Length);
        _problems = problems;
    }

    /// <summary>
    /// The lines recorded so far, in the first <c>count</c> entries of the array: one of their exact size, or with
    /// <paramref name="rentLines"/> one rented from the pool (see <see cref="DecodedMail.ReturnLines"/>). The sink must
    /// not be used afterwards.
    /// </summary>
    public (BodyLine[] Lines, int Count) Build(bool rentLines)
    {
        var lines = _count == 0 ? [] : rentLines ? ArrayPool<BodyLine>.Shared.Rent(_count) : new BodyLine[_count];
        for (int i = 0; i < _count; i++)
        {
            long s = _spans[i];
            lines[i] = new BodyLine(new ReadOnlyMemory<char>(_chars, (int)(s >> 32), (int)(uint)s), _lineNumbers[i]);
        }
        ArrayPool<long>.Shared.Return(_spans);
        ArrayPool<int>.Shared.Return(_lineNumbers);
        _spans = [];
        _lineNumbers = [];
        return (lines, _count);
    }

    /// <summary>
    /// Appends the LF-separated lines of <paramref name="data"/>. Line k maps to <c>firstSource + k</c>, or to
    /// <c>sources[k]</c> when <paramref name="sources"/> is given. <paramref name="encoding"/> null means UTF-8
    /// with a per-line windows-1252 fallback.
    /// </summary>
    public void Append(ReadOnlySpan<byte> data, int firstSource, int[]? sources, int sourceCount, CrMode crMode, Encoding? encoding)
    {
        if (data.IsEmpty)
            return;
        var map = new SourceMap(firstSource, sources, sourceCount);
        if (encoding is null)
            AppendUtf8(data, map, crMode);
        else
            AppendLegacy(data, map, crMode, encoding);
    }

    private void AppendUtf8(ReadOnlySpan<byte> data, SourceMap map, CrMode crMode)
    {
        int start = _length;
        var dest = Reserve(data.Length);
        var status = Utf8.ToUtf16(data, dest, out int read, out int written, replaceInvalidSequences: false, isFinalBlock: true);
        if (status == OperationStatus.Done)
        {
            _length += written;
            SplitChars(start, written, map, 0, crMode, finalSegmentIsLine: true);
            return;
        }

        // Keep the valid prefix up to the last complete line, then go line by line from there so that only
        // the damaged lines fall back to windows-1252.
        int lastLfChar = dest[..written].LastIndexOf('\n');
        int k = 0;
        int byteOffset = 0;
        if (lastLfChar >= 0)
        {
            _length += lastLfChar + 1;
            k = SplitChars(start, lastLfChar + 1, map, 0, crMode, finalSegmentIsLine: false);
            byteOffset = data[..read].LastIndexOf((byte)'\n') + 1;
        }
        var rest = data[byteOffset..];
        while (!rest.IsEmpty)
        {
            int lf = rest.IndexOf((byte)'\n');
            var line = lf < 0 ? rest : rest[..lf];
            rest = lf < 0 ? default : rest[(lf + 1)..];
            bool terminated = lf >= 0;
            int lineStart = _length;
            var d = Reserve(line.Length);
            if (Utf8.ToUtf16(line, d, out _, out int w, replaceInvalidSequences: false, isFinalBlock: true) != OperationStatus.Done)
            {
                Charsets.DecodeWindows1252(line, d);
                w = line.Length;
                int src = map[k];
                _problems.Add(MailProblemKind.InvalidUtf8, src, "line is not valid UTF-8; decoded as windows-1252");
            }
            _length += w;
            AddLine(lineStart, w, map[k], terminated, crMode);
            k++;
        }
    }

    private void AppendLegacy(ReadOnlySpan<byte> data, SourceMap map, CrMode crMode, Encoding encoding)
    {
        // Per line: a stateful or multi-byte decoder must not be able to swallow a line break.
        bool cp1252 = Charsets.IsWindows1252Like(encoding);
        int k = 0;
        var rest = data;
        while (!rest.IsEmpty)
        {
            int lf = rest.IndexOf((byte)'\n');
            var line = lf < 0 ? rest : rest[..lf];
            rest = lf < 0 ? default : rest[(lf + 1)..];
            int lineStart = _length;
            int w;
            if (cp1252)
            {
                Charsets.DecodeWindows1252(line, Reserve(line.Length));
                w = line.Length;
            }
            else
            {
                w = encoding.GetChars(line, Reserve(encoding.GetMaxCharCount(line.Length)));
            }
            _length += w;
            AddLine(lineStart, w, map[k], lf >= 0, crMode);
            k++;
        }
    }

    /// <summary>Records the lines of the chars [start, start+count) already in the buffer; returns how many.</summary>
    private int SplitChars(int start, int count, SourceMap map, int k0, CrMode crMode, bool finalSegmentIsLine)
    {
        // The line feeds of 64 characters at a time as the bits of a mask: mail lines are short (30 to 40 characters),
        // and a vectorized search per line spent most of its time starting and finishing on a few characters.
        int k = k0;
        int lineStart = start;
        int end = start + count;
        for (int chunk = start; chunk < end; chunk += 64)
        {
            for (ulong feeds = CharacterMask.Of<LineFeed>(_chars.AsSpan(chunk, Math.Min(64, end - chunk))); feeds != 0; feeds &= feeds - 1)
            {
                int lf = chunk + BitOperations.TrailingZeroCount(feeds);
                AddLine(lineStart, lf - lineStart, map[k], terminated: true, crMode);
                k++;
                lineStart = lf + 1;
            }
        }
        if (lineStart < end && finalSegmentIsLine)
        {
            AddLine(lineStart, end - lineStart, map[k], terminated: false, crMode);
            k++;
        }
        return k - k0;
    }

    private readonly struct LineFeed : ICharacterClass
    {
        public static bool Contains(char c) => c == '\n';

        public static Vector128<ushort> Contains(Vector128<ushort> chars) => Vector128.Equals(chars, Vector128.Create((ushort)'\n'));
    }

    private void AddLine(int start, int length, int line, bool terminated, CrMode crMode)
    {
        if (length > 0 && _chars[start + length - 1] == '\r')
        {
            if (crMode == CrMode.StripTransport)
            {
                length--;
            }
            else if (crMode == CrMode.StripDecoded && terminated)
            {
                length--;
                if (!_decodedCrLfReported)
                {
                    _decodedCrLfReported = true;
                    _problems.Add(MailProblemKind.DecodedCrLf, line,
                        "decoded text has CRLF line endings; the CRs were removed");
                }
            }
        }
        if (length > _maxLineLength)
        {
            _problems.Add(MailProblemKind.InputLimit, line,
                $"input limit line-length: this line is {InputLimits.Show(length)} characters long, over the limit of {InputLimits.Show(_maxLineLength)}; "
                + $"only its first {InputLimits.Show(_maxLineLength)} are checked ({InputLimits.HowToRaise("line-length")})");
            length = _maxLineLength;
        }
        if (_count == _spans.Length)
        {
            _spans = Grow(_spans, _count);
            _lineNumbers = Grow(_lineNumbers, _count);
        }
        _spans[_count] = (long)start << 32 | (uint)length;
        _lineNumbers[_count] = line;
        _count++;
    }

    private static T[] Grow<T>(T[] rented, int count)
    {
        var grown = ArrayPool<T>.Shared.Rent(count * 2);
        rented.AsSpan(0, count).CopyTo(grown);
        ArrayPool<T>.Shared.Return(rented);
        return grown;
    }

    private Span<char> Reserve(int count)
    {
        if (_chars.Length - _length < count)
        {
            long wanted = Math.Max((long)_chars.Length * 2, (long)_length + count);
            var grown = GC.AllocateUninitializedArray<char>((int)Math.Min(wanted, Array.MaxLength));
            _chars.AsSpan(0, _length).CopyTo(grown);
            // The lines are offsets until Build: nothing points into the old buffer.
            if (_rentText && _chars.Length > 0) MessageBuffers.Return(_chars);
            _chars = grown;
        }
        return _chars.AsSpan(_length, count);
    }

    private readonly struct SourceMap(int first, int[]? sources, int count)
    {
        public int this[int k] =>
            sources is null ? first + k
            : count == 0 ? first
            : sources[Math.Min(k, count - 1)];
    }
}
