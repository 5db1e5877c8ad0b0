namespace DiffLint.Core.Analysis;

/// <summary>The levels DiffLint reports at; the names are SARIF's <c>level</c> values.</summary>
public enum Severity : byte
{
    Note,
    Warning,
    Error,
}

public static class SeverityNames
{
    public static string ToName(this Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    public static bool TryParse(string? text, out Severity severity)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "error": severity = Severity.Error; return true;
            case "warning" or "warn": severity = Severity.Warning; return true;
            case "note" or "info" or "suggestion": severity = Severity.Note; return true;
            default: severity = Severity.Note; return false;
        }
    }
}
