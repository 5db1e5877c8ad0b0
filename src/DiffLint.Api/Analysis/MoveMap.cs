using DiffLint.Core.Model;

namespace DiffLint.Core.Analysis;

/// <summary>What an added line is, compared with the lines the same patch removes.</summary>
public enum MoveKind : byte
{
    /// <summary>Written (or changed) by the patch: every rule judges it.</summary>
    New,

    /// <summary>Removed elsewhere in the patch and added here unchanged: no rule judges it.</summary>
    Moved,

    /// <summary>Moved, but with different leading or trailing whitespace: line rules judge it, token rules may skip it.</summary>
    Reindented,
}

/// <summary>The <see cref="MoveKind"/> of every added line of one patch, by file, hunk and line index.</summary>
public sealed class MoveMap
{
    public static readonly MoveMap None = new([], 0, 0);

    private readonly MoveKind[]?[][] _kinds;

    internal MoveMap(MoveKind[]?[][] kinds, int movedLines, int reindentedLines)
    {
        _kinds = kinds;
        MovedLines = movedLines;
        ReindentedLines = reindentedLines;
    }

    public int MovedLines { get; }
    public int ReindentedLines { get; }

    /// <summary>The kind of line <paramref name="line"/> of hunk <paramref name="hunk"/> of file <paramref name="file"/> (indexes into <see cref="Patch.Files"/>, <see cref="FileDiff.Hunks"/>, <see cref="Hunk.Lines"/>).</summary>
    public MoveKind KindOf(int file, int hunk, int line)
    {
        if ((uint)file >= (uint)_kinds.Length) return MoveKind.New;
        var hunks = _kinds[file];
        if ((uint)hunk >= (uint)hunks.Length) return MoveKind.New;
        var lines = hunks[hunk];
        return lines is not null && (uint)line < (uint)lines.Length ? lines[line] : MoveKind.New;
    }

    /// <summary>The kinds of the lines of one hunk, or null when none of its lines moved.</summary>
    public MoveKind[]? KindsOf(int file, int hunk) =>
        (uint)file < (uint)_kinds.Length && (uint)hunk < (uint)_kinds[file].Length ? _kinds[file][hunk] : null;
}
