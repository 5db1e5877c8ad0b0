using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.InteropServices;
using DiffLint.Core.CSyntax;
using DiffLint.Core.Model;
using DiffLint.Core.Profiles;

namespace DiffLint.Core.Analysis;

/// <summary>
/// Runs rules over patches. Each rule's <see cref="PatchRule.Initialize"/> is called once; the engine then walks
/// every patch once (message, files, hunks, added lines) and calls what was registered. <see cref="Analyze"/> is
/// thread-safe, so callers may analyse patches in parallel.
/// </summary>
public sealed partial class AnalysisEngine
{
    /// <summary>Reported when a rule throws: the other rules and patches still run.</summary>
    public static readonly RuleDescriptor RuleFailure = new(
        "DL9001", "rule-failure", "A rule failed",
        "Rule {0} failed on this patch: {1}", "Internal", Severity.Error,
        """
        ## What it does
        Reports a rule that threw an exception while analysing a patch.

        ## Why it matters
        A crashed rule means some checks did not run on this patch. The run exits with code 3 so CI notices.

        ## Example
        Not produced by any input on purpose; please report it with the patch that triggered it.

        ## Configuration
        """);

    private readonly List<LoadedRule> _rules = [];

    // The rules' owners by RuleOwner.Index, for the sinks (DiagnosticSink.OwnerIndex).
    private readonly RuleOwner[] _owners;

    // A class, not a tuple: the engine's set-up code over it is then code a precompiled build holds, where generic code
    // over a tuple of it (LINQ, List, ArrayPool) is JIT-compiled at every start.
    private sealed class LoadedRule(PatchRule rule, RuleOwner owner, int pack, string packName, RuleRegistration? registration)
    {
        private RuleRegistration? _registration = registration;

        public PatchRule Rule => rule;
        public RuleOwner Owner => owner;
        public int Pack => pack;

        /// <summary>The rule's actions: registered by the engine's constructor, or (<see cref="InitializingLater"/>) by the first thread that needs them.</summary>
        public RuleRegistration Registration => Volatile.Read(ref _registration) ?? InitializeOnce();

        private RuleRegistration InitializeOnce()
        {
            lock (this)
            {
                if (_registration is null)
                {
                    var registration = new RuleRegistration();
                    Initialize(rule, packName, registration);
                    Volatile.Write(ref _registration, registration);
                }

                return _registration;
            }
        }
    }

    // Collected on first use: the rules an engine initializes later have registered none yet when it is made.
    private SeriesAction[]? _seriesActions;

    private sealed record SeriesAction(Registered<Action<SeriesAnalysisContext>> Action, int Pack);
    private readonly Dictionary<string, RulePack> _packOf = new(StringComparer.Ordinal);

    // The packs left out of a patch's review because it touches them (RulePack.IsTouchedBy), by patch sequence, for
    // the series actions; empty unless such a patch was seen.
    private readonly ConcurrentDictionary<long, int[]> _packsLeftOut = new();

    // The actions worth running under each profile choice (few distinct ones: profile × layout-only), built on first
    // use; LeftOut names the packs a patch left out of its own review ("" for none, the usual case).
    private readonly ConcurrentDictionary<ActionSetKey, ActionSet> _actionSets = new(ActionSetKey.Comparer);

    /// <summary>
    /// A key of <see cref="_actionSets"/>. A class with its own comparer, comparing profiles by reference (they are the
    /// built-in instances): a tuple key, or the Profile record's value equality, asks EqualityComparer&lt;T&gt;.Default
    /// of the tuple and of every field's type (bool, int, three enums, ImmutableArray), comparers the runtime makes by
    /// reflection and a precompiled build JIT-compiles at the first patch of every run. Two equal profiles that are not
    /// the same instance only get an action set each, the same one.
    /// </summary>
    private sealed class ActionSetKey(Profile profile, bool layoutOnly, bool strict, string leftOut)
    {
        public static readonly IEqualityComparer<ActionSetKey> Comparer = new KeyComparer();

        private sealed class KeyComparer : IEqualityComparer<ActionSetKey>
        {
            public bool Equals(ActionSetKey? x, ActionSetKey? y) =>
                ReferenceEquals(x, y) || (x is not null && y is not null && ReferenceEquals(x.Profile, y.Profile) && x.LayoutOnly == y.LayoutOnly
                                          && x.Strict == y.Strict && string.Equals(x.LeftOut, y.LeftOut, StringComparison.Ordinal));

            public int GetHashCode(ActionSetKey key) =>
                (System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Profile) * 31 + (key.LayoutOnly ? 2 : 0) + (key.Strict ? 1 : 0)) * 31
                + string.GetHashCode(key.LeftOut, StringComparison.Ordinal);
        }

        public Profile Profile => profile;
        public bool LayoutOnly => layoutOnly;
        public bool Strict => strict;

        /// <summary>The packs the patch leaves out of its own review, comma-separated; "" for none.</summary>
        public string LeftOut => leftOut;
    }

    /// <summary>
    /// An engine for <paramref name="rules"/> (the built-in pack: <see cref="RulePack.BuiltInName"/>) and the rules of
    /// <paramref name="packs"/>. Each rule's <see cref="PatchRule.Initialize"/> is called here.
    /// </summary>
    /// <exception cref="RulePackException">A rule's <c>Initialize</c> or <c>SupportedDiagnostics</c> throws, or two rules declare one ID.</exception>
    public AnalysisEngine(IEnumerable<PatchRule> rules, RuleConfiguration? configuration = null, ProfileSelector? profiles = null,
        IEnumerable<RulePack>? packs = null)
        : this(rules, configuration, profiles, packs, initializeLater: false)
    {
    }

    /// <summary>
    /// An engine for <paramref name="rules"/> (the built-in pack alone) that calls no rule's <see cref="PatchRule.Initialize"/>
    /// yet: each is called when an analysis first needs the rule's actions, or by <see cref="InitializeRules"/>. So a
    /// process can hand the engine to the thread that reads the input as soon as the rules are made, and initialize them
    /// on the thread that made it meanwhile. A rule whose <c>Initialize</c> throws then fails the analysis that needs it
    /// (with the <see cref="RulePackException"/> the constructor would have thrown) instead of the engine's construction.
    /// </summary>
    /// <exception cref="RulePackException">A rule's <c>SupportedDiagnostics</c> throws, or two rules declare one ID.</exception>
    public static AnalysisEngine InitializingLater(IEnumerable<PatchRule> rules) => new(rules, null, null, null, initializeLater: true);

    /// <summary>Calls <see cref="PatchRule.Initialize"/> of every rule not initialized yet, in the rules' order.</summary>
    /// <exception cref="RulePackException">A rule's <c>Initialize</c> throws.</exception>
    public void InitializeRules()
    {
        foreach (var rule in _rules) _ = rule.Registration;
    }

    private AnalysisEngine(IEnumerable<PatchRule> rules, RuleConfiguration? configuration, ProfileSelector? profiles,
        IEnumerable<RulePack>? packs, bool initializeLater)
    {
        Configuration = configuration ?? RuleConfiguration.Default;
        Profiles = profiles ?? ProfileSelector.Automatic;
        Packs = [RulePack.BuiltIn(rules), .. packs ?? []];
        var descriptors = ImmutableArray.CreateBuilder<RuleDescriptor>();
        var declaredBy = new Dictionary<string, (PatchRule Rule, RulePack Pack)>(StringComparer.Ordinal);
        for (var p = 0; p < Packs.Length; p++)
        {
            var pack = Packs[p];
            foreach (var rule in pack.Rules)
            {
                var name = pack.IsBuiltIn ? rule.GetType().Name : $"{rule.GetType().Name} ({pack.Name})";
                var registration = initializeLater ? null : new RuleRegistration();
                var declared = Initialize(rule, pack.Name, registration);
                var owner = new RuleOwner(name, declared) { Index = _rules.Count };
                _rules.Add(new LoadedRule(rule, owner, p, pack.Name, registration));
                foreach (var descriptor in declared)
                {
                    if (descriptor.Id == RuleFailure.Id || declaredBy.ContainsKey(descriptor.Id))
                    {
                        var other = declaredBy.TryGetValue(descriptor.Id, out var first) ? $"{first.Rule.GetType().Name} ({first.Pack.Name})" : "the engine";
                        throw new RulePackException(pack.Name, $"{rule.GetType().Name} declares {descriptor.Id}, which {other} declares too");
                    }

                    declaredBy[descriptor.Id] = (rule, pack);
                    _packOf[descriptor.Id] = pack;
                    descriptors.Add(descriptor);
                }
            }
        }

        descriptors.Add(RuleFailure);
        Rules = descriptors.ToImmutable().Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        _owners = new RuleOwner[_rules.Count];
        for (var r = 0; r < _owners.Length; r++) _owners[r] = _rules[r].Owner;
    }

    /// <summary>
    /// This engine's rules, already initialized, under other settings: a command line makes the engine before it has
    /// read its configuration (on another thread, while it reads the command line and the .editorconfig), then settles
    /// the settings. Nothing analysed carries over: the new engine starts with no action sets and no failures.
    /// </summary>
    public AnalysisEngine WithSettings(RuleConfiguration configuration, ProfileSelector profiles, RuleTimings? timings) =>
        new(this, configuration, profiles) { Timings = timings };

    private AnalysisEngine(AnalysisEngine initialized, RuleConfiguration configuration, ProfileSelector profiles)
    {
        Configuration = configuration;
        Profiles = profiles;
        Packs = initialized.Packs;
        Rules = initialized.Rules;
        _rules = initialized._rules;
        _owners = initialized._owners;
        _seriesActions = initialized._seriesActions;
        _packOf = initialized._packOf;
    }

    /// <summary>
    /// Calls the rule's <see cref="PatchRule.Initialize"/> with <paramref name="registration"/> (none: left for later) and
    /// reads its descriptors; what either throws is a <see cref="RulePackException"/>.
    /// </summary>
    private static ImmutableArray<RuleDescriptor> Initialize(PatchRule rule, string packName, RuleRegistration? registration)
    {
        try
        {
            if (registration is not null) rule.Initialize(registration);
            var declared = rule.SupportedDiagnostics;
            return declared.IsDefault ? [] : declared;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new RulePackException(packName, $"{rule.GetType().Name} failed to initialize: {ex.GetType().Name}: {ex.Message}", ex);
        }
    }

    /// <summary>The series actions of every rule, in the rules' order (initializing the rules not initialized yet).</summary>
    private SeriesAction[] SeriesActions()
    {
        if (Volatile.Read(ref _seriesActions) is { } collected) return collected;
        var series = new List<SeriesAction>();
        foreach (var rule in _rules)
        {
            foreach (var action in rule.Registration.SeriesActions) series.Add(new SeriesAction(new Registered<Action<SeriesAnalysisContext>>(action, rule.Owner), rule.Pack));
        }

        // Two threads that collect at once make equal arrays; either one is kept.
        var actions = series.ToArray();
        Volatile.Write(ref _seriesActions, actions);
        return actions;
    }

    /// <summary>The packs the rules came from: the built-in one first, then the others in the order given.</summary>
    public ImmutableArray<RulePack> Packs { get; }

    /// <summary>The name of the pack that declares <paramref name="rule"/>: <see cref="RulePack.BuiltInName"/> or a pack's file name.</summary>
    public string PackOf(RuleDescriptor rule) => _packOf.TryGetValue(rule.Id, out var pack) ? pack.Name : RulePack.BuiltInName;

    /// <summary>
    /// The per-patch actions of the rules that can report under <paramref name="choice"/>: a rule none of whose
    /// descriptors applies to the profile, or that the configuration turns off everywhere, is not run at all (as
    /// Roslyn skips analyzers whose diagnostics are all suppressed), which also spares tokenizing C files when no
    /// C rule is left.
    /// </summary>
    private ActionSet ActionsFor(ProfileChoice choice, bool strict, int[] leftOut) =>
        _actionSets.GetOrAdd(new ActionSetKey(choice.Profile, choice.LayoutOnly, strict, leftOut.Length == 0 ? "" : string.Join(',', leftOut)), _ =>
        {
            var active = new List<LoadedRule>();
            foreach (var rule in _rules)
            {
                if (!leftOut.AsSpan().Contains(rule.Pack) && MayReportUnder(rule.Rule, choice, strict)) active.Add(rule);
            }

            var registrations = new RuleRegistration[active.Count];
            var owners = new RuleOwner[active.Count];
            for (var r = 0; r < active.Count; r++) (registrations[r], owners[r]) = (active[r].Registration, active[r].Owner);
            return new ActionSet(
                Owned(active, r => r.PatchActions), Owned(active, r => r.PatchEndActions), Owned(active, r => r.CoverLetterActions),
                Owned(active, r => r.FileActions), Owned(active, r => r.HunkActions), Owned(active, r => r.AddedLineActions),
                Owned(active, r => r.CSourceActions), new CodeDispatch(registrations, owners));
        });

    /// <summary>Whether one of <paramref name="rule"/>'s descriptors can report under <paramref name="choice"/> and the configuration.</summary>
    private bool MayReportUnder(PatchRule rule, ProfileChoice choice, bool strict)
    {
        foreach (var d in rule.SupportedDiagnostics)
        {
            if (choice.Enables(d) && Configuration.MayReport(d) && (strict || !d.IsStrict || Configuration.IsConfigured(d))) return true;
        }

        return false;
    }

    /// <summary>The actions of one kind of the <paramref name="rules"/>, each with its rule, in registration order.</summary>
    private static Registered<Action<T>>[] Owned<T>(List<LoadedRule> rules, Func<RuleRegistration, List<Action<T>>> actions)
    {
        var owned = new List<Registered<Action<T>>>();
        foreach (var rule in rules)
        {
            foreach (var action in actions(rule.Registration)) owned.Add(new Registered<Action<T>>(action, rule.Owner));
        }

        return owned.ToArray();
    }

    // Each action carries its rule: the engine sets the sink's owner and times the rule without a lookup per call.
    private sealed record ActionSet(
        Registered<Action<PatchAnalysisContext>>[] Patch,
        Registered<Action<PatchAnalysisContext>>[] PatchEnd,
        Registered<Action<PatchAnalysisContext>>[] CoverLetter,
        Registered<Action<FileAnalysisContext>>[] File,
        Registered<Action<HunkAnalysisContext>>[] Hunk,
        Registered<Action<AddedLineContext>>[] AddedLine,
        Registered<Action<CSourceContext>>[] CSource,
        CodeDispatch Code)
    {
        public bool HasFileActions => File.Length + Hunk.Length + AddedLine.Length + CSource.Length > 0 || !Code.IsEmpty;
    }

    public RuleConfiguration Configuration { get; }

    /// <summary>When set, the time of every rule action and shared step is added to it (<c>--stats</c>).</summary>
    public RuleTimings? Timings { get; init; }

    private const string TokenizerStep = RuleTimings.TokenizerStep;
    private const string MovedCodeStep = RuleTimings.MovedCodeStep;

    /// <summary>How each patch's profile is chosen.</summary>
    public ProfileSelector Profiles { get; }

    /// <summary>Every descriptor of the loaded rules, sorted by ID.</summary>
    public ImmutableArray<RuleDescriptor> Rules { get; }

    /// <summary>Number of rule failures seen so far (any non-zero value makes the run an internal error).</summary>
    public int RuleFailures => _ruleFailures;

    private int _ruleFailures;

    /// <summary>
    /// Analyses one patch; <paramref name="commits"/> lets rules verify the commits the message refers to;
    /// <paramref name="inputLayout"/> is the layout the other patches checked with it show (<see cref="ProfileSelector.Choose"/>).
    /// </summary>
    public PatchReport Analyze(Patch patch, ICommitLookup? commits = null, Trees.ISourceTree? tree = null, ProfileChoice? inputLayout = null)
    {
        var choice = Profiles.Choose(patch, tree, inputLayout);
        var sink = new DiagnosticSink(patch, Configuration, choice, commits, tree, _owners);
        var changes = ChangedLines.None;
        if (patch.Kind is MessageKind.Patch or MessageKind.PlainDiff)
        {
            // CHECK-level rules run only where they can report: under --strict, or in a patch that touches a strict path.
            var strict = Configuration.Strict || patch.Files.Any(f => StrictPaths.Contains(f.Path));
            var actions = ActionsFor(choice, strict, PacksLeftOut(patch));
            foreach (var action in actions.Patch) Run(action, new PatchAnalysisContext(patch, sink), patch, sink);
            var movesStart = Timings is null ? 0 : Stopwatch.GetTimestamp();
            var moves = actions.HasFileActions ? MovedCodeDetector.Detect(patch) : MoveMap.None;
            Timings?.Add(MovedCodeStep, movesStart);
            for (var f = 0; f < patch.Files.Length; f++)
            {
                var file = patch.Files[f];
                foreach (var action in actions.File) Run(action, new FileAnalysisContext(patch, file, f, moves, sink), patch, sink);
                for (var h = 0; h < file.Hunks.Length; h++)
                {
                    var hunk = file.Hunks[h];
                    var kinds = moves.KindsOf(f, h);
                    foreach (var action in actions.Hunk) Run(action, new HunkAnalysisContext(patch, file, hunk, kinds, sink), patch, sink);
                    if (actions.AddedLine.Length == 0) continue;
                    var judged = JudgedLines(hunk, kinds);
                    if (judged.IsEmpty) continue;
                    var added = new AddedLines(patch, file, hunk, ImmutableCollectionsMarshal.AsArray(hunk.Lines)!, kinds, sink);
                    foreach (var action in actions.AddedLine) RunOnAddedLines(action, added, judged);
                }

                if ((actions.CSource.Length > 0 || !actions.Code.IsEmpty) && file.AddsCCode)
                    AnalyzeCSource(patch, file, f, moves, actions, sink);
            }

            foreach (var action in actions.PatchEnd) Run(action, new PatchAnalysisContext(patch, sink), patch, sink);

            if (SeriesMoves.MayShareMoves(patch)) changes = ChangedLines.Of(patch, moves);
        }
        else if (patch.Kind == MessageKind.CoverLetter)
        {
            foreach (var action in ActionsFor(choice, Configuration.Strict, PacksLeftOut(patch)).CoverLetter) Run(action, new PatchAnalysisContext(patch, sink), patch, sink);
        }

        return new PatchReport(PatchSummary.From(patch, choice), sink.ToSortedArray(), changes);
    }

    /// <summary>The indexes of the packs <paramref name="patch"/> touches (<see cref="RulePack.IsTouchedBy"/>), which do not review it.</summary>
    private int[] PacksLeftOut(Patch patch)
    {
        List<int>? leftOut = null;
        for (var p = 0; p < Packs.Length; p++)
        {
            if (Packs[p].IsTouchedBy(patch)) (leftOut ??= []).Add(p);
        }

        if (leftOut is null) return [];
        _packsLeftOut[patch.Sequence] = [.. leftOut];
        return [.. leftOut];
    }

    private void AnalyzeCSource(Patch patch, FileDiff file, int fileIndex, MoveMap moves, ActionSet actions, DiagnosticSink sink)
    {
        CSourceFile source;
        var start = Timings is null ? 0 : Stopwatch.GetTimestamp();
        try
        {
            source = CSourceFile.Build(file, fileIndex, moves);
            Timings?.Add(TokenizerStep, start);
            if (Timings is not null)
            {
                // Built on first use otherwise, inside whichever rule asks first: under --stats it is timed on its own.
                start = Stopwatch.GetTimestamp();
                foreach (var fragment in source.Fragments) _ = fragment.Structure;
                Timings.Add(RuleTimings.StructureStep, start);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Interlocked.Increment(ref _ruleFailures);
            sink.Add(Diagnostic.Create(RuleFailure, Severity.Error, Locations.AtPatch(patch), null,
                nameof(CTokenizer), $"{ex.GetType().Name}: {ex.Message}"));
            return;
        }

        if (actions.PatchEnd.Length > 0) sink.AddCSource(source);
        var context = new CSourceContext(patch, file, source, sink);
        foreach (var action in actions.CSource) Run(action, context, patch, sink);
        if (!actions.Code.IsEmpty) Walk(actions.Code, context, sink);
    }

    /// <summary>Runs the series actions; returns the extra diagnostics keyed by the patch sequence they belong to.</summary>
    public IReadOnlyDictionary<long, List<Diagnostic>> AnalyzeSeries(ImmutableArray<PatchSummary> members)
    {
        var extra = new Dictionary<long, List<Diagnostic>>();
        var seriesActions = SeriesActions();
        if (seriesActions.Length == 0) return extra;
        var context = new SeriesAnalysisContext(members, (sequence, diagnostic) =>
        {
            if (!extra.TryGetValue(sequence, out var list)) extra[sequence] = list = [];
            list.Add(diagnostic);
        }, Configuration);
        var leftOut = _packsLeftOut.IsEmpty ? [] : members.SelectMany(m => _packsLeftOut.GetValueOrDefault(m.Sequence, [])).ToHashSet();
        foreach (var (action, pack) in seriesActions)
        {
            if (leftOut.Contains(pack)) continue;
            try
            {
                action.Action(context);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Interlocked.Increment(ref _ruleFailures);
                var first = members.IsEmpty ? null : members[0];
                if (first is null) continue;
                if (!extra.TryGetValue(first.Sequence, out var list)) extra[first.Sequence] = list = [];
                list.Add(Diagnostic.Create(RuleFailure, Severity.Error,
                    new DiagnosticLocation(LocationKind.Patch, null, default, first.LastInputLine, null), null, action.Owner.Name, ex.Message));
            }
        }

        return extra;
    }

    private void Run<T>(Registered<Action<T>> action, T context, Patch patch, DiagnosticSink sink)
    {
        var start = Timings is null ? 0 : Stopwatch.GetTimestamp();
        var owner = action.Owner;
        sink.OwnerIndex = owner.Index;
        try
        {
            action.Action(context);
            Timings?.Add(owner, start);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ReportFailure(owner, ex, patch, sink);
        }
        finally
        {
            sink.OwnerIndex = -1;
        }
    }

    // The indexes of a hunk's judged lines, found once for all the added-line actions: per thread, reused hunk after hunk.
    [ThreadStatic] private static int[]? t_judgedLines;

    /// <summary>The indexes in <see cref="Hunk.Lines"/> of the added lines that are not moved.</summary>
    private static ReadOnlySpan<int> JudgedLines(Hunk hunk, MoveKind[]? kinds)
    {
        var lines = hunk.Lines.AsSpan();
        var judged = t_judgedLines is { } buffer && buffer.Length >= lines.Length ? buffer : t_judgedLines = new int[Math.Max(lines.Length, 256)];
        var count = 0;
        for (var l = 0; l < lines.Length; l++)
        {
            if (lines[l].Kind == DiffLineKind.Added && (kinds is null || kinds[l] != MoveKind.Moved)) judged[count++] = l;
        }

        return judged.AsSpan(0, count);
    }

    /// <summary>
    /// Calls an added-line action on each judged line of the hunk (<paramref name="judged"/>). One protected region
    /// per hunk rather than per line (the hottest call of the engine): a rule that throws on a line skips the rest of
    /// that hunk, and the failure is reported once.
    /// </summary>
    private void RunOnAddedLines(Registered<Action<AddedLineContext>> registered, AddedLines added, ReadOnlySpan<int> judged)
    {
        var start = Timings is null ? 0 : Stopwatch.GetTimestamp();
        var owner = registered.Owner;
        var action = registered.Action;
        var sink = added.Sink;
        sink.OwnerIndex = owner.Index;
        try
        {
            foreach (var l in judged) action(new AddedLineContext(added, l));
            Timings?.Add(owner, start);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ReportFailure(owner, ex, added.Patch, sink);
        }
        finally
        {
            sink.OwnerIndex = -1;
        }
    }

    private void ReportFailure(RuleOwner owner, Exception ex, Patch patch, DiagnosticSink sink)
    {
        Interlocked.Increment(ref _ruleFailures);
        sink.Add(Diagnostic.Create(RuleFailure, Severity.Error, Locations.AtPatch(patch), null, owner.Name, $"{ex.GetType().Name}: {ex.Message}"));
    }
}
