namespace DiffLint.Core.Analysis;

/// <summary>A commit found in a repository: its full sha and its subject (first line of the message).</summary>
public sealed record CommitInfo(string Sha, string Subject);

/// <summary>
/// Looks up commits that a commit message refers to (Fixes: tags, "commit abc123 (...)" references), so rules can say
/// whether a sha exists and whether the quoted subject matches. Absent when no repository is at hand; rules then
/// check the format only. Implementations must be thread-safe: patches are analysed in parallel.
/// </summary>
public interface ICommitLookup
{
    /// <summary>Resolves a full or abbreviated sha; false when the repository has no such commit (or it is ambiguous).</summary>
    bool TryFind(string sha, out CommitInfo commit);
}
