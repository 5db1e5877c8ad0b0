using System.Runtime.CompilerServices;

namespace DiffLint.Core.CSyntax;

/// <summary>
/// A hand-written C tokenizer that works one line at a time with an explicit carried <see cref="CLexState"/>,
/// so it can start anywhere a hunk starts. It never throws and never looks beyond the line it is given:
/// anything it cannot read becomes an <see cref="CTokenKind.Unknown"/> token or an
/// <see cref="CTokenFlags.Unterminated"/> literal, and the state is reset at the line end.
/// </summary>
public static class CTokenizer
{
    /// <summary>
    /// Appends the tokens of <paramref name="text"/> to <paramref name="output"/> and returns the state the next line starts in.
    /// <paramref name="flags"/> (e.g. <see cref="CTokenFlags.Added"/>, <see cref="CTokenFlags.Uncertain"/>) is set on every token.
    /// </summary>
    public static CLexState TokenizeLine(ReadOnlySpan<char> text, CLexState state, int line, CTokenFlags flags,
        List<CToken> output)
    {
        var inDirective = (state & CLexState.Directive) != 0;
        var i = 0;
        var n = text.Length;

        // A construct carried over from the previous line comes first.
        if ((state & CLexState.BlockComment) != 0)
        {
            var close = text.IndexOf("*/");
            var carried = flags | CTokenFlags.ContinuedFromPreviousLine | DirectiveFlag(inDirective);
            if (close < 0)
            {
                if (n > 0) output.Add(Token(text, CTokenKind.Comment, carried | CTokenFlags.ContinuesOnNextLine, line, 0, n));
                return state;
            }

            output.Add(Token(text, CTokenKind.Comment, carried, line, 0, close + 2));
            i = close + 2;
        }
        else if ((state & CLexState.LineComment) != 0)
        {
            var carried = flags | CTokenFlags.ContinuedFromPreviousLine | DirectiveFlag(inDirective);
            var continues = EndsWithBackslash(text);
            if (n > 0) output.Add(Token(text, CTokenKind.LineComment, carried | (continues ? CTokenFlags.ContinuesOnNextLine : 0), line, 0, n));
            return continues ? state : CLexState.Code;
        }
        else if ((state & (CLexState.StringLiteral | CLexState.CharLiteral)) != 0)
        {
            var quote = (state & CLexState.StringLiteral) != 0 ? '"' : '\'';
            var kind = quote == '"' ? CTokenKind.String : CTokenKind.Char;
            var end = ScanQuoted(text, 0, quote, out var literalEnd);
            var literalFlags = flags | CTokenFlags.ContinuedFromPreviousLine | DirectiveFlag(inDirective);
            if (literalEnd == LiteralEnd.Continued)
            {
                output.Add(Token(text, kind, literalFlags | CTokenFlags.ContinuesOnNextLine, line, 0, end));
                return state;
            }

            if (literalEnd == LiteralEnd.Unterminated) literalFlags |= CTokenFlags.Unterminated;
            if (end > 0) output.Add(Token(text, kind, literalFlags, line, 0, end));
            i = end;
        }

        var atLineStart = i == 0 && !inDirective;
        var includeOperand = false;
        var tokenFlags = flags | DirectiveFlag(inDirective); // the flags of the tokens read from here on
        while (true)
        {
            while (i < n && IsBlank(text[i])) i++;
            if (i >= n) break;

            var c = text[i];
            var start = i;

            if (c == '/' && i + 1 < n && text[i + 1] == '*')
            {
                var close = text[(i + 2)..].IndexOf("*/");
                if (close < 0)
                {
                    output.Add(Token(text, CTokenKind.Comment, tokenFlags | CTokenFlags.ContinuesOnNextLine, line, i, n - i));
                    return CLexState.BlockComment | (inDirective ? CLexState.Directive : 0);
                }

                i += 2 + close + 2;
                output.Add(Token(text, CTokenKind.Comment, tokenFlags, line, start, i - start));
                continue;
            }

            if (c == '/' && i + 1 < n && text[i + 1] == '/')
            {
                var continues = EndsWithBackslash(text);
                output.Add(Token(text, CTokenKind.LineComment, tokenFlags | (continues ? CTokenFlags.ContinuesOnNextLine : 0), line, i, n - i));
                if (continues) return CLexState.LineComment | (inDirective ? CLexState.Directive : 0);
                return CLexState.Code;
            }

            if (c == '#' && atLineStart)
            {
                i++;
                while (i < n && IsBlank(text[i])) i++;
                var nameStart = i;
                while (i < n && IsIdentifierPart(text[i])) i++;
                inDirective = true;
                tokenFlags = flags | CTokenFlags.InDirective;
                var name = text[nameStart..i];
                includeOperand = name is "include" or "include_next" or "import";
                output.Add(Token(text, CTokenKind.Preprocessor, flags | CTokenFlags.InDirective, line, start, i - start));
                atLineStart = false;
                continue;
            }

            atLineStart = false;
            if (includeOperand && c == '<')
            {
                includeOperand = false;
                var close = text[(i + 1)..].IndexOf('>');
                var headerFlags = tokenFlags;
                if (close < 0)
                {
                    i = n;
                    headerFlags |= CTokenFlags.Unterminated;
                }
                else
                {
                    i += close + 2;
                }

                output.Add(Token(text, CTokenKind.String, headerFlags, line, start, i - start));
                continue;
            }

            includeOperand = false;
            if (IsIdentifierStart(c))
            {
                i++;
                while (i < n && IsIdentifierPart(text[i])) i++;
                var word = text[start..i];
                if (i < n && (text[i] == '"' || text[i] == '\'') && word is "L" or "u" or "U" or "u8")
                {
                    var next = ReadLiteral(text, start, i, tokenFlags, line, output, inDirective);
                    if (next.State is { } carried) return carried;
                    i = next.End;
                    continue;
                }

                output.Add(Token(text, CKeywords.IsKeyword(word) ? CTokenKind.Keyword : CTokenKind.Identifier, tokenFlags, line, start, i - start));
                continue;
            }

            if (IsDigit(c) || (c == '.' && i + 1 < n && IsDigit(text[i + 1])))
            {
                i = ScanNumber(text, i);
                output.Add(Token(text, CTokenKind.Number, tokenFlags, line, start, i - start));
                continue;
            }

            if (c == '"' || c == '\'')
            {
                var next = ReadLiteral(text, start, i, tokenFlags, line, output, inDirective);
                if (next.State is { } carried) return carried;
                i = next.End;
                continue;
            }

            if (c == '\\')
            {
                var rest = text[(i + 1)..];
                if (rest.TrimEnd(" \t\r\f\v").IsEmpty)
                {
                    output.Add(Token(text, CTokenKind.Continuation, tokenFlags, line, i, 1));
                    return inDirective ? CLexState.Directive : CLexState.Code;
                }

                output.Add(Token(text, CTokenKind.Unknown, tokenFlags, line, i, 1));
                i++;
                continue;
            }

            if (c is '(' or ')' or '[' or ']' or '{' or '}' or ',' or ';')
            {
                output.Add(Token(text, CTokenKind.Punctuation, tokenFlags, line, i, 1));
                i++;
                continue;
            }

            var length = OperatorLength(text, i);
            if (length > 0)
            {
                output.Add(Token(text, CTokenKind.Operator, tokenFlags, line, i, length));
                i += length;
                continue;
            }

            // Anything else: one Unknown token per character (a UTF-16 surrogate pair stays whole).
            i += char.IsHighSurrogate(c) && i + 1 < n && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            output.Add(Token(text, CTokenKind.Unknown, tokenFlags, line, start, i - start));
        }

        return CLexState.Code;
    }

    private static CToken Token(ReadOnlySpan<char> text, CTokenKind kind, CTokenFlags flags, int line, int start, int length) =>
        new(kind, flags, text[start], line, start, length);

    private readonly record struct LiteralResult(int End, CLexState? State);

    private static LiteralResult ReadLiteral(ReadOnlySpan<char> text, int start, int quoteAt, CTokenFlags flags, int line,
        List<CToken> output, bool inDirective)
    {
        var quote = text[quoteAt];
        var kind = quote == '"' ? CTokenKind.String : CTokenKind.Char;
        var end = ScanQuoted(text, quoteAt + 1, quote, out var literalEnd);
        switch (literalEnd)
        {
            case LiteralEnd.Continued:
                output.Add(Token(text, kind, flags | CTokenFlags.ContinuesOnNextLine, line, start, end - start));
                return new LiteralResult(end, (quote == '"' ? CLexState.StringLiteral : CLexState.CharLiteral) | (inDirective ? CLexState.Directive : 0));
            case LiteralEnd.Unterminated:
                output.Add(Token(text, kind, flags | CTokenFlags.Unterminated, line, start, end - start));
                return new LiteralResult(end, CLexState.Code);
            default:
                output.Add(Token(text, kind, flags, line, start, end - start));
                return new LiteralResult(end, null);
        }
    }

    private enum LiteralEnd : byte
    {
        Closed,
        Continued,
        Unterminated,
    }

    /// <summary>Scans a literal body from <paramref name="i"/> (after the opening quote); returns the index after the closing quote or the line end.</summary>
    private static int ScanQuoted(ReadOnlySpan<char> text, int i, char quote, out LiteralEnd how)
    {
        var n = text.Length;
        while (i < n)
        {
            var c = text[i];
            if (c == quote)
            {
                how = LiteralEnd.Closed;
                return i + 1;
            }

            if (c == '\\')
            {
                if (text[(i + 1)..].TrimEnd(" \t\r\f\v").IsEmpty)
                {
                    how = LiteralEnd.Continued;
                    return n;
                }

                i += 2;
                continue;
            }

            i++;
        }

        how = LiteralEnd.Unterminated;
        return n;
    }

    /// <summary>A C preprocessing number: digits, letters, '_', '.', and a sign right after e/E/p/P.</summary>
    private static int ScanNumber(ReadOnlySpan<char> text, int i)
    {
        var n = text.Length;
        i++;
        while (i < n)
        {
            var c = text[i];
            if ((c is '+' or '-') && text[i - 1] is 'e' or 'E' or 'p' or 'P')
            {
                i++;
                continue;
            }

            if (!IsIdentifierPart(c) && c != '.') break;
            i++;
        }

        return i;
    }

    private static int OperatorLength(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        var c1 = i + 1 < text.Length ? text[i + 1] : '\0';
        var c2 = i + 2 < text.Length ? text[i + 2] : '\0';
        switch (c)
        {
            case '.':
                return c1 == '.' && c2 == '.' ? 3 : 1;
            case '-':
                return c1 is '>' or '-' or '=' ? 2 : 1;
            case '+':
                return c1 is '+' or '=' ? 2 : 1;
            case '<':
                if (c1 == '<') return c2 == '=' ? 3 : 2;
                return c1 == '=' ? 2 : 1;
            case '>':
                if (c1 == '>') return c2 == '=' ? 3 : 2;
                return c1 == '=' ? 2 : 1;
            case '&':
                return c1 is '&' or '=' ? 2 : 1;
            case '|':
                return c1 is '|' or '=' ? 2 : 1;
            case '#':
                return c1 == '#' ? 2 : 1;
            case ':':
                return c1 == ':' ? 2 : 1;
            case '*' or '/' or '%' or '^' or '=' or '!':
                return c1 == '=' ? 2 : 1;
            case '~' or '?':
                return 1;
            default:
                return 0;
        }
    }

    private static CTokenFlags DirectiveFlag(bool inDirective) => inDirective ? CTokenFlags.InDirective : CTokenFlags.None;

    private static bool EndsWithBackslash(ReadOnlySpan<char> text)
    {
        var trimmed = text.TrimEnd(" \t\r\f\v");
        return trimmed.Length > 0 && trimmed[^1] == '\\';
    }

    // The character tests run on every character of every line. Without dynamic PGO the JIT did not inline them (a
    // chain of range tests plus the call for non-ASCII letters): a fifth of the tokenizer's time went to the calls.
    // Inlined, an ASCII character costs one table lookup; other characters take the out-of-line path.
    private const byte BlankClass = 1, IdentifierStartClass = 2, IdentifierPartClass = 4, DigitClass = 8;

    /// <summary>Classes of the ASCII characters: blank (' ', \t, \r, \f, \v), identifier start (letters, '_', '$'), identifier part (those and digits), digit.</summary>
    private static ReadOnlySpan<byte> AsciiClasses =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 0, 0, 0, 0, 0, 0,
        0, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 0, 0, 0, 0, 6,
        0, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 0, 0, 0, 0, 0,
    ];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsBlank(char c) => c < 128 && (AsciiClasses[c] & BlankClass) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(char c) => c < 128 && (AsciiClasses[c] & DigitClass) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsIdentifierStart(char c) => c < 128 ? (AsciiClasses[c] & IdentifierStartClass) != 0 : IsNonAsciiLetter(c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsIdentifierPart(char c) => c < 128 ? (AsciiClasses[c] & IdentifierPartClass) != 0 : IsNonAsciiLetterOrDigit(c);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsNonAsciiLetter(char c) => char.IsLetter(c);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsNonAsciiLetterOrDigit(char c) => char.IsLetterOrDigit(c);
}
