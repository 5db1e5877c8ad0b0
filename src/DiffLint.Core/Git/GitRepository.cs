using DiffLint.Core.Model;
using DiffLint.Core.Reading;

namespace DiffLint.Core.Git;

/// <summary>
/// A git work tree (or bare repository) at hand, read through the real <c>git</c> binary: commits as the series
/// <c>git format-patch --stdout</c> would mail, the uncommitted change as a diff, and commit look-ups.
/// </summary>
public sealed class GitRepository
{
    private GitRepository(string directory) => Directory = directory;

    /// <summary>The directory git commands run in (where the repository was discovered from).</summary>
    public string Directory { get; }

    /// <summary>
    /// Finds the repository that contains <paramref name="directory"/> without starting git: <c>GIT_DIR</c> when set,
    /// else a <c>.git</c> directory or file (worktrees, submodules) in it or a parent. Null when there is none, so
    /// callers pay for no process outside a repository.
    /// </summary>
    public static GitRepository? Discover(string directory)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GIT_DIR"))) return new GitRepository(directory);
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var marker = Path.Combine(dir.FullName, ".git");
            if (System.IO.Directory.Exists(marker) || File.Exists(marker)) return new GitRepository(directory);
        }

        return null;
    }

    /// <summary>Like <see cref="Discover"/>, but an input error naming the directory when it is not in a repository.</summary>
    public static GitRepository Open(string directory) =>
        Discover(directory) ?? throw new GitInputException(directory, "not a git repository (or any of its parents); run difflint inside the repository");

    /// <summary>
    /// The commits of <paramref name="range"/> as one mbox, exactly as <c>git format-patch --stdout</c> writes it.
    /// A range (<c>a..b</c>, <c>a...b</c>, <c>^a b</c>, <c>c^!</c>) is passed on; a single revision means that one
    /// commit (<c>-1 rev</c>), not format-patch's "everything since rev"; null means the commits not yet upstream
    /// (<c>@{upstream}..</c>). The input is named <c>git:&lt;range&gt;</c>; null when the range has no commits.
    /// </summary>
    public InputSource? FormatPatch(string? range, int ordinal)
    {
        var spec = range ?? "@{upstream}..";
        var display = "git:" + spec;
        if (spec.Length == 0 || spec.StartsWith('-'))
            throw new GitInputException(display, "expected a revision range such as origin/master.. or HEAD~3.., or one commit");

        string[] revisions = IsRange(spec) ? [spec] : ["-1", spec];
        return FormatPatch(revisions, display, ordinal, range is null
            ? "the current branch has no upstream; name the commits, e.g. --git origin/master.. or --git HEAD~3.."
            : "not a revision range git knows");
    }

    /// <summary><c>git format-patch --stdout</c> over revision arguments (e.g. <c>tip --not --remotes=origin</c>).</summary>
    public InputSource? FormatPatch(IReadOnlyList<string> revisions, string display, int ordinal, string whatWentWrong)
    {
        var output = Run(display, ["format-patch", "--stdout", "--no-color", .. revisions, "--"], whatWentWrong);
        return Snapshot(display, output.StandardOutput, ordinal) is { } commits ? commits with { IsCommitsFromGit = true } : null;
    }

    /// <summary>Whether the repository has this object as a commit (a pushed-over remote tip may be unknown here).</summary>
    public bool HasCommit(string sha) => GitProcess.Run(Directory, ["cat-file", "-e", sha + "^{commit}"]).Succeeded;

    /// <summary>
    /// The staged change (<c>git diff --cached</c>) or the unstaged one (<c>git diff</c>) as a plain diff, named
    /// <c>git:staged</c> or <c>git:worktree</c>; null when there is no such change.
    /// </summary>
    public InputSource? UncommittedDiff(bool staged, int ordinal)
    {
        var display = staged ? "git:staged" : "git:worktree";
        string[] arguments = staged ? ["diff", "--cached", "--no-color", "--no-ext-diff"] : ["diff", "--no-color", "--no-ext-diff"];
        var output = Run(display, arguments, "git diff failed");
        return Snapshot(display, output.StandardOutput, ordinal);
    }

    /// <summary>Runs git in this repository; a failure becomes an input error with git's own first error line.</summary>
    public GitOutput Run(string display, IReadOnlyList<string> arguments, string whatWentWrong)
    {
        var output = GitProcess.Run(Directory, arguments);
        if (output.Succeeded) return output;
        var detail = output.FirstErrorLine;
        throw new GitInputException(display, detail.Length == 0 ? whatWentWrong : $"{whatWentWrong} ({detail})");
    }

    /// <summary>A revision argument is a range when it names two ends or excludes one (see gitrevisions(7)).</summary>
    public static bool IsRange(string revision) =>
        revision.Contains("..", StringComparison.Ordinal) || revision.StartsWith('^') ||
        revision.EndsWith("^!", StringComparison.Ordinal) || revision.EndsWith("^@", StringComparison.Ordinal) ||
        revision.Contains("^-", StringComparison.Ordinal);

    /// <summary>git's output is kept in memory (a series is small) so that the runner can read it like a file.</summary>
    private static InputSource? Snapshot(string display, byte[] bytes, int ordinal) =>
        bytes.Length == 0 ? null : new InputSource(display, null, ordinal) { Content = () => new MemoryStream(bytes, writable: false) };
}

/// <summary>A git input that cannot be read: not a repository, an unknown range, git failing.</summary>
public sealed class GitInputException(string input, string message) : Exception(message)
{
    public InputError ToInputError() => new(Input, null, null, Message);

    public string Input { get; } = input;
}
