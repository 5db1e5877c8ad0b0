
namespace DiffLint.Core.CSyntax;

/// <summary>
/// The code tokens of one line, comments and continuations left out: what checkpatch's per-line regexes see once it
/// has blanked the comments (<c>strcpy /* x */ (</c> is a call to strcpy).
/// </summary>
public static class LineCode
{
    // One buffer per thread, reused line after line: a rule reads one line at a time.
    [ThreadStatic] private static CToken[]? t_buffer;

    /// <summary>The code tokens of line <paramref name="line"/> of <paramref name="fragment"/>, valid until the next call on this thread.</summary>
    public static ReadOnlySpan<CToken> Of(CFragment fragment, int line)
    {
        var tokens = fragment.TokensOf(line);
        var buffer = t_buffer;
        if (buffer is null || buffer.Length < tokens.Length) t_buffer = buffer = new CToken[Math.Max(64, tokens.Length)];
        var count = 0;
        foreach (ref readonly var token in tokens)
        {
            if (token.IsCode) buffer[count++] = token;
        }

        return buffer.AsSpan(0, count);
    }

    /// <summary>The index after the lvalue <c>name(-&gt;m|.m|[...])*</c> starting at <paramref name="start"/>, or -1.</summary>
    public static int LvalueEnd(CFragment fragment, ReadOnlySpan<CToken> code, int start)
    {
        if (start >= code.Length || code[start].Kind != CTokenKind.Identifier) return -1;
        var t = start + 1;
        while (t < code.Length)
        {
            if ((code[t].IsSymbol('.') || fragment.Is(code[t], "->")) && t + 1 < code.Length && code[t + 1].Kind == CTokenKind.Identifier)
            {
                t += 2;
            }
            else if (code[t].IsSymbol('['))
            {
                var close = t + 1;
                while (close < code.Length && !code[close].IsSymbol(']')) close++;
                if (close >= code.Length) return -1;
                t = close + 1;
            }
            else
            {
                break;
            }
        }

        return t;
    }
}
