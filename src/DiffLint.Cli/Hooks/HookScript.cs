namespace DiffLint.Cli.Hooks;

/// <summary>
/// The POSIX sh script difflint writes into the hooks directory. Its <see cref="Marker"/> line tells
/// <c>hook status</c>/<c>hook uninstall</c> that difflint wrote it. When the embedded difflint is gone it says so and
/// exits 1: a missing checker must not silently let patches through.
/// </summary>
internal static class HookScript
{
    public const string Marker = "# installed by difflint";

    /// <summary>Where <c>--chain</c> moves a foreign hook; the script runs it first and stops when it fails.</summary>
    public static string ChainedName(string hookEvent) => hookEvent + ".pre-difflint";

    public static bool IsOurs(string content) => content.Contains(Marker, StringComparison.Ordinal);

    public static string Render(string hookEvent, HookProgram program, bool chain, string failOn)
    {
        var chained = "\"$(dirname \"$0\")/" + ChainedName(hookEvent) + "\"";
        var run = $"{program.ShellCommand} hook run {hookEvent} --fail-on {failOn} -- \"$@\"";
        var lines = new List<string>
        {
            "#!/bin/sh",
            $"{Marker} ({hookEvent} hook)",
            $"# 'difflint hook uninstall {hookEvent}' removes it; 'difflint hook install {hookEvent} --force' rewrites it.",
        };
        foreach (var path in program.Command)
        {
            lines.Add($"if [ ! -f {HookProgram.ShellQuote(path)} ]; then");
            lines.Add($"\techo \"difflint {hookEvent} hook: {path.Replace("\"", "\\\"", StringComparison.Ordinal)} is gone, so nothing was checked and this is refused.\" >&2");
            lines.Add($"\techo \"Reinstall DiffLint and run 'difflint hook install {hookEvent} --force', or remove this hook ($0).\" >&2");
            lines.Add("\texit 1");
            lines.Add("fi");
        }

        if (hookEvent == HookEvent.PrePush)
        {
            // git writes the pushed refs on stdin once; both hooks need them.
            lines.Add("refs=$(cat)");
            if (chain) lines.Add($"if [ -x {chained} ]; then printf '%s\\n' \"$refs\" | {chained} \"$@\" || exit $?; fi");
            lines.Add($"printf '%s\\n' \"$refs\" | {run}");
        }
        else
        {
            if (chain) lines.Add($"if [ -x {chained} ]; then {chained} \"$@\" || exit $?; fi");
            if (HookEvent.RuntimeSettings(hookEvent) is { Length: > 0 } settings) lines.Add("export " + settings);
            lines.Add("exec " + run);
        }

        return string.Join('\n', lines) + "\n";
    }
}
