using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
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

/// <summary>
/// One finding. Its <see cref="Message"/> is the rule's <see cref="RuleDescriptor.MessageFormat"/> filled with
/// <see cref="Arguments"/> (<see cref="Create(RuleDescriptor, Severity, DiagnosticLocation, CodeFix, object[])"/>), as
/// Roslyn's diagnostics keep theirs, so that another wording of the same finding (<see cref="CheckpatchMessage"/>) is
/// made from the same values. <see cref="Flow"/> is the path that leads to it, for findings about a path (empty
/// otherwise).
/// </summary>
public sealed record Diagnostic(RuleDescriptor Rule, Severity Severity, string Message, DiagnosticLocation Location, CodeFix? Fix = null)
{
    public string Id => Rule.Id;

    public ImmutableArray<FlowStep> Flow { get; init; } = [];

    /// <summary>
    /// The values <see cref="Message"/> was made with from <see cref="RuleDescriptor.MessageFormat"/>: strings,
    /// numbers, enums and null as given, any other value as the text the message shows for it (so none can change
    /// after the report). Default when the message was written without the format (the constructor).
    /// </summary>
    public ImmutableArray<object?> Arguments { get; init; }

    /// <summary>
    /// How many more findings of this rule on the same input line were not kept (over
    /// <see cref="DiagnosticSink.MaxPerRuleAndLine"/>); the end of <see cref="Message"/> says so when it is not 0.
    /// </summary>
    public int Unlisted { get; init; }

    /// <summary>
    /// The kernel script's wording of the finding: the rule's <see cref="RuleDescriptor.CheckpatchMessageFormat"/>
    /// filled with <see cref="Arguments"/>; <see cref="Message"/> when the rule has no such wording or the message was
    /// not made from its format.
    /// </summary>
    public string CheckpatchMessage => Rule.CheckpatchMessageFormat is { } format && !Arguments.IsDefault
        ? string.Format(CultureInfo.InvariantCulture, format, ImmutableCollectionsMarshal.AsArray(Arguments)!) + UnlistedNote(Unlisted)
        : Message;

    /// <summary>A finding of <paramref name="rule"/> whose message is its format filled with <paramref name="args"/>.</summary>
    public static Diagnostic Create(RuleDescriptor rule, Severity severity, DiagnosticLocation location, CodeFix? fix, params object?[] args) =>
        Create(rule, severity, rule.FormatMessage(args), location, fix, [], args);

    /// <summary>A finding whose <paramref name="message"/> <see cref="RuleDescriptor.FormatMessage"/> made from <paramref name="args"/>.</summary>
    internal static Diagnostic Create(RuleDescriptor rule, Severity severity, string message, DiagnosticLocation location, CodeFix? fix,
        ImmutableArray<FlowStep> flow, object?[] args)
    {
        var kept = args.Length == 0 ? [] : new object?[args.Length];
        for (var i = 0; i < args.Length; i++) kept[i] = Kept(args[i]);
        return new Diagnostic(rule, severity, message, location, fix) { Flow = flow, Arguments = ImmutableCollectionsMarshal.AsImmutableArray(kept) };
    }

    /// <summary>This finding saying that <paramref name="count"/> more like it on its line are not listed.</summary>
    internal Diagnostic WithUnlisted(int count) => this with { Message = Message + UnlistedNote(count), Unlisted = count };

    private static string UnlistedNote(int count) =>
        count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" ({count} more on this line not listed)");

    // A value that cannot change is kept as it is; any other is kept as the text the message's format wrote for it
    // (formats have no format strings, so "{0}" writes it as the message did).
    private static object? Kept(object? value) =>
        value is null or string or Enum or decimal || value.GetType().IsPrimitive
            ? value
            : string.Format(CultureInfo.InvariantCulture, "{0}", value);
}
