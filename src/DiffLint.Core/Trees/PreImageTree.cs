using DiffLint.Core.Model;

namespace DiffLint.Core.Trees;

/// <summary>
/// A tree that finds a file's pre-image bytes somewhere (a git repository, a directory) and builds the post-image by
/// applying the file's hunks to them, counting in <see cref="Statistics"/> how each file was served.
/// </summary>
public abstract class PreImageTree(string directory) : ISourceTree, IDisposable
{
    /// <summary>Pre-images larger than this are not read: no C source is that long, and the lines would stay in memory.</summary>
    protected const long MaximumPreImageBytes = 64L << 20;

    /// <summary>The directory the tree reads from, as named when it was opened.</summary>
    public string Directory => directory;

    public SourceTreeStatistics Statistics { get; } = new();

    public PostImage? PostImageOf(FileDiff file)
    {
        // A deleted or binary file has no text post-image for rules to read.
        if (file.NewPath is null || file.IsBinary) return null;
        if (file.OldPath is null) return PostImageBuilder.Apply(PreImage.Empty, file);

        var bytes = ReadPreImage(file);
        if (bytes is null)
        {
            Statistics.RecordPreImageMissing();
            return null;
        }

        var postImage = PostImageBuilder.Apply(PreImage.Decode(bytes), file);
        if (postImage is null) Statistics.RecordHunksDidNotApply();
        else Statistics.RecordFromTree();
        return postImage;
    }

    /// <summary>The bytes of the file the hunks were made against, or null when the tree does not hold them.</summary>
    protected abstract byte[]? ReadPreImage(FileDiff file);

    /// <summary>Releases what the tree keeps open between files (the git process of a repository).</summary>
    public virtual void Dispose()
    {
    }
}
