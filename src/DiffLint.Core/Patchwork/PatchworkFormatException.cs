namespace DiffLint.Core.Patchwork;

/// <summary>
/// The input is not readable Patchwork JSON. <see cref="Line"/> and <see cref="Column"/> are 1-based and
/// point into the original file (browsable-API preamble lines included), so a user can open the file there.
/// </summary>
public sealed class PatchworkFormatException : Exception
{
    public PatchworkFormatException(string detail, int line, int column)
        : base($"Patchwork JSON, line {line}, column {column}: {detail}")
    {
        Detail = detail;
        Line = line;
        Column = column;
    }

    /// <summary>The message without the position prefix.</summary>
    public string Detail { get; }

    public int Line { get; }

    /// <summary>Counted in characters (UTF-8 code points), not bytes, so it matches what an editor shows.</summary>
    public int Column { get; }
}
