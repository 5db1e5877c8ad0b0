using System.Diagnostics;

namespace DiffLint.Tests.Git;

/// <summary>
/// A throw-away git repository under the temp directory, driven by the real git binary and the real built difflint
/// (the apphost copied beside the test assembly), isolated from the user's and the system's git configuration.
/// </summary>
internal sealed class GitSandbox : IDisposable
{
    public GitSandbox()
    {
        Root = Path.Combine(Path.GetTempPath(), "difflint-git-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Git("init", "-q", "-b", "master");
        Git("config", "user.name", "Ada Tester");
        Git("config", "user.email", "ada@example.com");
        Commit("base.c", "int base;\n", "base: first file", signOff: true);
    }

    public string Root { get; }

    /// <summary>
    /// Variables set (null: removed) in every process the sandbox runs, after its own. Hook servers are off unless a
    /// test turns them on: a hook run would otherwise start one that outlives the test.
    /// </summary>
    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal) { ["DIFFLINT_HOOK_SERVER"] = "0" };

    public static string DiffLint => Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "difflint.exe" : "difflint");

    public string HooksDirectory => Path.Combine(Root, ".git", "hooks");

    public (int Exit, string Out, string Err) Git(params string[] arguments) => Run("git", arguments);

    public (int Exit, string Out, string Err) RunDiffLint(params string[] arguments) => Run(DiffLint, arguments);

    /// <summary>A bare repository inside .git as remote <c>origin</c>, with master pushed to it when asked; its path.</summary>
    public string AddOrigin(bool pushMaster)
    {
        var remote = Path.Combine(Root, ".git", "remote.git");
        Succeed(Git("init", "-q", "--bare", remote));
        Succeed(Git("remote", "add", "origin", remote));
        if (pushMaster) Succeed(Git("push", "-q", "origin", "master"));
        return remote;
    }

    /// <summary>Writes a file and commits it; the message gets a Signed-off-by only when asked.</summary>
    public string Commit(string file, string content, string subject, bool signOff, string? body = null)
    {
        File.WriteAllText(Path.Combine(Root, file), content);
        Succeed(Git("add", file));
        var message = body is null ? subject : subject + "\n\n" + body;
        Succeed(signOff ? Git("commit", "-q", "-s", "-m", message) : Git("commit", "-q", "-m", message));
        return Git("rev-parse", "HEAD").Out.Trim();
    }

    public static void MakeExecutable(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
    }

    public static (int Exit, string Out, string Err) Succeed((int Exit, string Out, string Err) result)
    {
        Assert.True(result.Exit == 0, $"exit {result.Exit}: {result.Err}{result.Out}");
        return result;
    }

    public (int Exit, string Out, string Err) Run(string program, IEnumerable<string> arguments, string? standardInput = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["HOME"] = Root;
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["NO_COLOR"] = "1";
        // XDG_CACHE_HOME too: compiled single-file rules are then cached under the sandbox's HOME.
        foreach (var variable in new[] { "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "DIFFLINT_SKIP", "GIT_EDITOR", "XDG_CACHE_HOME" }) start.Environment.Remove(variable);
        foreach (var (name, value) in Environment) start.Environment[name] = value;
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(standardInput ?? "");
        process.StandardInput.Close();
        process.WaitForExit();
        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A git process still closing a file; the temp directory is cleaned by the system.
        }
    }
}
