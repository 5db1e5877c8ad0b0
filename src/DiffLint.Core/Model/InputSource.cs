namespace DiffLint.Core.Model;

/// <summary>
/// Where patches came from: a file as named on the command line (kept as given, because
/// checkpatch-compatible output prints it), or standard input (<c>-</c>).
/// </summary>
public sealed record InputSource(string DisplayName, string? FilePath, int Ordinal)
{
    public bool IsStandardInput => FilePath is null;
}
