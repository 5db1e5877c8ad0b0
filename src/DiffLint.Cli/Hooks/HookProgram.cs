namespace DiffLint.Cli.Hooks;

/// <summary>
/// How an installed hook starts the very difflint that installed it: the apphost (<c>/opt/difflint/difflint</c>), or
/// <c>dotnet</c> with the assembly when difflint itself was started as <c>dotnet difflint.dll</c>. Absolute paths,
/// so the hook does not depend on PATH.
/// </summary>
internal sealed record HookProgram(IReadOnlyList<string> Command)
{
    public static HookProgram Current()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("the path of the running difflint is unknown");
        var assembly = typeof(HookProgram).Assembly.Location;
        return string.Equals(Path.GetFileNameWithoutExtension(process), "dotnet", StringComparison.OrdinalIgnoreCase)
            ? new HookProgram([process, assembly])
            : new HookProgram([process]);
    }

    /// <summary>The command as one POSIX shell word list.</summary>
    public string ShellCommand => string.Join(' ', Command.Select(ShellQuote));

    /// <summary>The file whose disappearance means difflint is gone (the apphost, or the assembly run by dotnet).</summary>
    public string Program => Command[^1];

    public static string ShellQuote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
