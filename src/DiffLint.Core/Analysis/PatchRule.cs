using System.Collections.Immutable;

namespace DiffLint.Core.Analysis;

/// <summary>
/// A pluggable rule, shaped like a Roslyn <c>DiagnosticAnalyzer</c>: it declares the descriptors it can report and,
/// in <see cref="Initialize"/>, registers callbacks for the parts of a patch it needs. Rules must be stateless
/// between callbacks (the engine runs patches in parallel) and must not know how findings are reported.
/// </summary>
public abstract class PatchRule
{
    public abstract ImmutableArray<RuleDescriptor> SupportedDiagnostics { get; }

    public abstract void Initialize(RuleRegistration registration);
}

/// <summary>What a rule can register for.</summary>
public sealed class RuleRegistration
{
    internal List<Action<PatchAnalysisContext>> PatchActions { get; } = [];
    internal List<Action<FileAnalysisContext>> FileActions { get; } = [];
    internal List<Action<HunkAnalysisContext>> HunkActions { get; } = [];
    internal List<Action<AddedLineContext>> AddedLineActions { get; } = [];
    internal List<Action<SeriesAnalysisContext>> SeriesActions { get; } = [];
    internal List<Action<CSourceContext>> CSourceActions { get; } = [];

    /// <summary>Once per patch (not cover letters): headers, subject, commit message, trailers, notes.</summary>
    public void RegisterPatchAction(Action<PatchAnalysisContext> action) => PatchActions.Add(action);

    /// <summary>Once per file diff of a patch.</summary>
    public void RegisterFileAction(Action<FileAnalysisContext> action) => FileActions.Add(action);

    /// <summary>Once per hunk.</summary>
    public void RegisterHunkAction(Action<HunkAnalysisContext> action) => HunkActions.Add(action);

    /// <summary>
    /// Once per added ('+') line that the patch writes or re-indents; lines it only moves are skipped.
    /// The hot path, so keep the callback allocation-free.
    /// </summary>
    public void RegisterAddedLineAction(Action<AddedLineContext> action) => AddedLineActions.Add(action);

    /// <summary>
    /// Once per C source file diff (<c>.c</c>/<c>.h</c>) that adds lines, with its hunks tokenized and structured.
    /// The tokens are built once per file and shared by every rule that registers here.
    /// </summary>
    public void RegisterCSourceAction(Action<CSourceContext> action) => CSourceActions.Add(action);

    /// <summary>
    /// Once per series (its patches and cover letter, from however many inputs; docs/series.md says how they are
    /// grouped), after every patch.
    /// </summary>
    public void RegisterSeriesAction(Action<SeriesAnalysisContext> action) => SeriesActions.Add(action);
}
