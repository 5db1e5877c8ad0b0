using System.Buffers;
using DiffLint.Core.CSyntax;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Whitespace;

/// <summary>
/// How one source line ends, read from its characters and the comment state it starts in: where a trailing comment starts (the comment, or run of
/// comments, after which only whitespace follows) and where a trailing string literal starts (the last literal,
/// followed only by <c>,</c>, <c>\</c> or <c>);</c>). A line whose first visible character is a lone <c>*</c> is taken
/// as the continuation of a block comment by <see cref="ReadAlone"/>; a caller that walks a hunk carries the state
/// from line to line instead (<see cref="StartsInComment"/> guesses it for the hunk's first line).
/// </summary>
internal readonly record struct LineTail(int CommentStart, int StringStart, int FirstStringStart, bool EndsInBlockComment)
{
    /// <summary>
    /// Reads a line on its own: a line whose first visible character is a lone <c>*</c> is taken as the continuation
    /// of a block comment (but does not leave one open for the next line).
    /// </summary>
    public static LineTail ReadAlone(ReadOnlySpan<char> text)
    {
        var guessed = IsCommentContinuation(text, SourceFiles.IndentLength(text));
        var tail = Read(text, guessed);
        return guessed ? tail with { EndsInBlockComment = false } : tail;
    }

    /// <summary>Reads a line whose comment state is known: <paramref name="startsInBlockComment"/> when an earlier line left a <c>/*</c> open.</summary>
    public static LineTail Read(ReadOnlySpan<char> text, bool startsInBlockComment)
    {
        var commentStart = -1;
        int stringStart = -1, stringEnd = -1, firstString = -1;
        var i = SourceFiles.IndentLength(text);
        var inBlockComment = startsInBlockComment;
        if (startsInBlockComment) commentStart = i;

        // From one character that matters to the next with vectorised searches: the end of a block comment inside one,
        // a '/' or a quote outside. Any other visible character outside a comment ends the comment that was the tail.
        while (i < text.Length)
        {
            if (inBlockComment)
            {
                var close = text[i..].IndexOf("*/", StringComparison.Ordinal);
                if (close < 0) break;
                inBlockComment = false;
                i += close + 2;
                continue;
            }

            var next = text[i..].IndexOfAny(CodeMarks);
            var stop = next < 0 ? text.Length : i + next;
            if (commentStart >= 0 && !text[i..stop].IsWhiteSpace()) commentStart = -1;
            if (next < 0) break;
            i = stop;
            var c = text[i];
            if (c == '/')
            {
                if (i + 1 < text.Length && text[i + 1] is '*' or '/')
                {
                    if (commentStart < 0) commentStart = i;
                    if (text[i + 1] == '/') return new LineTail(commentStart, -1, firstString, false);
                    inBlockComment = true;
                    i += 2;
                }
                else
                {
                    commentStart = -1;
                    i++;
                }

                continue;
            }

            var closeQuote = ClosingQuote(text, i);
            if (c == '"')
            {
                stringStart = i;
                stringEnd = closeQuote;
                if (firstString < 0) firstString = i;
            }

            commentStart = -1;
            i = closeQuote;
        }

        var endsInString = stringStart >= 0 && commentStart < 0 && IsStringTerminator(text[stringEnd..]);
        return new LineTail(commentStart, endsInString ? stringStart : -1, firstString, inBlockComment);
    }

    /// <summary>
    /// Whether the hunk starts inside a block comment: the first comment edge among its post-image lines is a
    /// <c>*/</c>, or, with no edge at all, its first line reads like a comment continuation.
    /// </summary>
    public static bool StartsInComment(Hunk hunk)
    {
        DiffLine? first = null;
        foreach (var line in hunk.Lines)
        {
            if (line.Kind == DiffLineKind.Removed) continue;
            first ??= line;
            var text = line.Span;
            var open = text.IndexOf("/*", StringComparison.Ordinal);
            var close = text.IndexOf("*/", StringComparison.Ordinal);
            if (open < 0 && close < 0) continue;
            return close >= 0 && (open < 0 || close < open);
        }

        return first is { } line1 && IsCommentContinuation(line1.Span, SourceFiles.IndentLength(line1.Span));
    }

    /// <summary>A lone <c>*</c> first on the line: the usual continuation of a block comment.</summary>
    public static bool IsCommentContinuation(ReadOnlySpan<char> text, int first) =>
        first < text.Length && text[first] == '*' && (first + 1 == text.Length || text[first + 1] is ' ' or '\t' or '/' or '*' or '\r');

    /// <summary>What starts a comment or a literal outside a comment.</summary>
    private static readonly SearchValues<char> CodeMarks = SearchValues.Create("/\"'");

    /// <summary>The index just past the literal that opens at <paramref name="open"/> (or the line's end when unclosed).</summary>
    private static int ClosingQuote(ReadOnlySpan<char> text, int open)
    {
        var quote = text[open];
        for (var i = open + 1; i < text.Length; i++)
        {
            if (text[i] == '\\') i++;
            else if (text[i] == quote) return i + 1;
        }

        return text.Length;
    }

    /// <summary>Nothing, <c>\</c>, <c>,</c> or <c>);</c>, with whitespace around.</summary>
    private static bool IsStringTerminator(ReadOnlySpan<char> rest)
    {
        rest = rest.Trim();
        return rest.IsEmpty || rest is "\\" or "," || (rest[0] == ')' && rest[1..].TrimStart() is ";");
    }
}
