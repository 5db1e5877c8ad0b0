using DiffLint.Core.Git;
using DiffLint.Core.Model;

namespace DiffLint.Core.Trees;

/// <summary>
/// A git repository (work tree or bare) as a tree. The pre-image is the blob the patch's <c>index</c> line names, so any
/// clone holding the objects serves, whatever is checked out; a diff without that line (<c>diff -u</c>) gets the file
/// at its old path in <c>HEAD</c>. Blobs are read through one <c>git cat-file --batch</c> process, started on the first
/// request (a run whose rules ask for nothing starts no git) and ended with the tree; requests take turns on it.
/// </summary>
/// <param name="ownRepositoryOnly">
/// Ignore <c>GIT_DIR</c> and its kin: the repository was named (<c>--tree DIR</c>), not found from where difflint runs.
/// </param>
public sealed class GitSourceTree(string directory, bool ownRepositoryOnly = false) : PreImageTree(directory)
{
    private readonly CatFileBatch _objects = new(directory, ownRepositoryOnly);

    protected override byte[]? ReadPreImage(FileDiff file) =>
        ObjectName(file) is { } name ? _objects.Read(name, "blob", MaximumPreImageBytes)?.Content : null;

    /// <summary>
    /// The blob id of the <c>index</c> line, or <c>HEAD:path</c> without one; null for a new file's zero id and for a
    /// path that cannot be asked for on cat-file's line-based input.
    /// </summary>
    private static string? ObjectName(FileDiff file)
    {
        if (file.OldBlob is { } blob) return blob.AsSpan().IndexOfAnyExcept('0') < 0 ? null : blob;
        return file.OldPath is { Length: > 0 } path && path.AsSpan().IndexOfAny('\n', '\r') < 0 ? "HEAD:" + path : null;
    }

    public override void Dispose() => _objects.Dispose();
}
