namespace DiffLint.Core.Reading;

/// <summary>An input that could not be read at all (missing, empty, not a patch, malformed JSON).</summary>
public sealed record InputError(string Input, int? Line, int? Column, string Message)
{
    public override string ToString() =>
        Line is { } line ? $"{Input}:{line}{(Column is { } c ? ":" + c : "")}: {Message}" : $"{Input}: {Message}";
}
