using Microsoft.CodeAnalysis.Text;

namespace DiffLint.Core.Analysis;

public enum LocationKind : byte
{
    /// <summary>A post-image file line.</summary>
    File,

    /// <summary>A line of the commit message or mail headers.</summary>
    CommitMessage,

    /// <summary>A line of the input that belongs to no file (damaged diff, encoding problem).</summary>
    Input,

    /// <summary>The patch as a whole (something missing, such as a sign-off).</summary>
    Patch,
}

/// <summary>
/// Where a diagnostic points. <see cref="Span"/> is 0-based (Roslyn's convention); for <see cref="LocationKind.File"/>
/// it is in post-image coordinates of <see cref="Path"/>, for a commit-message line it is within that line.
/// <see cref="InputLine"/> is always the 1-based line of the input file, which checkpatch-compatible output prints.
/// </summary>
public sealed record DiagnosticLocation(LocationKind Kind, string? Path, LinePositionSpan Span, int InputLine, string? LineText)
{
    /// <summary>1-based line in the post-image file, or 0 when the location is not in a file.</summary>
    public int Line => Kind == LocationKind.File ? Span.Start.Line + 1 : 0;

    /// <summary>1-based column.</summary>
    public int Column => Span.Start.Character + 1;

    public int EndColumn => Span.End.Character + 1;

    /// <summary>
    /// 1-based column in <see cref="InputLine"/>, where the input's lines are not the lines the rules read (a Patchwork
    /// JSON file, whose <c>content</c> and <c>diff</c> strings each sit on one line of the file); 0 when not known.
    /// </summary>
    public int InputColumn { get; init; }

    /// <summary>0-based character offset of the finding in the input file, known with <see cref="InputColumn"/>; -1 when not known.</summary>
    public int InputCharOffset { get; init; } = -1;

    /// <summary>1-based line of the commit message the finding is on, where the input does not show it (Patchwork JSON); 0 when not known.</summary>
    public int CommitMessageLine { get; init; }
}

/// <summary>A replacement of a span of a post-image file that removes the problem without changing meaning.</summary>
public sealed record CodeFix(string Description, string Path, LinePositionSpan Span, string Replacement);

/// <summary>One step of the path a finding follows (acquire → branch → exit), shown as SARIF <c>codeFlows</c>.</summary>
public sealed record FlowStep(DiagnosticLocation Location, string Message);

/// <summary>One finding; <see cref="Flow"/> is the path that leads to it, for findings about a path (empty otherwise).</summary>
public sealed record Diagnostic(RuleDescriptor Rule, Severity Severity, string Message, DiagnosticLocation Location, CodeFix? Fix = null)
{
    public string Id => Rule.Id;

    public System.Collections.Immutable.ImmutableArray<FlowStep> Flow { get; init; } = [];
}
