using System.Collections.Immutable;
using DiffLint.Core.CSyntax;
using DiffLint.Core.Model;
using DiffLint.Core.Profiles;
using DiffLint.Core.Trees;

namespace DiffLint.Core.Analysis;

/// <summary>Collects the diagnostics of one patch, applying the configured severities.</summary>
public sealed class DiagnosticSink
{
    private readonly Patch patch;
    private readonly RuleConfiguration configuration;
    private readonly ProfileChoice choice;
    private readonly ICommitLookup? commits;
    private readonly ISourceTree? tree;
    private readonly Profile profile;

    private readonly List<Diagnostic> _diagnostics = [];

    /// <summary>
    /// Findings of one rule on one input line beyond this many are counted, not kept: a hostile line of a megabyte of
    /// <c>=?</c> has 700,000 operators, and a finding for each cost gigabytes. The last one kept says how many more there are.
    /// </summary>
    public const int MaxPerRuleAndLine = 100;

    private Dictionary<(string Rule, int Line), (int Count, int LastKept)>? _perLine;

    // Made by the engine only: a rule sees the sink of the patch it analyses (in PatchValueProvider.FromAnalysis).
    internal DiagnosticSink(Patch patch, RuleConfiguration configuration, ProfileChoice choice, ICommitLookup? commits, ISourceTree? tree,
        RuleOwner[] owners)
    {
        this.owners = owners;
        this.patch = patch;
        this.configuration = configuration;
        this.choice = choice;
        this.commits = commits;
        this.tree = tree;
        profile = choice.Profile;
    }

    // Values of PatchValueProvider for this patch, by the provider's slot (null: not computed yet, NullValue: computed
    // as null); one sink serves one Analyze call, so no locking is needed. An array rather than a dictionary keyed by the
    // provider: some rules ask on every added line.
    private object?[]? _values;
    private static readonly object NullValue = new();

    public RuleConfiguration Configuration => configuration;

    /// <summary>The conventions the patch is checked against.</summary>
    public Profile Profile => profile;

    /// <summary>The repository the patch belongs to, when one is at hand.</summary>
    public ICommitLookup? Commits => commits;

    /// <summary>The tree the patch's pre-images can be read from (<c>--tree</c>), when one is at hand.</summary>
    public ISourceTree? SourceTree => tree;

    /// <summary>The patch being analysed.</summary>
    public Patch Patch => patch;

    /// <summary>
    /// Reports a finding, with the steps that lead to it for a finding about a path: its message is the rule's format
    /// filled with <paramref name="args"/>, which the finding keeps (<see cref="Diagnostic.Arguments"/>).
    /// </summary>
    internal void Report(RuleDescriptor rule, DiagnosticLocation location, CodeFix? fix, ImmutableArray<FlowStep> flow, object?[] args)
    {
        // Formatted first: a rule that passes a token as an argument fails (DL9001) even where its finding would be dropped.
        var message = rule.FormatMessage(args);
        if (Owner is { } owner && !owner.Declares(rule))
            throw new InvalidOperationException($"{owner.Name} reported {rule.Id}, which is not in its SupportedDiagnostics.");
        if (!choice.Enables(rule)) return;
        var severity = configuration.EffectiveSeverity(rule, location.Path);
        if (severity is null) return;
        if (location.InputLine > 0)
        {
            _perLine ??= [];
            ref var seen = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_perLine, (rule.Id, location.InputLine), out _);
            if (++seen.Count > MaxPerRuleAndLine) return;
            seen.LastKept = _diagnostics.Count;
        }

        _diagnostics.Add(Diagnostic.Create(rule, severity.Value, message, location, fix, flow, args));
    }

    internal void Add(Diagnostic diagnostic) => _diagnostics.Add(diagnostic);

    /// <summary>The rule whose action is running: it may report only the descriptors it declares.</summary>
    internal RuleOwner? Owner => (uint)OwnerIndex < (uint)owners.Length ? owners[OwnerIndex] : null;

    /// <summary>
    /// The <see cref="RuleOwner.Index"/> of the rule whose action is running, -1 for none. The engine sets it before
    /// every action, tens of millions of times per archive: an int, where storing the owner itself cost a garbage
    /// collector write barrier (a helper call) per action.
    /// </summary>
    internal int OwnerIndex { get; set; } = -1;

    // The engine's rules by RuleOwner.Index.
    private readonly RuleOwner[] owners;

    /// <summary>Code actions that threw on this patch: reported once, then not called again on it.</summary>
    internal HashSet<Delegate>? FailedActions { get; set; }

    // The C views the engine built for the patch's files, kept (only when a patch-end action may ask) until the patch is done.
    private Dictionary<FileDiff, CSourceFile>? _sources;

    internal void AddCSource(CSourceFile source) => (_sources ??= new(ReferenceEqualityComparer.Instance))[source.File] = source;

    /// <summary>
    /// The engine's C view of <paramref name="file"/> (the one its code actions walk), in patch-end actions
    /// (<see cref="RuleRegistration.RegisterPatchEndAction"/>) and what they ask; null before, for a file that is not C
    /// source adding lines, or when no active rule walks C code.
    /// </summary>
    public CSourceFile? CSourceOf(FileDiff file) => _sources is not null && _sources.TryGetValue(file, out var source) ? source : null;

    /// <summary>The value of <paramref name="provider"/> for the patch being analysed, computed on first use.</summary>
    public TValue GetValue<TValue>(PatchValueProvider<TValue> provider)
    {
        var slot = provider.Slot;
        if (_values is { } values && slot < values.Length && values[slot] is { } known) return ReferenceEquals(known, NullValue) ? default! : (TValue)known;
        // Computed first, then stored: the computation may ask for other values (and grow the array).
        var value = provider.Compute(this);
        if (_values is null || slot >= _values.Length) Array.Resize(ref _values, Math.Max(slot + 1, 2 * (_values?.Length ?? 8)));
        _values[slot] = (object?)value ?? NullValue;
        return value;
    }

    internal ImmutableArray<Diagnostic> ToSortedArray()
    {
        if (_perLine is not null)
        {
            foreach (var (count, lastKept) in _perLine.Values)
            {
                if (count <= MaxPerRuleAndLine) continue;
                var last = _diagnostics[lastKept];
                _diagnostics[lastKept] = last.WithUnlisted(count - MaxPerRuleAndLine);
            }
        }

        _diagnostics.Sort(DiagnosticOrder.Instance);
        return [.. _diagnostics];
    }
}

public readonly struct PatchAnalysisContext(Patch patch, DiagnosticSink sink)
{
    public Patch Patch => patch;
    public RuleConfiguration Configuration => sink.Configuration;

    /// <summary>The rules' .editorconfig options, as set for the repository.</summary>
    public RuleOptions Options => sink.Configuration.OptionsFor(null);
    public Profile Profile => sink.Profile;
    public ICommitLookup? Commits => sink.Commits;

    /// <summary>The tree the patch's pre-images can be read from, when one is at hand.</summary>
    public ISourceTree? SourceTree => sink.SourceTree;

    /// <summary>Reports a finding about a path through the code, with its steps (SARIF <c>codeFlows</c>).</summary>
    public void ReportPath(RuleDescriptor rule, DiagnosticLocation location, ImmutableArray<FlowStep> flow, params object?[] args) =>
        sink.Report(rule, location, null, flow, args);

    /// <summary>A fact about the patch shared between rules (<see cref="PatchValueProvider{TValue}"/>), computed once per patch.</summary>
    public TValue GetValue<TValue>(PatchValueProvider<TValue> provider) => sink.GetValue(provider);

    public void Report(RuleDescriptor rule, DiagnosticLocation location, params object?[] args) =>
        sink.Report(rule, location, null, [], args);
}

public readonly struct FileAnalysisContext(Patch patch, FileDiff file, int fileIndex, MoveMap moves, DiagnosticSink sink)
{
    public Patch Patch => patch;
    public FileDiff File => file;

    /// <summary>What line <paramref name="line"/> of hunk <paramref name="hunk"/> is; a rule walking added lines itself should skip <see cref="MoveKind.Moved"/> ones.</summary>
    public MoveKind MoveOf(int hunk, int line) => moves.KindOf(fileIndex, hunk, line);
    public RuleConfiguration Configuration => sink.Configuration;

    /// <summary>The rules' .editorconfig options, as set for this file.</summary>
    public RuleOptions Options => sink.Configuration.OptionsFor(file.Path);
    public Profile Profile => sink.Profile;
    public ICommitLookup? Commits => sink.Commits;

    /// <summary>A fact about the patch shared between rules (<see cref="PatchValueProvider{TValue}"/>), computed once per patch.</summary>
    public TValue GetValue<TValue>(PatchValueProvider<TValue> provider) => sink.GetValue(provider);

    public void Report(RuleDescriptor rule, DiagnosticLocation location, params object?[] args) =>
        sink.Report(rule, location, null, [], args);
}

public readonly struct HunkAnalysisContext(Patch patch, FileDiff file, Hunk hunk, MoveKind[]? moves, DiagnosticSink sink)
{
    public Patch Patch => patch;
    public FileDiff File => file;
    public Hunk Hunk => hunk;

    /// <summary>What line <paramref name="line"/> of <see cref="Hunk"/> is; a rule walking added lines itself should skip <see cref="MoveKind.Moved"/> ones.</summary>
    public MoveKind MoveOf(int line) => moves is not null && (uint)line < (uint)moves.Length ? moves[line] : MoveKind.New;
    public RuleConfiguration Configuration => sink.Configuration;

    /// <summary>The rules' .editorconfig options, as set for this file.</summary>
    public RuleOptions Options => sink.Configuration.OptionsFor(file.Path);
    public Profile Profile => sink.Profile;
    public ICommitLookup? Commits => sink.Commits;

    /// <summary>A fact about the patch shared between rules (<see cref="PatchValueProvider{TValue}"/>), computed once per patch.</summary>
    public TValue GetValue<TValue>(PatchValueProvider<TValue> provider) => sink.GetValue(provider);

    public void Report(RuleDescriptor rule, DiagnosticLocation location, params object?[] args) =>
        sink.Report(rule, location, null, [], args);

    /// <summary>Reports with a fix, for rules that judge added lines in the context of their hunk.</summary>
    public void Report(RuleDescriptor rule, DiagnosticLocation location, CodeFix? fix, params object?[] args) =>
        sink.Report(rule, location, fix, [], args);
}

/// <summary>An added line that the patch writes or re-indents (moved lines are never passed to rules).</summary>
/// <remarks>
/// Two words, a hunk's <see cref="AddedLines"/> and the line's index there, so that it is passed in registers: the engine
/// calls every added-line action on every judged line, tens of millions of calls per archive, and a context of the six
/// values themselves was copied onto the stack for each call.
/// </remarks>
public readonly struct AddedLineContext
{
    private readonly AddedLines lines;
    private readonly int index;

    public AddedLineContext(Patch patch, FileDiff file, Hunk hunk, DiffLine line, MoveKind move, DiagnosticSink sink)
        : this(new AddedLines(patch, file, hunk, [line], [move], sink), 0)
    {
    }

    internal AddedLineContext(AddedLines lines, int index)
    {
        this.lines = lines;
        this.index = index;
    }

    public Patch Patch => lines.Patch;
    public FileDiff File => lines.File;
    public Hunk Hunk => lines.Hunk;
    public DiffLine Line => lines.Lines[index];
    public ReadOnlySpan<char> Text => lines.Lines[index].Text.Span;

    /// <summary><see cref="MoveKind.New"/>, or <see cref="MoveKind.Reindented"/> for moved code whose surrounding whitespace changed.</summary>
    public MoveKind Move => lines.Moves is { } moves ? moves[index] : MoveKind.New;
    public RuleConfiguration Configuration => lines.Sink.Configuration;

    /// <summary>The rules' .editorconfig options, as set for this file.</summary>
    public RuleOptions Options => lines.Sink.Configuration.OptionsFor(lines.File.Path);
    public Profile Profile => lines.Sink.Profile;
    public ICommitLookup? Commits => lines.Sink.Commits;

    /// <summary>A fact about the patch shared between rules (<see cref="PatchValueProvider{TValue}"/>), computed once per patch.</summary>
    public TValue GetValue<TValue>(PatchValueProvider<TValue> provider) => lines.Sink.GetValue(provider);

    /// <summary>Reports at characters [start, end) of the added line.</summary>
    public void Report(RuleDescriptor rule, int start, int end, CodeFix? fix, params object?[] args) =>
        lines.Sink.Report(rule, Locations.InFile(lines.File, lines.Lines[index], start, end), fix, [], args);
}

/// <summary>
/// What the added-line contexts of one hunk share, made once per hunk: <see cref="Lines"/> are the hunk's lines (or the
/// one line of a context made by its public constructor) and <see cref="Moves"/> their kinds, null when none is moved.
/// </summary>
internal sealed class AddedLines(Patch patch, FileDiff file, Hunk hunk, DiffLine[] lines, MoveKind[]? moves, DiagnosticSink sink)
{
    public readonly Patch Patch = patch;
    public readonly FileDiff File = file;
    public readonly Hunk Hunk = hunk;
    public readonly DiffLine[] Lines = lines;
    public readonly MoveKind[]? Moves = moves;
    public readonly DiagnosticSink Sink = sink;
}

/// <summary>
/// One C source file diff (<c>.c</c>/<c>.h</c>) that adds lines, tokenized: a <see cref="CFragment"/> per hunk with
/// tokens, structure and the <see cref="MoveKind"/> of each line. Reports are located at post-image line and column and
/// are dropped unless the line is judged (<see cref="CLine.IsJudged"/>: added and not moved).
/// </summary>
public readonly struct CSourceContext(Patch patch, FileDiff file, CSourceFile source, DiagnosticSink sink)
{
    public Patch Patch => patch;
    public FileDiff File => file;
    public CSourceFile Source => source;
    public ImmutableArray<CFragment> Fragments => source.Fragments;
    public RuleConfiguration Configuration => sink.Configuration;

    /// <summary>The rules' .editorconfig options, as set for this file.</summary>
    public RuleOptions Options => sink.Configuration.OptionsFor(file.Path);
    public Profile Profile => sink.Profile;
    public ICommitLookup? Commits => sink.Commits;

    /// <summary>A fact about the patch shared between rules (<see cref="PatchValueProvider{TValue}"/>), computed once per patch.</summary>
    public TValue GetValue<TValue>(PatchValueProvider<TValue> provider) => sink.GetValue(provider);

    /// <summary>Reports at characters [start, end) of line <paramref name="line"/> (an index into <see cref="CFragment.Lines"/>).</summary>
    public void Report(RuleDescriptor rule, CFragment fragment, int line, int start, int end, CodeFix? fix, params object?[] args)
    {
        var at = fragment.Lines[line];
        if (!at.IsJudged) return;
        sink.Report(rule, Locations.InFile(file, at.Diff, start, end), fix, [], args);
    }

    /// <summary>
    /// Reports at characters [start, end) of the context line <paramref name="line"/> when the post-image line right
    /// above it is judged: a line the patch leaves alone but puts wrong by what it writes just before it (the
    /// continuation of a call whose first line the patch rewrites, say). Dropped otherwise.
    /// </summary>
    public void ReportBelowChange(RuleDescriptor rule, CFragment fragment, int line, int start, int end, params object?[] args)
    {
        var at = fragment.Lines[line];
        if (line == 0 || at.IsAdded || !fragment.Lines[line - 1].IsJudged) return;
        sink.Report(rule, Locations.InFile(file, at.Diff, start, end), null, [], args);
    }

    /// <summary>Reports on a token; dropped unless the token's line is judged.</summary>
    public void Report(RuleDescriptor rule, CFragment fragment, in CToken token, params object?[] args) =>
        Report(rule, fragment, token.Line, token.Start, token.End, null, args);
}

/// <summary>The patches and cover letter of one series.</summary>
public sealed class SeriesAnalysisContext(ImmutableArray<PatchSummary> members, Action<long, Diagnostic> report, RuleConfiguration configuration)
{
    /// <summary>The profile of the series: that of its first member.</summary>
    public Profile Profile => members.IsDefaultOrEmpty ? BuiltInProfiles.Kernel : members[0].Profile.Profile;

    /// <summary>Patches and cover letters in input order.</summary>
    public ImmutableArray<PatchSummary> Members => members;

    public RuleConfiguration Configuration => configuration;

    /// <summary>The rules' .editorconfig options, as set for the repository.</summary>
    public RuleOptions Options => configuration.OptionsFor(null);

    /// <summary>Reports on one member of the series (identified by its <see cref="PatchSummary.Sequence"/>).</summary>
    public void Report(PatchSummary on, RuleDescriptor rule, DiagnosticLocation location, params object?[] args)
    {
        if (!on.Profile.Enables(rule)) return;
        var severity = configuration.EffectiveSeverity(rule, location.Path);
        if (severity is null) return;
        report(on.Sequence, Diagnostic.Create(rule, severity.Value, location, null, args));
    }
}

/// <summary>Deterministic order: input line, then column, then rule ID, then message.</summary>
public sealed class DiagnosticOrder : IComparer<Diagnostic>
{
    public static readonly DiagnosticOrder Instance = new();

    public int Compare(Diagnostic? x, Diagnostic? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var c = x.Location.InputLine.CompareTo(y.Location.InputLine);
        if (c != 0) return c;
        c = x.Location.Span.Start.Character.CompareTo(y.Location.Span.Start.Character);
        if (c != 0) return c;
        c = string.CompareOrdinal(x.Rule.Id, y.Rule.Id);
        return c != 0 ? c : string.CompareOrdinal(x.Message, y.Message);
    }
}
