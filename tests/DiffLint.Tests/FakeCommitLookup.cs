using DiffLint.Core.Analysis;

namespace DiffLint.Tests;

/// <summary>
/// A repository stand-in for rules that verify commit references: the commits of a <c>.commits</c> file, one
/// <c>&lt;full sha&gt; &lt;subject&gt;</c> per line. Abbreviated shas resolve when exactly one commit starts with them, as in git.
/// </summary>
internal sealed class FakeCommitLookup(IReadOnlyList<CommitInfo> commits) : ICommitLookup
{
    public static FakeCommitLookup Load(string path) =>
        new([.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => l.Split(' ', 2)).Select(p => new CommitInfo(p[0], p[1]))]);

    public bool TryFind(string sha, out CommitInfo commit)
    {
        var matches = commits.Where(c => c.Sha.StartsWith(sha, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
        commit = matches.Count == 1 ? matches[0] : null!;
        return matches.Count == 1;
    }
}
