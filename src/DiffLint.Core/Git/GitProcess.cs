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

    /// <exception cref="GitUnavailableException">git is not installed or cannot be started.</exception>
    /// <exception cref="TimeoutException">git did not finish within <paramref name="timeout"/> (it is killed).</exception>
    public static GitOutput Run(string workingDirectory, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Never wait for a credential or host-key prompt: DiffLint only reads the repository.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new GitUnavailableException("git could not be started");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new GitUnavailableException($"git could not be started ({ex.Message}); is git installed and on PATH?");
        }

        using (process)
        {
            process.StandardInput.Close();
            var error = process.StandardError.ReadToEndAsync();
            using var output = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
            if (!process.WaitForExit(timeout ?? Timeout.InfiniteTimeSpan))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"git {string.Join(' ', start.ArgumentList)} did not finish within {timeout}");
            }

            copy.GetAwaiter().GetResult();
            process.WaitForExit();
            return new GitOutput(process.ExitCode, output.ToArray(), error.GetAwaiter().GetResult());
        }
    }
}

/// <summary>The git binary is missing or could not be started.</summary>
public sealed class GitUnavailableException(string message) : Exception(message);
