namespace DiffLint.Cli;

/// <summary>Process exit codes; scripts and git hooks depend on them.</summary>
public static class ExitCodes
{
    /// <summary>Nothing at or above the --fail-on level.</summary>
    public const int Clean = 0;

    /// <summary>At least one finding at or above the --fail-on level.</summary>
    public const int Findings = 1;

    /// <summary>Bad command line, or an input that could not be read.</summary>
    public const int UsageOrInput = 2;

    /// <summary>DiffLint itself failed (a rule or the reader threw).</summary>
    public const int InternalError = 3;
}
