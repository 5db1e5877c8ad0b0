namespace DiffLint.Core.Mime;

/// <summary>What went wrong while decoding a mail (its transfer encoding, charset or MIME structure).</summary>
public enum MailProblemKind
{
    InvalidBase64,
    InvalidQuotedPrintable,
    UnknownCharset,
    InvalidUtf8,
    TransportCrLf,
    DecodedCrLf,
    MalformedMime,
    MissingBoundary,

    /// <summary>The mail goes beyond one of the reader's limits (a line, a header, MIME nesting, a part's size); the rest was left out.</summary>
    InputLimit,
}

/// <summary>A decoding problem. <see cref="Line"/> is the absolute 1-based input line.</summary>
public sealed record MailProblem(MailProblemKind Kind, int Line, string Message);
