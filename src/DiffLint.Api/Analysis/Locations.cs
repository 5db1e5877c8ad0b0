using DiffLint.Core.Model;
using Microsoft.CodeAnalysis.Text;

namespace DiffLint.Core.Analysis;

/// <summary>Builds <see cref="DiagnosticLocation"/>s from the patch model.</summary>
public static class Locations
{
    /// <summary>Characters <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive) of a diff line, 0-based in the line's text.</summary>
    public static DiagnosticLocation InFile(FileDiff file, DiffLine line, int start, int end)
    {
        var postLine = Math.Max(line.NewLine, 1) - 1;
        return new DiagnosticLocation(LocationKind.File, file.Path,
            new LinePositionSpan(new LinePosition(postLine, start), new LinePosition(postLine, Math.Max(end, start))),
            line.InputLine, TextOf(line.Text));
    }

    [ThreadStatic]
    private static (ReadOnlyMemory<char> Memory, string Text) t_lastLine;

    /// <summary>
    /// The line's text as a string, shared by consecutive findings on the same line: a rule that reports every operator
    /// of a 1 MB line must not copy that line once per finding (time and memory would grow with its square).
    /// </summary>
    private static string TextOf(ReadOnlyMemory<char> memory)
    {
        var last = t_lastLine;
        if (last.Text is not null && last.Memory.Equals(memory)) return last.Text;
        var text = memory.ToString();
        t_lastLine = (memory, text);
        return text;
    }

    /// <summary>
    /// Forgets the last line's string: called when the buffer the lines were slices of is reused for another message,
    /// whose lines may then sit at the same places.
    /// </summary>
    internal static void ForgetLastLine() => t_lastLine = default;

    public static DiagnosticLocation InFile(FileDiff file, DiffLine line) => InFile(file, line, 0, line.Text.Length);

    public static DiagnosticLocation InMessage(MessageLine line, int messageLineIndex, int start, int end) =>
        new(LocationKind.CommitMessage, null,
            new LinePositionSpan(new LinePosition(messageLineIndex, start), new LinePosition(messageLineIndex, Math.Max(end, start))),
            line.InputLine, TextOf(line.Text));

    public static DiagnosticLocation AtSubject(Patch patch) =>
        new(LocationKind.CommitMessage, null, new LinePositionSpan(new LinePosition(0, 0), new LinePosition(0, 0)),
            patch.SubjectInputLine, patch.Subject.Raw);

    /// <summary>The subject line of a series member (series rules see summaries, not whole patches).</summary>
    public static DiagnosticLocation AtSubject(PatchSummary message) =>
        new(LocationKind.CommitMessage, null, new LinePositionSpan(new LinePosition(0, 0), new LinePosition(0, 0)),
            message.SubjectInputLine, message.Subject.Raw);

    public static DiagnosticLocation AtInputLine(int inputLine, string? path = null) =>
        new(LocationKind.Input, path, default, inputLine, null);

    /// <summary>The patch as a whole; like checkpatch, it points at the last line of the message.</summary>
    public static DiagnosticLocation AtPatch(Patch patch) =>
        new(LocationKind.Patch, null, default, patch.LastInputLine, null);
}
