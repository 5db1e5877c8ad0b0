using System.Collections.Immutable;

namespace DiffLint.Core.Profiles;

/// <summary>How a project indents C code.</summary>
public enum IndentationStyle
{
    /// <summary>Tabs, 8 columns wide (Linux kernel, git, U-Boot).</summary>
    Tabs,

    /// <summary>Four spaces per level and no tabs at all (QEMU).</summary>
    FourSpaces,
}

/// <summary>How strictly a project wants binary operators spaced.</summary>
public enum OperatorSpacingStyle
{
    /// <summary>
    /// Arithmetic, bitwise and shift operators may be written tight (<c>a+b</c>) but must be spaced the same on both
    /// sides; bit-field widths are free (Linux kernel).
    /// </summary>
    Consistent,

    /// <summary>Every binary operator has a space on both sides, and bit-field widths are written tight (<c>x:4</c>) (QEMU).</summary>
    SpacedBinary,
}

/// <summary>What a project says about AI-tool attribution in commit messages.</summary>
public enum AiAttributionPolicy
{
    /// <summary>No policy: attribution tags are not judged.</summary>
    NotChecked,

    /// <summary>An <c>Assisted-by: AGENT:MODEL [tools]</c> trailer is accepted, checked for form (Linux kernel).</summary>
    AssistedByAccepted,

    /// <summary>AI-generated contributions are declined: any attribution is an error (QEMU).</summary>
    Banned,
}

/// <summary>
/// A project's conventions: a named set of parameters (limits, indentation, which tags are required or banned) that
/// rules read instead of hard-coding one project's taste. Rules that exist for one project only declare it in their
/// descriptor (<see cref="Analysis.RuleDescriptor.Profiles"/>).
/// </summary>
public sealed record Profile
{
    public required string Name { get; init; }

    /// <summary>One line for <c>--help</c> and <c>--stats</c>.</summary>
    public required string Description { get; init; }

    public IndentationStyle Indentation { get; init; } = IndentationStyle.Tabs;

    /// <summary>Columns a tab advances to when measuring line length.</summary>
    public int TabWidth { get; init; } = 8;

    /// <summary>Added source lines longer than this get a warning.</summary>
    public int LineLengthWarning { get; init; } = 100;

    /// <summary>Added source lines longer than this get an error; null when the project has no hard limit.</summary>
    public int? LineLengthError { get; init; }

    /// <summary>Commit-message lines longer than this are reported (URLs, quoted logs and trailers excepted).</summary>
    public int CommitLogLineLimit { get; init; } = 75;

    /// <summary>Subject summaries (after the [PATCH] prefix) longer than this are reported.</summary>
    public int SubjectLengthLimit { get; init; } = 75;

    /// <summary>Whether <c>//</c> comments are accepted in C code.</summary>
    public bool AllowsC99Comments { get; init; } = true;

    /// <summary>Whether every arm of if/else and every loop body needs braces, even a single statement.</summary>
    public bool RequiresBracesOnEveryArm { get; init; }

    /// <summary>Whether the patch author must have signed off (not only some committer).</summary>
    public bool RequiresAuthorSignOff { get; init; } = true;

    /// <summary>Whether a <c>Reported-by:</c> must be followed by a <c>Closes:</c> (or <c>Link:</c>) to the report.</summary>
    public bool RequiresReportLink { get; init; } = true;

    /// <summary>Whether the <c>Signed-off-by:</c> of the person who sends the mail must be the last sign-off.</summary>
    public bool RequiresSenderSignOffLast { get; init; }

    /// <summary>
    /// <c>Xxx-by:</c> tags the project uses beyond the kernel's standard set (Signed-off-by, Co-developed-by, Acked-by,
    /// Tested-by, Reviewed-by, Reported-by, Suggested-by), e.g. git's Helped-by.
    /// </summary>
    public ImmutableArray<string> ExtraTrailerTags { get; init; } = [];

    /// <summary>Whether the subject must read <c>subsystem: summary</c>.</summary>
    public bool RequiresSubsystemPrefix { get; init; } = true;

    /// <summary>How arithmetic, bitwise and shift operators and bit-field colons are spaced.</summary>
    public OperatorSpacingStyle OperatorSpacing { get; init; } = OperatorSpacingStyle.Consistent;

    public AiAttributionPolicy AiAttribution { get; init; } = AiAttributionPolicy.NotChecked;

    /// <summary>Mailing-list addresses and List-Id domains that identify the project's patches.</summary>
    public ImmutableArray<string> ListAddresses { get; init; } = [];

    /// <summary>Leading path components (or file names) that only this project's tree has.</summary>
    public ImmutableArray<string> TreeMarkers { get; init; } = [];

    public override string ToString() => Name;
}
