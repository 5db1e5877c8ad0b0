using System.Collections.Concurrent;
using System.Text;
using DiffLint.Core.Analysis;

namespace DiffLint.Core.Git;

/// <summary>
/// <see cref="ICommitLookup"/> backed by the repository at hand. Commits are read through one <c>git cat-file --batch</c>
/// process (<c>&lt;sha&gt;^{commit}</c> resolves the name as <c>git rev-parse --verify</c> does), started on the first
/// look-up and ended with the lookup: a mbox cites hundreds of commits, and two git runs per sha cost more CPU than
/// any rule. The subject is taken from the raw commit as <c>git log --format=%s</c> writes it; a commit
/// whose message is not UTF-8 (an <c>encoding</c> header) asks <c>git log</c> itself, which re-encodes it. Answers are
/// cached per sha (a series cites the same commit many times); concurrent look-ups of one sha ask git once.
/// </summary>
public sealed class GitCommitLookup(GitRepository repository) : ICommitLookup, IDisposable
{
    /// <summary>git accepts abbreviations from 4 hex digits; SHA-256 object names have 64.</summary>
    private const int MinimumLength = 4;
    private const int MaximumLength = 64;

    /// <summary>Larger commit objects are not read (a message is a few KB; the headers of a merge of many parents more).</summary>
    private const long MaximumCommitBytes = 16 << 20;

    private readonly ConcurrentDictionary<string, Lazy<CommitInfo?>> _cache = new(StringComparer.OrdinalIgnoreCase);
    private readonly CatFileBatch _objects = new(repository.Directory);

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
        if (_objects.Read(sha + "^{commit}", "commit", MaximumCommitBytes) is not var (id, content)) return null;
        return (Subject(content) ?? LoggedSubject(id)) is { } subject ? new CommitInfo(id, subject) : null;
    }

    /// <summary>
    /// <c>%s</c> of the raw commit: after the headers and any blank lines, the lines up to the next blank line, each
    /// without its trailing whitespace, joined by spaces (git's <c>format_subject</c>); null when the message names
    /// another encoding than UTF-8, which git re-encodes.
    /// </summary>
    internal static string? Subject(ReadOnlySpan<byte> commit)
    {
        var rest = commit;
        while (!rest.IsEmpty)
        {
            var line = TakeLine(ref rest);
            if (line.IsEmpty) break;
            if (line.StartsWith("encoding "u8) && !IsUtf8(line["encoding "u8.Length..])) return null;
        }

        var subject = new List<byte>();
        while (!rest.IsEmpty)
        {
            var line = TrimEndSpace(TakeLine(ref rest));
            if (line.IsEmpty)
            {
                if (subject.Count == 0) continue;
                break;
            }

            if (subject.Count > 0) subject.Add((byte)' ');
            subject.AddRange(line);
        }

        return Encoding.UTF8.GetString([.. subject]);
    }

    private static ReadOnlySpan<byte> TakeLine(ref ReadOnlySpan<byte> rest)
    {
        var newline = rest.IndexOf((byte)'\n');
        var line = newline < 0 ? rest : rest[..newline];
        rest = newline < 0 ? [] : rest[(newline + 1)..];
        return line;
    }

    /// <summary>Without git's trailing whitespace: space, tab, CR (and LF, already cut).</summary>
    private static ReadOnlySpan<byte> TrimEndSpace(ReadOnlySpan<byte> line) => line.TrimEnd(" \t\r\n"u8);

    private static bool IsUtf8(ReadOnlySpan<byte> name) =>
        Ascii.EqualsIgnoreCase(name, "utf-8"u8) || Ascii.EqualsIgnoreCase(name, "utf8"u8);

    /// <summary>The subject as <c>git log</c> writes it, re-encoded to UTF-8; null when git cannot say.</summary>
    private string? LoggedSubject(string id)
    {
        try
        {
            var subject = GitProcess.Run(repository.Directory, ["log", "-1", "--no-color", "--format=%s", id, "--"]);
            return subject.Succeeded ? subject.Text : null;
        }
        catch (GitUnavailableException)
        {
            return null;
        }
    }

    public void Dispose() => _objects.Dispose();
}

file static class HexSpan
{
    public static bool ContainsOnlyHex(this ReadOnlySpan<char> text) => !text.ContainsAnyExcept(HexDigits);

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
}
