using DiffLint.Core.Git;
using DiffLint.Core.Model;

namespace DiffLint.Core.Trees;

/// <summary>
/// The tree of a run (<c>--tree DIR</c>, or the git work tree difflint runs in), remembering the post-images it built:
/// several rules ask for the same file of a patch, and a resent patch or a series read twice asks again. A file with
/// blob ids is remembered by path and ids (the same ids are the same pre- and post-image); a plain diff's file only by
/// the <see cref="FileDiff"/> itself, since another patch to that path gives another post-image. The most recently used
/// <see cref="Capacity"/> post-images are kept, so an archive of thousands of patches does not keep every file it
/// touched in memory.
/// </summary>
public sealed class SourceTree : ISourceTree, IDisposable
{
    /// <summary>How many post-images are remembered.</summary>
    public const int Capacity = 256;

    private readonly PreImageTree _tree;
    private readonly Lock _lock = new();
    private readonly Dictionary<object, LinkedListNode<CacheEntry>> _entries = [];
    // Most recently used first.
    private readonly LinkedList<CacheEntry> _recency = new();
    // Builds the post-images Prefetch is asked for, in turn (they take turns on one git anyway).
    private readonly BackgroundWork _prefetching = new("difflint pre-images");

    public SourceTree(PreImageTree tree) => _tree = tree;

    /// <summary>The directory the files are read from.</summary>
    public string Directory => _tree.Directory;

    /// <summary>Whether <see cref="Directory"/> is read as a git repository (blobs by id) rather than as plain files.</summary>
    public bool IsGitRepository => _tree is GitSourceTree;

    public SourceTreeStatistics Statistics => _tree.Statistics;

    /// <summary>
    /// Opens <paramref name="directory"/> (<c>--tree</c>): a git repository when <c>git rev-parse --git-dir</c> succeeds
    /// there or it looks like a bare repository (<c>HEAD</c>, <c>objects/</c>, <c>refs/</c>), else a plain directory,
    /// whose files are then checked against the patch's blob ids. A work tree where git cannot run is read as plain
    /// files, which the blob ids still check; a bare repository needs git.
    /// </summary>
    /// <exception cref="SourceTreeException">The directory does not exist, or is a bare repository and git cannot run.</exception>
    public static SourceTree Open(string directory)
    {
        if (!System.IO.Directory.Exists(directory)) throw new SourceTreeException("no such directory");
        // Absolute, so that --stats names it unambiguously.
        directory = Path.GetFullPath(directory);
        bool isRepository;
        try
        {
            isRepository = GitProcess.Run(directory, ["rev-parse", "--git-dir"], ownRepositoryOnly: true).Succeeded || LooksLikeBareRepository(directory);
        }
        catch (GitUnavailableException ex)
        {
            if (LooksLikeBareRepository(directory)) throw new SourceTreeException($"a bare git repository, and {ex.Message}");
            isRepository = false;
        }

        return new SourceTree(isRepository ? new GitSourceTree(directory, ownRepositoryOnly: true) : new DirectorySourceTree(directory));
    }

    /// <summary>
    /// The repository difflint runs in, as found for commit look-ups (<c>GIT_DIR</c> included, as git itself would):
    /// blobs are looked up by id, so whatever is checked out does not matter. No git runs until a rule asks for a file.
    /// </summary>
    public static SourceTree ForRepository(GitRepository repository) => new(new GitSourceTree(repository.Directory));

    private static bool LooksLikeBareRepository(string directory) =>
        File.Exists(Path.Combine(directory, "HEAD"))
        && System.IO.Directory.Exists(Path.Combine(directory, "objects"))
        && System.IO.Directory.Exists(Path.Combine(directory, "refs"));

    public PostImage? PostImageOf(FileDiff file) =>
        // Built outside the lock, so files of other patches are read meanwhile; a second asker of this file waits.
        EntryFor(file).Value;

    /// <summary>
    /// Builds the post-image on a thread of its own: a one-patch run (a hook) asks for it only after its other rules,
    /// and meanwhile git looks the blob up on the other core. A failure is left for <see cref="PostImageOf"/> to meet,
    /// as it would have without the prefetch.
    /// </summary>
    public void Prefetch(FileDiff file)
    {
        var postImage = EntryFor(file);
        if (!postImage.IsValueCreated) _prefetching.Queue(() => _ = postImage.Value);
    }

    /// <summary>The remembered post-image of <paramref name="file"/>, or a new one not built yet, now the most recently used.</summary>
    private Lazy<PostImage?> EntryFor(FileDiff file)
    {
        object key = file.OldBlob is { } oldBlob && file.NewBlob is { } newBlob ? new BlobKey(file.OldPath, file.NewPath, oldBlob, newBlob) : file;
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                return node.Value.PostImage;
            }

            var postImage = new Lazy<PostImage?>(() => _tree.PostImageOf(file), LazyThreadSafetyMode.ExecutionAndPublication);
            _entries[key] = _recency.AddFirst(new CacheEntry(key, postImage));
            if (_entries.Count > Capacity)
            {
                _entries.Remove(_recency.Last!.Value.Key);
                _recency.RemoveLast();
            }

            return postImage;
        }
    }

    public void Dispose() => _tree.Dispose();

    private readonly record struct BlobKey(string? OldPath, string? NewPath, string OldBlob, string NewBlob);

    private sealed record CacheEntry(object Key, Lazy<PostImage?> PostImage);
}

/// <summary>A <c>--tree</c> directory that cannot serve as a tree; the message says why.</summary>
public sealed class SourceTreeException(string message) : Exception(message);
