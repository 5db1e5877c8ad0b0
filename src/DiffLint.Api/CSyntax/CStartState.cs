using DiffLint.Core.Model;

namespace DiffLint.Core.CSyntax;

/// <summary>How a hunk's first post-image line was found to start (see docs/c-tokenizer.md).</summary>
public enum CStartEvidence : byte
{
    /// <summary>The hunk starts at the first line of the file.</summary>
    FileStart,

    /// <summary>Nothing suggests anything but plain code.</summary>
    NoSign,

    /// <summary>A <c>*/</c> comes before any <c>/*</c>: the hunk starts inside a block comment.</summary>
    CommentCloseBeforeOpen,

    /// <summary>The first line looks like a comment continuation (<c> * text</c>) and no comment delimiter shows up: probably inside a block comment.</summary>
    CommentContinuationLook,

    /// <summary>The first line is not a directive but ends in a backslash: inside a multi-line macro.</summary>
    MacroContinuation,

    /// <summary>Read as code, the first line leaves a string or character literal open; read as the tail of a continued literal, it does not.</summary>
    LiteralContinuation,
}

/// <summary>The state a hunk's first post-image line is tokenized in, and how many leading lines are uncertain.</summary>
public readonly record struct CStartState(CLexState State, CStartEvidence Evidence, int UncertainLines)
{
    /// <summary>Recovers the start state of <paramref name="hunk"/> from its post-image lines (context before the first added line included).</summary>
    public static CStartState Recover(Hunk hunk, List<CToken> scratch)
    {
        if (hunk.NewStart <= 1) return new CStartState(CLexState.Code, CStartEvidence.FileStart, 0);

        var lines = hunk.Lines.AsSpan();
        var first = -1;
        var postImageCount = 0;
        var commentMarker = 0; // -1: "*/" came first, 1: "/*" came first, 0: neither seen
        for (var k = 0; k < lines.Length; k++)
        {
            if (lines[k].Kind == DiffLineKind.Removed) continue;
            postImageCount++;
            if (first < 0) first = k;
            if (commentMarker == 0) commentMarker = FirstCommentMarker(lines[k].Span);
        }

        if (first < 0) return new CStartState(CLexState.Code, CStartEvidence.NoSign, 0);
        if (commentMarker < 0) return new CStartState(CLexState.BlockComment, CStartEvidence.CommentCloseBeforeOpen, 0);

        var firstText = lines[first].Span;
        var trimmed = firstText.TrimStart(" \t");
        if (commentMarker == 0 && LooksLikeCommentContinuation(trimmed))
            return new CStartState(CLexState.BlockComment, CStartEvidence.CommentContinuationLook, postImageCount);

        var baseState = CLexState.Code;
        var evidence = CStartEvidence.NoSign;
        var body = firstText.TrimEnd(" \t\r\f\v");
        if (body.Length > 0 && body[^1] == '\\' && !trimmed.StartsWith("#"))
        {
            baseState = CLexState.Directive;
            evidence = CStartEvidence.MacroContinuation;
        }

        // Only a quote or an include's '<' can leave a literal open when read from code: most first lines have neither,
        // and are not tokenized here at all.
        if (firstText.IndexOfAny('"', '\'', '<') >= 0 && LeavesLiteralOpen(firstText, baseState, scratch))
        {
            foreach (var literal in (ReadOnlySpan<CLexState>)[CLexState.StringLiteral, CLexState.CharLiteral])
            {
                if (!LeavesLiteralOpen(firstText, baseState | literal, scratch))
                    return new CStartState(baseState | literal, CStartEvidence.LiteralContinuation, 1);
            }
        }

        return new CStartState(baseState, evidence, 0);
    }

    /// <summary>
    /// -1 when the line's first comment delimiter is <c>*/</c>, 1 when it is <c>/*</c>, 0 when it has neither. One
    /// search for '*' (every delimiter has one) rather than one search for each delimiter over every line of the hunk.
    /// </summary>
    private static int FirstCommentMarker(ReadOnlySpan<char> text)
    {
        for (var at = text.IndexOf('*'); at >= 0; at = NextStar(text, at))
        {
            // "/*" starts before its '*', so at the same '*' an opening wins, as the earlier delimiter.
            if (at > 0 && text[at - 1] == '/') return 1;
            if (at + 1 < text.Length && text[at + 1] == '/') return -1;
        }

        return 0;
    }

    private static int NextStar(ReadOnlySpan<char> text, int at)
    {
        var next = text[(at + 1)..].IndexOf('*');
        return next < 0 ? -1 : at + 1 + next;
    }

    /// <summary><c>*</c> alone, or followed by a blank: how kernel, QEMU and GNU comments continue. <c>*p = 0;</c> does not match.</summary>
    private static bool LooksLikeCommentContinuation(ReadOnlySpan<char> trimmed) =>
        trimmed.Length > 0 && trimmed[0] == '*' && (trimmed.Length == 1 || trimmed[1] is ' ' or '\t' or '\r' || trimmed.StartsWith("**"));

    private static bool LeavesLiteralOpen(ReadOnlySpan<char> text, CLexState state, List<CToken> scratch)
    {
        scratch.Clear();
        CTokenizer.TokenizeLine(text, state, 0, CTokenFlags.None, scratch);
        foreach (var token in scratch)
        {
            if ((token.Flags & CTokenFlags.Unterminated) != 0 && token.Kind is CTokenKind.String or CTokenKind.Char) return true;
        }

        return false;
    }
}
