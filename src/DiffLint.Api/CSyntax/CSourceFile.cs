using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Core.CSyntax;

/// <summary>
/// The C view of one file diff: a <see cref="CFragment"/> per hunk that has lines to judge (added lines the patch
/// does not only move), built once and shared by every rule.
/// </summary>
public sealed class CSourceFile
{
    private CSourceFile(FileDiff file, ImmutableArray<CFragment> fragments)
    {
        File = file;
        Fragments = fragments;
    }

    public FileDiff File { get; }

    /// <summary>One fragment per hunk with lines to judge, in hunk order (<see cref="CFragment.HunkIndex"/> tells which hunk).</summary>
    public ImmutableArray<CFragment> Fragments { get; }

    /// <summary>Tokenizes every hunk of <paramref name="file"/> (file <paramref name="fileIndex"/> of its patch).</summary>
    internal static CSourceFile Build(FileDiff file, int fileIndex, MoveMap moves)
    {
        // One token list per thread, reused: growing a fresh list for every file copied each token several times and
        // made the big ones large-object-heap garbage.
        var scratch = ThreadScratch.List(ref t_tokens, 4096, 1 << 18);
        var fragments = ImmutableArray.CreateBuilder<CFragment>(file.Hunks.Length);
        for (var h = 0; h < file.Hunks.Length; h++)
        {
            var kinds = moves.KindsOf(fileIndex, h);
            if (HasLinesToJudge(file.Hunks[h], kinds)) fragments.Add(CFragment.Build(file.Hunks[h], h, kinds, scratch));
        }

        return new CSourceFile(file, fragments.DrainToImmutable());
    }

    [ThreadStatic] private static List<CToken>? t_tokens;

    private static bool HasLinesToJudge(Hunk hunk, MoveKind[]? kinds)
    {
        if (hunk.AddedCount == 0) return false;
        if (kinds is null) return true;
        for (var l = 0; l < hunk.Lines.Length; l++)
        {
            if (hunk.Lines[l].Kind == DiffLineKind.Added && kinds[l] != MoveKind.Moved) return true;
        }

        return false;
    }
}
