using System.Collections.Immutable;
using DiffLint.Core.Model;

namespace DiffLint.Core.Trees;

/// <summary>
/// Where the pre-image of a patch's files can be read (<c>--tree DIR</c>, or the git work tree the run starts in), so
/// rules that need whole functions see them rather than the few context lines of a hunk. Thread-safe: patches are
/// analysed in parallel.
/// </summary>
public interface ISourceTree
{
    /// <summary>
    /// The post-image of <paramref name="file"/>: its pre-image from the tree with the file's hunks applied in memory,
    /// or null when the pre-image is not in the tree or the hunks do not apply to it (the caller falls back to the patch alone).
    /// </summary>
    PostImage? PostImageOf(FileDiff file);

    /// <summary>
    /// Starts building the post-image of <paramref name="file"/> in the background, so that a later
    /// <see cref="PostImageOf"/> finds it done or under way; a tree that cannot does nothing.
    /// </summary>
    void Prefetch(FileDiff file)
    {
    }
}

/// <summary>A whole post-image file: <see cref="Lines"/>[n - 1] is line n, without its line terminator.</summary>
public sealed class PostImage(ImmutableArray<string> lines)
{
    public ImmutableArray<string> Lines { get; } = lines;
}
