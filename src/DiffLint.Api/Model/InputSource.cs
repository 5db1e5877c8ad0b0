namespace DiffLint.Core.Model;

/// <summary>
/// Where patches came from: a file as named on the command line (kept as given, because
/// checkpatch-compatible output prints it), standard input (<c>-</c>), or text produced by a program (git output,
/// named e.g. <c>git:HEAD~3..</c>) that <see cref="Content"/> opens.
/// </summary>
public sealed record InputSource(string DisplayName, string? FilePath, int Ordinal)
{
    /// <summary>Opens input that is neither a file nor standard input.</summary>
    public Func<Stream>? Content { get; init; }

    /// <summary>
    /// Commits read from a repository (<c>--git</c>, the pre-push hook), not mail: the cover letter and the threading
    /// are added when they are sent, so the mail-only series checks leave them alone.
    /// </summary>
    public bool IsCommitsFromGit { get; init; }

    /// <summary>
    /// A commit message with no diff yet (the commit-msg hook turns the message file into a mail): only the message
    /// rules apply, and the missing diff is expected.
    /// </summary>
    public bool IsCommitMessageOnly { get; init; }

    public bool IsStandardInput => FilePath is null && Content is null;
}
