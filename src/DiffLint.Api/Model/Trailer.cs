namespace DiffLint.Core.Model;

/// <summary>
/// A <c>Key: value</c> line of the commit message's trailer block (Signed-off-by, Reviewed-by, Fixes, ...).
/// <see cref="Key"/> is as written (case kept, so rules can flag misspelt tags).
/// </summary>
public sealed record Trailer(string Key, string Value, int InputLine, int MessageLineIndex)
{
    public bool Is(string key) => Key.Equals(key, StringComparison.OrdinalIgnoreCase);
}
