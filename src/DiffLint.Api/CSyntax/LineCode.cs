using System.Buffers;

namespace DiffLint.Core.CSyntax;

/// <summary>
/// The code tokens of one line, comments and continuations left out: what checkpatch's per-line regexes see once it
/// has blanked the comments (<c>strcpy /* x */ (</c> is a call to strcpy). Each <see cref="Of"/> has tokens of its own,
/// so two lines read at once never share them: the fragment's own tokens when the line has no comment, else an array
/// rented from the shared pool, which <see cref="Dispose"/> (<c>using var code = LineCode.Of(...)</c>) gives back.
/// A ref struct, so it stays in the method that reads it.
/// </summary>
public ref struct LineCode
{
    private CToken[]? _rented;

    private LineCode(ReadOnlySpan<CToken> tokens, CToken[]? rented)
    {
        Tokens = tokens;
        _rented = rented;
    }

    /// <summary>The code tokens; not to be read after <see cref="Dispose"/>.</summary>
    public ReadOnlySpan<CToken> Tokens { get; private set; }

    public readonly int Length => Tokens.Length;

    public readonly bool IsEmpty => Tokens.IsEmpty;

    public readonly ref readonly CToken this[int index] => ref Tokens[index];

    public readonly ReadOnlySpan<CToken>.Enumerator GetEnumerator() => Tokens.GetEnumerator();

    public static implicit operator ReadOnlySpan<CToken>(LineCode code) => code.Tokens;

    /// <summary>The code tokens of line <paramref name="line"/> of <paramref name="fragment"/>.</summary>
    public static LineCode Of(CFragment fragment, int line)
    {
        var tokens = fragment.TokensOf(line);
        var first = 0;
        while (first < tokens.Length && tokens[first].IsCode) first++;
        if (first == tokens.Length) return new LineCode(tokens, null);

        var rented = ArrayPool<CToken>.Shared.Rent(tokens.Length);
        tokens[..first].CopyTo(rented);
        var count = first;
        foreach (ref readonly var token in tokens[(first + 1)..])
        {
            if (token.IsCode) rented[count++] = token;
        }

        return new LineCode(rented.AsSpan(0, count), rented);
    }

    /// <summary>Gives the rented array back to the pool.</summary>
    public void Dispose()
    {
        if (_rented is null) return;
        ArrayPool<CToken>.Shared.Return(_rented);
        _rented = null;
        Tokens = default;
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
