namespace DiffLint.Core.Trees;

/// <summary>
/// How a tree served the files rules asked about, for <c>--stats</c>: whole post-images built from the tree, and files
/// that fell back to the patch alone, by reason. A file the patch adds needs nothing from the tree and is not counted.
/// Thread-safe: patches are analysed in parallel.
/// </summary>
public sealed class SourceTreeStatistics
{
    private int _fromTree;
    private int _preImageMissing;
    private int _hunksDidNotApply;

    /// <summary>Files whose post-image was built from the pre-image in the tree.</summary>
    public int FromTree => Volatile.Read(ref _fromTree);

    /// <summary>Files whose pre-image is not in the tree (unknown blob, no such file, another version of it).</summary>
    public int PreImageMissing => Volatile.Read(ref _preImageMissing);

    /// <summary>Files whose pre-image was found but whose hunks do not apply to it.</summary>
    public int HunksDidNotApply => Volatile.Read(ref _hunksDidNotApply);

    public int FellBack => PreImageMissing + HunksDidNotApply;

    internal void RecordFromTree() => Interlocked.Increment(ref _fromTree);

    internal void RecordPreImageMissing() => Interlocked.Increment(ref _preImageMissing);

    internal void RecordHunksDidNotApply() => Interlocked.Increment(ref _hunksDidNotApply);
}
