using System;
using System.Collections.Generic;

namespace DiffLint.Core.Mime;

/// <summary>One decoded body line without its terminator. <see cref="Line"/> is the absolute 1-based input line
/// of the raw line it started on.</summary>
public readonly record struct BodyLine(ReadOnlyMemory<char> Text, int Line)
{
    public ReadOnlySpan<char> Span => Text.Span;

    public override string ToString() => Text.ToString();
}

public sealed class DecodedMail
{
    private BodyLine[] _lines;
    private int _lineCount;
    private bool _linesRented;

    /// <summary>
    /// The first <paramref name="lineCount"/> of <paramref name="lines"/> are the body; when <paramref name="linesRented"/>,
    /// the array comes from the pool and goes back there with <see cref="ReturnLines"/>.
    /// </summary>
    internal DecodedMail(HeaderList headers, bool hasHeaders, BodyLine[] lines, int lineCount, bool linesRented,
        IReadOnlyList<MailProblem> problems, int bodyStartLine)
    {
        Headers = headers;
        HasHeaders = hasHeaders;
        _lines = lines;
        _lineCount = lineCount;
        _linesRented = linesRented && lines.Length > 0;
        Problems = problems;
        BodyStartLine = bodyStartLine;
    }

    /// <summary>Top-level headers; empty when the input had no header block.</summary>
    public HeaderList Headers { get; }

    /// <summary>False for a bare diff or bare text (the first line is not a <c>Name: value</c> line).</summary>
    public bool HasHeaders { get; }

    /// <summary>
    /// The text the patch parser reads: for a single-part message the whole decoded body; for multipart the
    /// selected text parts concatenated in order (part headers and boundary lines are not included).
    /// </summary>
    public IReadOnlyList<BodyLine> Body => _lineCount == _lines.Length ? _lines : new ArraySegment<BodyLine>(_lines, 0, _lineCount);

    /// <summary>The body's lines, without a view object or interface calls (the patch parser reads each several times).</summary>
    internal BodyLine[] LineArray => _lines;

    /// <summary>How many of <see cref="LineArray"/> are the body's (a rented array is longer).</summary>
    internal int LineCount => _lineCount;

    /// <summary>
    /// Gives a rented line array back to the pool once the patch is parsed: nothing of the model points into the array
    /// (the lines' text lives in the mail's own char buffer), and it is the mail's largest short-lived allocation
    /// after that text. The body is empty afterwards.
    /// </summary>
    internal void ReturnLines()
    {
        if (!_linesRented) return;
        var lines = _lines;
        // Cleared so the pool does not keep the mail's text alive.
        Array.Clear(lines, 0, _lineCount);
        _lines = [];
        _lineCount = 0;
        _linesRented = false;
        System.Buffers.ArrayPool<BodyLine>.Shared.Return(lines);
    }

    /// <summary>
    /// The <see cref="Reading.MessageBuffers"/> buffer the body's text lies in (null: the mail's own), for whoever is
    /// done with everything made of the mail to give back.
    /// </summary>
    internal char[]? RentedText { get; init; }

    public IReadOnlyList<MailProblem> Problems { get; }

    /// <summary>Absolute line of the first line after the top-level header block (the first input line when
    /// there are no headers). In a multipart mail <c>Body[0].Line</c> is usually later.</summary>
    public int BodyStartLine { get; }
}
