using System.Collections.Immutable;
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
        Structure = CStructure.Build(this);
    }

    public Hunk Hunk { get; }

    /// <summary>Index of <see cref="Hunk"/> in <see cref="FileDiff.Hunks"/>.</summary>
    public int HunkIndex { get; }

    /// <summary>The state the first line was tokenized in, why, and how many leading lines are uncertain.</summary>
    public CStartState Start { get; }

    /// <summary>Post-image lines (removed lines are left out).</summary>
    public ImmutableArray<CLine> Lines { get; }

    public ImmutableArray<CToken> Tokens { get; }

    /// <summary>Brace depth, statements, control statements, functions and macros seen in the fragment.</summary>
    public CStructure Structure { get; }

    /// <summary>The text of a token.</summary>
    public ReadOnlySpan<char> TextOf(in CToken token) => Lines[token.Line].Text.Slice(token.Start, token.Length);

    /// <summary>True when the token's text is exactly <paramref name="text"/>.</summary>
    public bool Is(in CToken token, string text) => token.Length == text.Length && TextOf(token).SequenceEqual(text);

    /// <summary>The tokens of line <paramref name="line"/> (an index into <see cref="Lines"/>).</summary>
    public ReadOnlySpan<CToken> TokensOf(int line)
    {
        var l = Lines[line];
        return Tokens.AsSpan().Slice(l.FirstToken, l.TokenCount);
    }

    /// <summary>Tokenizes the post-image of <paramref name="hunk"/>; <paramref name="moves"/> are the hunk's move kinds (null: all new).</summary>
    public static CFragment Build(Hunk hunk, int hunkIndex, MoveKind[]? moves, List<CToken> scratch)
    {
        var start = CStartState.Recover(hunk, scratch);
        scratch.Clear();
        var lines = new List<CLine>(hunk.NewCount > 0 ? hunk.NewCount : hunk.Lines.Length);
        var state = start.State;
        for (var k = 0; k < hunk.Lines.Length; k++)
        {
            var diff = hunk.Lines[k];
            if (diff.Kind == DiffLineKind.Removed) continue;
            var index = lines.Count;
            var uncertain = index < start.UncertainLines;
            var flags = (diff.Kind == DiffLineKind.Added ? CTokenFlags.Added : 0) | (uncertain ? CTokenFlags.Uncertain : 0);
            var first = scratch.Count;
            var lineStart = state;
            state = CTokenizer.TokenizeLine(diff.Span, state, index, diff.NewLine, flags, scratch);
            var move = moves is null ? MoveKind.New : moves[k];
            lines.Add(new CLine(diff, k, first, scratch.Count - first, lineStart, 0, move, uncertain));
        }

        SetBraceDepths(lines, scratch);
        var tokens = ImmutableCollectionsMarshal.AsImmutableArray(scratch.ToArray());
        return new CFragment(hunk, hunkIndex, start, [.. lines], tokens);
    }

    /// <summary>
    /// Braces opened minus braces closed before each line, over code outside directives, shifted so that the lowest
    /// value in the fragment is 0: a lower bound of the real depth, exact when the hunk starts at the file's first line.
    /// </summary>
    private static void SetBraceDepths(List<CLine> lines, List<CToken> tokens)
    {
        var depth = 0;
        var lowest = 0;
        Span<int> atStart = lines.Count <= 512 ? stackalloc int[lines.Count] : new int[lines.Count];
        for (var l = 0; l < lines.Count; l++)
        {
            atStart[l] = depth;
            lowest = Math.Min(lowest, depth);
            var line = lines[l];
            for (var t = line.FirstToken; t < line.EndToken; t++)
            {
                var token = tokens[t];
                if (token.Kind != CTokenKind.Punctuation || token.InDirective) continue;
                var c = line.Text[token.Start];
                if (c == '{') depth++;
                else if (c == '}') lowest = Math.Min(lowest, --depth);
            }
        }

        for (var l = 0; l < lines.Count; l++) lines[l] = lines[l] with { BraceDepth = atStart[l] - lowest };
    }
}
