using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Core.CSyntax;

/// <summary>The C view of one file diff: a <see cref="CFragment"/> per hunk, built once and shared by every rule.</summary>
public sealed class CSourceFile
{
    private CSourceFile(FileDiff file, ImmutableArray<CFragment> fragments)
    {
        File = file;
        Fragments = fragments;
    }

    public FileDiff File { get; }

    /// <summary>One fragment per hunk, in hunk order (<see cref="CFragment.HunkIndex"/>).</summary>
    public ImmutableArray<CFragment> Fragments { get; }

    /// <summary>Tokenizes every hunk of <paramref name="file"/> (file <paramref name="fileIndex"/> of its patch).</summary>
    public static CSourceFile Build(FileDiff file, int fileIndex, MoveMap moves)
    {
        var scratch = new List<CToken>();
        var fragments = ImmutableArray.CreateBuilder<CFragment>(file.Hunks.Length);
        for (var h = 0; h < file.Hunks.Length; h++)
            fragments.Add(CFragment.Build(file.Hunks[h], h, moves.KindsOf(fileIndex, h), scratch));
        return new CSourceFile(file, fragments.MoveToImmutable());
    }
}
