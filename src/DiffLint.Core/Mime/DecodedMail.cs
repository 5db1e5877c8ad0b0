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
    internal DecodedMail(HeaderList headers, bool hasHeaders, IReadOnlyList<BodyLine> body,
        IReadOnlyList<MailProblem> problems, int bodyStartLine)
    {
        Headers = headers;
        HasHeaders = hasHeaders;
        Body = body;
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
    public IReadOnlyList<BodyLine> Body { get; }

    public IReadOnlyList<MailProblem> Problems { get; }

    /// <summary>Absolute line of the first line after the top-level header block (the first input line when
    /// there are no headers). In a multipart mail <c>Body[0].Line</c> is usually later.</summary>
    public int BodyStartLine { get; }
}
