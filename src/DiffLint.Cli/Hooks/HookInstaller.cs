using DiffLint.Core.Git;

namespace DiffLint.Cli.Hooks;

/// <summary>How a hook is installed.</summary>
internal enum HookForm
{
    /// <summary>An executable script in the hooks directory (<c>git rev-parse --git-path hooks</c>, which honours core.hooksPath).</summary>
    Script,

    /// <summary>
    /// Git ≥ 2.54: <c>hook.difflint-&lt;event&gt;.command</c>/<c>.event</c> in the repository config; it runs beside any
    /// script hook, so nothing is overwritten.
    /// </summary>
    Config,
}

/// <summary>Installs, removes and describes difflint's git hooks in one repository.</summary>
internal sealed class HookInstaller(GitRepository repository, GitVersion version, HookProgram program)
{
    public static HookForm ChooseForm(GitVersion version) => version >= GitVersion.ConfigHooks ? HookForm.Config : HookForm.Script;

    /// <summary>The config section of the config form; the name must differ from every hook event name.</summary>
    public static string ConfigName(string hookEvent) => "hook.difflint-" + hookEvent;

    public HookForm Form => ChooseForm(version);

    /// <summary>The hooks directory, absolute.</summary>
    public string HooksDirectory
    {
        get
        {
            var path = repository.Run("hooks", ["rev-parse", "--git-path", "hooks"], "cannot find the hooks directory").Text;
            return Path.GetFullPath(path, repository.Directory);
        }
    }

    /// <summary>Installs; returns the exit code and says what happened on <paramref name="stdout"/> or why not on <paramref name="stderr"/>.</summary>
    public int Install(string hookEvent, bool chain, bool force, string failOn, TextWriter stdout, TextWriter stderr)
    {
        if (Form == HookForm.Config)
        {
            var name = ConfigName(hookEvent);
            repository.Run(name, ["config", "--local", name + ".command", $"{RuntimePrefix(hookEvent)}{program.ShellCommand} hook run {hookEvent} --fail-on {failOn} --"], "git config failed");
            repository.Run(name, ["config", "--local", "--replace-all", name + ".event", hookEvent], "git config failed");
            stdout.WriteLine($"difflint: {hookEvent} hook declared in the repository config ({name}.command, git {version}); it runs {program.Program}");
            return ExitCodes.Clean;
        }

        var directory = HooksDirectory;
        var path = Path.Combine(directory, hookEvent);
        var chainedPath = Path.Combine(directory, HookScript.ChainedName(hookEvent));
        var ours = File.Exists(path) && HookScript.IsOurs(File.ReadAllText(path));
        var chainExisting = ours && File.Exists(chainedPath);
        if (File.Exists(path) && !ours)
        {
            if (chain)
            {
                if (File.Exists(chainedPath))
                {
                    stderr.WriteLine($"difflint: cannot chain {path}: {chainedPath} exists already; move one of them away");
                    return ExitCodes.UsageOrInput;
                }

                File.Move(path, chainedPath);
                chainExisting = true;
            }
            else if (!force)
            {
                stderr.WriteLine($"difflint: {path} exists and was not written by difflint; left alone.");
                stderr.WriteLine($"  --chain keeps it and runs it before difflint (as {HookScript.ChainedName(hookEvent)}); --force replaces it.");
                return ExitCodes.UsageOrInput;
            }
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(path, HookScript.Render(hookEvent, program, chain || chainExisting, failOn));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        var chained = chain || chainExisting ? $", after {chainedPath}" : "";
        stdout.WriteLine($"difflint: {hookEvent} hook installed in {path}{chained}; it runs {program.Program}");
        return ExitCodes.Clean;
    }

    private static string RuntimePrefix(string hookEvent) => HookEvent.RuntimeSettings(hookEvent) is { Length: > 0 } settings ? settings + " " : "";

    /// <summary>Removes what difflint installed for the event (and puts a chained hook back); a foreign hook stays.</summary>
    public int Uninstall(string hookEvent, TextWriter stdout, TextWriter stderr)
    {
        var removed = false;
        var name = ConfigName(hookEvent);
        if (ConfigCommand(hookEvent) is not null)
        {
            repository.Run(name, ["config", "--local", "--remove-section", name], "git config failed");
            stdout.WriteLine($"difflint: {hookEvent} hook removed from the repository config ({name})");
            removed = true;
        }

        var directory = HooksDirectory;
        var path = Path.Combine(directory, hookEvent);
        if (File.Exists(path))
        {
            if (!HookScript.IsOurs(File.ReadAllText(path)))
            {
                stderr.WriteLine($"difflint: {path} was not written by difflint; left alone");
                return removed ? ExitCodes.Clean : ExitCodes.UsageOrInput;
            }

            File.Delete(path);
            var chainedPath = Path.Combine(directory, HookScript.ChainedName(hookEvent));
            if (File.Exists(chainedPath))
            {
                File.Move(chainedPath, path);
                stdout.WriteLine($"difflint: {hookEvent} hook removed from {path}; the hook it chained is back in place");
            }
            else
            {
                stdout.WriteLine($"difflint: {hookEvent} hook removed from {path}");
            }

            removed = true;
        }

        if (!removed) stdout.WriteLine($"difflint: no difflint {hookEvent} hook installed");
        return ExitCodes.Clean;
    }

    /// <summary>One line per event: installed by difflint (and whether its difflint still exists), foreign, or absent.</summary>
    public void Status(TextWriter stdout)
    {
        var directory = HooksDirectory;
        stdout.WriteLine($"git {version}; hooks directory {directory}; new hooks are installed as {(Form == HookForm.Config ? "config entries" : "scripts")}");
        foreach (var hookEvent in HookEvent.All)
        {
            var states = new List<string>();
            if (ConfigCommand(hookEvent) is { } command) states.Add($"difflint, in config ({ConfigName(hookEvent)}.command = {command})");
            var path = Path.Combine(directory, hookEvent);
            if (File.Exists(path))
            {
                var content = File.ReadAllText(path);
                if (!HookScript.IsOurs(content))
                {
                    states.Add($"another tool's script {path}");
                }
                else
                {
                    var gone = MissingPrograms(content);
                    var chained = File.Exists(Path.Combine(directory, HookScript.ChainedName(hookEvent))) ? ", chained after the previous hook" : "";
                    states.Add(gone.Count == 0
                        ? $"difflint script {path}{chained}"
                        : $"difflint script {path}{chained}, BROKEN: {string.Join(", ", gone)} is gone; run 'difflint hook install {hookEvent} --force'");
                }
            }

            stdout.WriteLine($"{hookEvent}: {(states.Count == 0 ? "not installed" : string.Join("; ", states))}");
        }
    }

    private string? ConfigCommand(string hookEvent)
    {
        var output = GitProcess.Run(repository.Directory, ["config", "--local", "--get", ConfigName(hookEvent) + ".command"]);
        return output.Succeeded ? output.Text : null;
    }

    /// <summary>The embedded program paths (the <c>[ ! -f '...' ]</c> checks) that no longer exist.</summary>
    private static List<string> MissingPrograms(string script)
    {
        const string Check = "if [ ! -f '";
        var missing = new List<string>();
        foreach (var line in script.Split('\n'))
        {
            if (!line.StartsWith(Check, StringComparison.Ordinal)) continue;
            var end = line.LastIndexOf("' ]", StringComparison.Ordinal);
            if (end <= Check.Length) continue;
            var path = line[Check.Length..end].Replace("'\\''", "'", StringComparison.Ordinal);
            if (!File.Exists(path)) missing.Add(path);
        }

        return missing;
    }
}
