using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>
/// Kernel checkpatch's <c>$stat</c>: the statement its <c>ctx_statement_block</c> reads from the start of a line of a
/// hunk (context lines included) to the first <c>;</c> outside brackets, the <c>}</c> that closes a block opened
/// outside brackets (and a <c>;</c> right after it), the end of a <c>#define</c>, or the end of the hunk. The script
/// reads none for a blank line (comments are blanks to it), nor for the later lines of a statement that holds no <c>{</c> and no <c>;</c> but
/// its last: its checks that look at <c>$stat</c> skip those lines (a log call on the line after a lone <c>}</c> or a
/// one-line <c>if (...)</c> is one of them). Brackets are paired with <see cref="CStructure.MatchOf"/> and stepped over whole.
/// A hostile hunk (thousands of lines, each starting a statement that runs to the end of the hunk) would cost the
/// square of its length: the walk stops after <see cref="StepsPerToken"/> steps per token of the fragment, and the
/// lines after that have no statement.
/// </summary>
internal static class LineStatements
{
    public const int StepsPerToken = 16;

    /// <summary>
    /// Fills <paramref name="statements"/>[l], for the lines 0..<paramref name="statements"/>.Length-1 of the fragment,
    /// with line l's statement, or <see cref="LineStatement.None"/> where the script reads none.
    /// </summary>
    public static void Read(CFragment fragment, Span<LineStatement> statements)
    {
        var tokens = fragment.Tokens;
        // Running counts of '{' and ';' tokens: whether a statement holds one, brackets included, in constant time.
        var marks = new int[tokens.Length + 1];
        for (var t = 0; t < tokens.Length; t++) marks[t + 1] = marks[t] + (tokens[t].IsSymbol('{') || tokens[t].IsSymbol(';') ? 1 : 0);
        var skipThrough = -1;
        var budget = StepsPerToken * (long)tokens.Length;
        statements.Fill(LineStatement.None);
        for (var line = 0; line < statements.Length && budget > 0; line++)
        {
            ref readonly var cLine = ref fragment.Lines.ItemRef(line);
            if (line <= skipThrough || !HasCode(fragment, line)) continue;
            var statement = Of(fragment, cLine.FirstToken, ref budget);
            if (budget <= 0) break;
            statements[line] = statement;
            var last = statement.LastToken;
            var inner = marks[last + 1] - marks[cLine.FirstToken];
            for (var t = last; t >= cLine.FirstToken && tokens[t].IsSymbol(';') && (t == last || IsTouching(tokens[t], tokens[t + 1])); t--) inner--;
            if (inner == 0) skipThrough = statement.LastLine;
        }
    }

    private static LineStatement Of(CFragment fragment, int first, ref long budget)
    {
        var tokens = fragment.Tokens;
        var structure = fragment.Structure;
        var end = tokens.Length;
        for (var t = first; t < end && --budget > 0; t++)
        {
            var token = tokens[t];
            if (token.Kind == CTokenKind.Preprocessor && fragment.TextOf(token)[1..].TrimStart() is "define")
            {
                var directiveEnd = t + 1;
                while (directiveEnd < end && tokens[directiveEnd].InDirective && tokens[directiveEnd].Kind != CTokenKind.Preprocessor) directiveEnd++;
                budget -= directiveEnd - t;
                // The script's statement takes the define's closing newline, so it reaches into the next line.
                return new LineStatement(directiveEnd - 1, Math.Min(tokens[directiveEnd - 1].Line + 1, fragment.Lines.Length - 1));
            }

            if (token.Kind != CTokenKind.Punctuation || token.Length != 1) continue;
            switch (token.First)
            {
                case ';':
                    return At(t);
                case '(':
                    var close = structure.MatchOf(t);
                    if (close < 0 || close >= end) return At(end - 1);
                    t = close;
                    break;
                case '{':
                    var shut = structure.MatchOf(t);
                    if (shut < 0 || shut >= end) return At(end - 1);
                    return At(shut + 1 < tokens.Length && tokens[shut + 1].IsSymbol(';') && IsTouching(tokens[shut], tokens[shut + 1]) ? shut + 1 : shut);
            }
        }

        return At(end - 1);

        LineStatement At(int last) => new(last, tokens[last].Line);
    }

    /// <summary>The script reads comments as blanks: a line of comments has no statement, as an empty one.</summary>
    private static bool HasCode(CFragment fragment, int line)
    {
        foreach (ref readonly var token in fragment.TokensOf(line))
        {
            if (!token.IsComment) return true;
        }

        return false;
    }

    private static bool IsTouching(in CToken left, in CToken right) => left.Line == right.Line && left.End == right.Start;
}

/// <summary>
/// A line's <see cref="LineStatements"/> statement: its last token, and the last line of the raw text the script
/// reads with it (the statement's last line, or the line after a <c>#define</c>).
/// </summary>
internal readonly record struct LineStatement(int LastToken, int LastLine)
{
    public static readonly LineStatement None = new(-1, -1);

    public bool Exists => LastToken >= 0;
}
