using DiffLint.Core.Git;

namespace DiffLint.Tests.Git;

/// <summary>A test that drives the real git binary: skipped, with the reason, where git cannot be started.</summary>
public sealed class GitFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Unavailable = new(() =>
    {
        try
        {
            return GitProcess.Run(Path.GetTempPath(), ["version"]).Succeeded ? null : "git version failed";
        }
        catch (GitUnavailableException ex)
        {
            return ex.Message;
        }
    });

    public GitFactAttribute()
    {
        if (Unavailable.Value is { } reason) Skip = "needs the git binary: " + reason;
    }
}
