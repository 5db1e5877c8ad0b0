using DiffLint.Core.Git;

namespace DiffLint.Cli;

/// <summary>
/// The repository URI for SARIF <c>versionControlProvenance</c> when <c>--repository-uri</c> is not given: the
/// <c>origin</c> remote of the git repository in a directory, as a browsable https URI.
/// </summary>
public static class GitOrigin
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// <c>git remote get-url origin</c> run in <paramref name="directory"/>, normalised; null when git is missing, the
    /// directory is not a repository, there is no origin or git does not answer in time (provenance is optional).
    /// </summary>
    public static string? RepositoryUri(string directory)
    {
        try
        {
            var origin = GitProcess.Run(directory, ["remote", "get-url", "origin"], Timeout);
            return origin.Succeeded ? Normalize(origin.Text.Trim()) : null;
        }
        catch (Exception ex) when (ex is GitUnavailableException or TimeoutException or InvalidOperationException or IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// <c>git@host:owner/repo.git</c> and <c>ssh://git@host/owner/repo.git</c> become <c>https://host/owner/repo</c>;
    /// http(s) URLs lose their user information (a token must not end up in a report) and a trailing <c>.git</c>.
    /// Anything else (a local path, an unknown scheme) gives null rather than a URI that is not one.
    /// </summary>
    public static string? Normalize(string remote)
    {
        if (remote.Length == 0) return null;
        string host, path;
        if (Uri.TryCreate(remote, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "ssh" or "git")
        {
            host = uri.IsDefaultPort || uri.Scheme != "https" ? uri.Host : uri.Host + ":" + uri.Port;
            path = uri.AbsolutePath;
        }
        else if (ScpLike(remote) is { } scp)
        {
            (host, path) = scp;
        }
        else
        {
            return null;
        }

        path = path.Trim('/');
        if (path.EndsWith(".git", StringComparison.Ordinal)) path = path[..^4];
        return host.Length == 0 || path.Length == 0 ? null : $"https://{host}/{path}";
    }

    /// <summary>git's scp-like syntax <c>[user@]host:path</c> (no <c>scheme://</c>, a colon before any slash).</summary>
    private static (string Host, string Path)? ScpLike(string remote)
    {
        var colon = remote.IndexOf(':');
        var slash = remote.IndexOf('/');
        // A one-letter "host" is a Windows drive (C:\repo), as git itself reads it.
        if (colon <= 1 || (slash >= 0 && slash < colon) || remote.Contains('\\') || remote.AsSpan(colon).StartsWith("://")) return null;
        var host = remote[..colon];
        var at = host.LastIndexOf('@');
        if (at >= 0) host = host[(at + 1)..];
        return (host, remote[(colon + 1)..]);
    }
}
