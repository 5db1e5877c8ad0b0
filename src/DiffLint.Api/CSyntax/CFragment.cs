using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Core.CSyntax;

/// <summary>
/// The C view of one hunk: its post-image lines (context and added, in order) tokenized from a recovered
/// start state, with light structure on top (<see cref="Structure"/>).
/// </summary>
public sealed class CFragment
{
    private CFragment(Hunk hunk, int hunkIndex, CStartState start, ImmutableArray<CLine> lines, ImmutableArray<CToken> tokens)
    {
        Hunk = hunk;
        HunkIndex = hunkIndex;
        Start = start;
        Lines = lines;
        Tokens = tokens;
    }

    public Hunk Hunk { get; }

    /// <summary>Index of <see cref="Hunk"/> in <see cref="FileDiff.Hunks"/>.</summary>
    public int HunkIndex { get; }

    /// <summary>The state the first line was tokenized in, why, and how many leading lines are uncertain.</summary>
    public CStartState Start { get; }

    /// <summary>Post-image lines (removed lines are left out).</summary>
    public ImmutableArray<CLine> Lines { get; }

    public ImmutableArray<CToken> Tokens { get; }

    /// <summary>Brace depth, statements, control statements, functions and macros seen in the fragment (built on first use).</summary>
    public CStructure Structure => _structure ??= CStructure.Build(this);

    private CStructure? _structure;

    /// <summary>The text of a token.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // asked per token by the engine and many rules; not inlined without PGO
    public ReadOnlySpan<char> TextOf(in CToken token) => Lines.ItemRef(token.Line).Text.Slice(token.Start, token.Length);

    /// <summary>True when the token's text is exactly <paramref name="text"/>.</summary>
    public bool Is(in CToken token, string text) =>
        token.Length == text.Length && token.First == text[0] && (text.Length == 1 || TextOf(token).SequenceEqual(text));

    /// <summary>The tokens of line <paramref name="line"/> (an index into <see cref="Lines"/>).</summary>
    public ReadOnlySpan<CToken> TokensOf(int line)
    {
        ref readonly var l = ref Lines.ItemRef(line);
        return Tokens.AsSpan().Slice(l.FirstToken, l.TokenCount);
    }

    // Per-thread scratch for the per-line bookkeeping of Build: cheaper than ArrayPool here, whose shared pool for a
    // type of its own (CLexState) is trimmed on every gen-2 collection (a measurable share of a profile).
    [ThreadStatic] private static int[]? t_depths;
    [ThreadStatic] private static CLexState[]? t_states;
    [ThreadStatic] private static int[]? t_firsts;

    /// <summary>Tokenizes the post-image of <paramref name="hunk"/>; <paramref name="moves"/> are the hunk's move kinds (null: all new).</summary>
    internal static CFragment Build(Hunk hunk, int hunkIndex, MoveKind[]? moves, List<CToken> scratch)
    {
        var start = CStartState.Recover(hunk, scratch);
        scratch.Clear();
        var hunkLines = hunk.Lines.AsSpan();
        var count = 0;
        foreach (ref readonly var line in hunkLines)
        {
            if (line.Kind != DiffLineKind.Removed) count++;
        }

        // Brace depth: braces opened minus closed before each line, over code outside directives, shifted so the
        // lowest value in the fragment is 0 (a lower bound of the real depth; exact when the hunk starts the file).
        var depths = ThreadScratch.Array(ref t_depths, count);
        var states = ThreadScratch.Array(ref t_states, count);
        var firsts = ThreadScratch.Array(ref t_firsts, count + 1);
        var state = start.State;
        var depth = 0;
        var lowest = 0;
        var index = 0;
        foreach (ref readonly var diff in hunkLines)
        {
            if (diff.Kind == DiffLineKind.Removed) continue;
            var uncertain = index < start.UncertainLines;
            var flags = (diff.Kind == DiffLineKind.Added ? CTokenFlags.Added : 0) | (uncertain ? CTokenFlags.Uncertain : 0);
            depths[index] = depth;
            states[index] = state;
            firsts[index] = scratch.Count;
            state = CTokenizer.TokenizeLine(diff.Span, state, index, flags, scratch);
            foreach (ref readonly var token in CollectionsMarshal.AsSpan(scratch)[firsts[index]..])
            {
                if (token.Length != 1 || token.Kind != CTokenKind.Punctuation || token.InDirective) continue;
                if (token.First == '{') depth++;
                else if (token.First == '}') lowest = Math.Min(lowest, --depth);
            }

            index++;
        }

        firsts[count] = scratch.Count;
        var lines = new CLine[count];
        index = 0;
        for (var k = 0; k < hunkLines.Length; k++)
        {
            ref readonly var diff = ref hunkLines[k];
            if (diff.Kind == DiffLineKind.Removed) continue;
            lines[index] = new CLine(diff, k, firsts[index], firsts[index + 1] - firsts[index], states[index], depths[index] - lowest,
                moves is null ? MoveKind.New : moves[k], index < start.UncertainLines);
            index++;
        }

        // Not zeroed first (List.ToArray's new array is): every token is written by the copy, and tokens hold no references.
        var tokenArray = GC.AllocateUninitializedArray<CToken>(scratch.Count);
        CollectionsMarshal.AsSpan(scratch).CopyTo(tokenArray);
        var tokens = ImmutableCollectionsMarshal.AsImmutableArray(tokenArray);
        return new CFragment(hunk, hunkIndex, start, ImmutableCollectionsMarshal.AsImmutableArray(lines), tokens);
    }
}
