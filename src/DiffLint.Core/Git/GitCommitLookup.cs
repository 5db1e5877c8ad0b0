using System.Collections.Concurrent;
using DiffLint.Core.Analysis;

namespace DiffLint.Core.Git;

/// <summary>
/// <see cref="ICommitLookup"/> backed by the repository at hand: <c>git rev-parse --verify --quiet &lt;sha&gt;^{commit}</c>
/// resolves the sha, <c>git log -1 --format=%s</c> gives its subject. Answers are cached per sha (a series cites the
/// same commit many times); concurrent look-ups of one sha start git once.
/// </summary>
public sealed class GitCommitLookup(GitRepository repository) : ICommitLookup
{
    /// <summary>git accepts abbreviations from 4 hex digits; SHA-256 object names have 64.</summary>
    private const int MinimumLength = 4;
    private const int MaximumLength = 64;

    private readonly ConcurrentDictionary<string, Lazy<CommitInfo?>> _cache = new(StringComparer.OrdinalIgnoreCase);

    public bool TryFind(string sha, out CommitInfo commit)
    {
        commit = null!;
        // Only hex reaches git: a "sha" comes from a mail and could otherwise be an option such as --output=...
        if (sha.Length is < MinimumLength or > MaximumLength || !sha.AsSpan().ContainsOnlyHex()) return false;
        var found = _cache.GetOrAdd(sha, s => new Lazy<CommitInfo?>(() => Resolve(s))).Value;
        if (found is null) return false;
        commit = found;
        return true;
    }

    private CommitInfo? Resolve(string sha)
    {
        try
        {
            var full = GitProcess.Run(repository.Directory, ["rev-parse", "--verify", "--quiet", sha + "^{commit}"]);
            if (!full.Succeeded) return null;
            var fullSha = full.Text;
            var subject = GitProcess.Run(repository.Directory, ["log", "-1", "--no-color", "--format=%s", fullSha, "--"]);
            return subject.Succeeded ? new CommitInfo(fullSha, subject.Text) : null;
        }
        catch (GitUnavailableException)
        {
            // A .git directory without a git binary: the commit cannot be confirmed, as if it were not there.
            return null;
        }
    }
}

file static class HexSpan
{
    public static bool ContainsOnlyHex(this ReadOnlySpan<char> text) => !text.ContainsAnyExcept(HexDigits);

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
}
