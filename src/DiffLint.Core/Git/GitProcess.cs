using System.Diagnostics;
using System.Text;

namespace DiffLint.Core.Git;

/// <summary>What one run of the <c>git</c> binary produced.</summary>
public sealed record GitOutput(int ExitCode, byte[] StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Standard output as UTF-8 text without the final newline (for one-line answers such as a sha).</summary>
    public string Text => Encoding.UTF8.GetString(StandardOutput).TrimEnd('\n', '\r');

    /// <summary>The first line git wrote on standard error, for error messages.</summary>
    public string FirstErrorLine
    {
        get
        {
            var text = StandardError.Trim();
            var newline = text.IndexOf('\n');
            return newline < 0 ? text : text[..newline].TrimEnd('\r');
        }
    }
}

/// <summary>
/// Runs the real <c>git</c> binary with an argument list (never through a shell, so no argument is ever
/// re-interpreted), in a given directory, reading standard output as bytes and standard error as text concurrently.
/// </summary>
public static class GitProcess
{
    /// <summary>The executable that is run; <c>git</c> found on PATH.</summary>
    public const string Executable = "git";

    /// <summary>
    /// The variables that point git at a repository other than the one its working directory is in. A hook runs
    /// with some of them set; they are dropped when the repository is named explicitly (<c>--tree DIR</c>).
    /// </summary>
    private static readonly string[] RepositoryVariables =
        ["GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES"];

    /// <param name="ownRepositoryOnly">
    /// Ignore <c>GIT_DIR</c> and its kin, so git uses the repository <paramref name="workingDirectory"/> is in.
    /// </param>
    /// <exception cref="GitUnavailableException">git is not installed or cannot be started.</exception>
    /// <exception cref="TimeoutException">git did not finish within <paramref name="timeout"/> (it is killed).</exception>
    public static GitOutput Run(string workingDirectory, IEnumerable<string> arguments, TimeSpan? timeout = null, bool ownRepositoryOnly = false)
    {
        using var process = Start(workingDirectory, arguments, ownRepositoryOnly);
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        if (!process.WaitForExit(timeout ?? Timeout.InfiniteTimeSpan))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"git {string.Join(' ', process.StartInfo.ArgumentList)} did not finish within {timeout}");
        }

        copy.GetAwaiter().GetResult();
        process.WaitForExit();
        return new GitOutput(process.ExitCode, output.ToArray(), error.GetAwaiter().GetResult());
    }

    /// <summary>
    /// Starts git with standard input, output and error redirected, for a caller that talks to it while it runs
    /// (<c>git cat-file --batch</c>). The caller owns the process and must keep standard error drained.
    /// </summary>
    /// <exception cref="GitUnavailableException">git is not installed or cannot be started.</exception>
    public static Process Start(string workingDirectory, IEnumerable<string> arguments, bool ownRepositoryOnly = false)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardErrorEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Never wait for a credential or host-key prompt: DiffLint only reads the repository.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        if (ownRepositoryOnly)
        {
            foreach (var variable in RepositoryVariables) start.Environment.Remove(variable);
        }

        try
        {
            return Process.Start(start) ?? throw new GitUnavailableException("git could not be started");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new GitUnavailableException($"git could not be started ({ex.Message}); is git installed and on PATH?");
        }
    }
}

/// <summary>The git binary is missing or could not be started.</summary>
public sealed class GitUnavailableException(string message) : Exception(message);
