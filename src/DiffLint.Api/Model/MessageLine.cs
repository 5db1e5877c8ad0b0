namespace DiffLint.Core.Model;

/// <summary>A line of the commit message or the notes below <c>---</c>, with the 1-based input line it came from.</summary>
public readonly record struct MessageLine(ReadOnlyMemory<char> Text, int InputLine)
{
    public ReadOnlySpan<char> Span => Text.Span;
    public override string ToString() => Text.ToString();
}
