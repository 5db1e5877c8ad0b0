using System;
using System.Collections.Generic;

namespace DiffLint.Core.Mime;

/// <summary>
/// Output of a transfer decoder: the decoded bytes and, for every decoded line, the absolute source line it
/// started on. Lines are <see cref="Bytes"/> split on LF; a final LF does not start another line, a final
/// segment without LF is a line. CRs are kept: the caller decides what a decoded CRLF means.
/// </summary>
public sealed class DecodedBytes
{
    internal DecodedBytes(byte[] data, int length, int[] sources, int lineCount, IReadOnlyList<MailProblem> problems)
    {
        Data = data;
        Length = length;
        SourceArray = sources;
        LineCount = lineCount;
        Problems = problems;
    }

    internal byte[] Data { get; }

    internal int Length { get; }

    internal int[] SourceArray { get; }

    public int LineCount { get; }

    public ReadOnlyMemory<byte> Bytes => new(Data, 0, Length);

    /// <summary>Absolute source line of each decoded line.</summary>
    public IReadOnlyList<int> LineSources => new ArraySegment<int>(SourceArray, 0, LineCount);

    /// <summary>Problems found while decoding (capped per kind).</summary>
    public IReadOnlyList<MailProblem> Problems { get; }
}

/// <summary>Accumulates decoded bytes and remembers where each decoded line started in the source.</summary>
internal sealed class ByteLineWriter
{
    private byte[] _data;
    private int _length;
    private int[] _sources;
    private int _lines;
    private bool _open;
    private int _current;

    public ByteLineWriter(int capacity)
    {
        _data = new byte[Math.Max(16, capacity)];
        _sources = new int[Math.Max(4, capacity / 32)];
    }

    /// <summary>Appends bytes whose first decoded byte comes from source line <paramref name="source"/>;
    /// bytes after an LF inside <paramref name="bytes"/> are attributed to the same source.</summary>
    public void Write(ReadOnlySpan<byte> bytes, int source)
    {
        while (!bytes.IsEmpty)
        {
            if (!_open)
            {
                _open = true;
                _current = source;
            }
            int lf = bytes.IndexOf((byte)'\n');
            var chunk = lf < 0 ? bytes : bytes[..(lf + 1)];
            EnsureCapacity(chunk.Length);
            chunk.CopyTo(_data.AsSpan(_length));
            _length += chunk.Length;
            if (lf < 0)
                return;
            CloseLine();
            bytes = bytes[(lf + 1)..];
        }
    }

    public void WriteByte(byte b, int source)
    {
        if (!_open)
        {
            _open = true;
            _current = source;
        }
        EnsureCapacity(1);
        _data[_length++] = b;
        if (b == (byte)'\n')
            CloseLine();
    }

    public DecodedBytes Finish(IReadOnlyList<MailProblem> problems)
    {
        if (_open)
            CloseLine();
        return new DecodedBytes(_data, _length, _sources, _lines, problems);
    }

    private void CloseLine()
    {
        if (_lines == _sources.Length)
            Array.Resize(ref _sources, _sources.Length * 2);
        _sources[_lines++] = _current;
        _open = false;
    }

    private void EnsureCapacity(int extra)
    {
        if (_data.Length - _length >= extra)
            return;
        long wanted = Math.Max((long)_data.Length * 2, (long)_length + extra);
        Array.Resize(ref _data, (int)Math.Min(wanted, Array.MaxLength));
    }
}
