using System.Security.Cryptography;
using System.Text;
using DiffLint.Core.Model;

namespace DiffLint.Core.Trees;

/// <summary>
/// A plain source directory (an unpacked release, a checkout without git at hand) as a tree: the pre-image is the file
/// at the patch's old path. When the patch's <c>index</c> line names the pre-image blob, the file must hash to it (git's
/// blob id, SHA-1 or SHA-256), so another version of the file is never patched; without that line only the hunks
/// applying vouches for it. A path that is absolute or climbs out with <c>..</c> is refused: it comes from a mail.
/// </summary>
public sealed class DirectorySourceTree(string directory) : PreImageTree(directory)
{
    private readonly string _root = Path.GetFullPath(directory);

    protected override byte[]? ReadPreImage(FileDiff file)
    {
        if (file.OldPath is not { } path || !IsContained(path)) return null;
        var fullPath = Path.GetFullPath(Path.Combine(_root, path));
        if (!fullPath.StartsWith(Path.TrimEndingDirectorySeparator(_root) + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return null;
        byte[] bytes;
        try
        {
            var info = new FileInfo(fullPath);
            if (!info.Exists || info.Length > MaximumPreImageBytes) return null;
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return file.OldBlob is { } blob && !HasBlobId(bytes, blob) ? null : bytes;
    }

    /// <summary>A relative path whose every component names something inside the directory.</summary>
    private static bool IsContained(string path)
    {
        if (path.Length == 0 || Path.IsPathRooted(path) || path.Contains('\0')) return false;
        foreach (var component in path.Split('/', '\\'))
        {
            if (component == "..") return false;
        }

        return true;
    }

    /// <summary>
    /// Whether git would name <paramref name="content"/> <paramref name="abbreviatedId"/>: the hash of
    /// <c>blob &lt;length&gt;\0</c> and the content starts with it. SHA-1 is tried first; a repository in SHA-256 format
    /// writes those ids instead, and an abbreviation does not say which.
    /// </summary>
    internal static bool HasBlobId(byte[] content, string abbreviatedId)
    {
        var header = Encoding.ASCII.GetBytes($"blob {content.Length}\0");
        return Matches(HashAlgorithmName.SHA1) || Matches(HashAlgorithmName.SHA256);

        bool Matches(HashAlgorithmName algorithm)
        {
            using var hash = IncrementalHash.CreateHash(algorithm);
            hash.AppendData(header);
            hash.AppendData(content);
            var id = Convert.ToHexStringLower(hash.GetHashAndReset());
            return abbreviatedId.Length <= id.Length && id.StartsWith(abbreviatedId, StringComparison.OrdinalIgnoreCase);
        }
    }
}
