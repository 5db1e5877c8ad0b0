namespace DiffLint.Core.Model;

public enum DiffLineKind : byte
{
    Context,
    Added,
    Removed,
}

/// <summary>
/// One line of a hunk. <see cref="Text"/> excludes the leading ' ', '+' or '-'.
/// Line numbers are 1-based; a removed line has no post-image line (<see cref="NewLine"/> is 0)
/// and an added line no pre-image line (<see cref="OldLine"/> is 0).
/// <see cref="InputLine"/> is the 1-based line of the input file (mbox, mail, diff) it came from.
/// </summary>
public readonly record struct DiffLine(
    DiffLineKind Kind,
    ReadOnlyMemory<char> Text,
    int OldLine,
    int NewLine,
    int InputLine,
    bool NoNewlineAtEnd = false)
{
    public ReadOnlySpan<char> Span => Text.Span;

    public override string ToString()
    {
        var prefix = Kind switch { DiffLineKind.Added => '+', DiffLineKind.Removed => '-', _ => ' ' };
        return prefix + Text.ToString();
    }
}
