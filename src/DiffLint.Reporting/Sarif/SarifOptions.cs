namespace DiffLint.Reporting.Sarif;

/// <summary>Settings of the SARIF reporter.</summary>
/// <param name="Category">GitHub code scanning category; <c>automationDetails.id</c> becomes <c>Category/</c> (default <c>difflint/</c>).</param>
/// <param name="ToolVersion"><c>tool.driver.semanticVersion</c>; null means the assembly's informational version without <c>+sha</c>.</param>
/// <param name="RepositoryUri">
/// Repository URI for <c>versionControlProvenance</c> (the CLI's <c>--repository-uri</c>, else the current directory's
/// <c>origin</c> remote); the entry is omitted when null, since SARIF requires it.
/// </param>
/// <param name="BaseDirectory">Directory that input file paths are made relative to (default: the current directory).</param>
public sealed record SarifOptions(
    string? Category = null,
    string? ToolVersion = null,
    string? RepositoryUri = null,
    string? BaseDirectory = null);
