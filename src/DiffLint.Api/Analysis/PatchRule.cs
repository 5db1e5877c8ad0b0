using System.Collections.Immutable;
using DiffLint.Core.CSyntax;

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
/// <remarks>
/// Register instance methods (or lambdas), not static methods: a static method's delegate is called through a shuffle
/// thunk that moves every argument one register over, on each of the tens of millions of calls an archive makes; it
/// was 1.3% of the rules' samples in a perf profile of the 250 MB archive. The built-in rules' actions are instance
/// methods for that reason, though they use no state of the rule.
/// </remarks>
public sealed class RuleRegistration
{
    // Made by the engine, once per rule.
    internal RuleRegistration()
    {
    }

    internal List<Action<PatchAnalysisContext>> PatchActions { get; } = [];
    internal List<Action<PatchAnalysisContext>> PatchEndActions { get; } = [];
    internal List<Action<PatchAnalysisContext>> CoverLetterActions { get; } = [];
    internal List<Action<FileAnalysisContext>> FileActions { get; } = [];
    internal List<Action<HunkAnalysisContext>> HunkActions { get; } = [];
    internal List<Action<AddedLineContext>> AddedLineActions { get; } = [];
    internal List<Action<SeriesAnalysisContext>> SeriesActions { get; } = [];
    internal List<Action<CSourceContext>> CSourceActions { get; } = [];
    internal List<Action<CFragmentContext>> FragmentActions { get; } = [];
    internal List<Action<CodeLineContext>> CodeLineActions { get; } = [];
    internal List<(ImmutableArray<string> Spellings, Action<CodeLineContext> Action)> CodeLineWordActions { get; } = [];
    internal List<(ImmutableArray<string> Prefixes, Action<CodeLineContext> Action)> CodeLinePrefixActions { get; } = [];
    internal List<Action<StatementContext>> StatementActions { get; } = [];
    internal List<(ImmutableArray<CTokenKind> Kinds, Action<CTokenContext> Action)> TokenActions { get; } = [];
    internal List<(ImmutableArray<string> Spellings, Action<CTokenContext> Action)> IdentifierActions { get; } = [];
    internal List<(ImmutableArray<string> Prefixes, Action<CTokenContext> Action)> IdentifierPrefixActions { get; } = [];
    internal List<(ImmutableArray<string> Symbols, Action<CTokenContext> Action)> SymbolActions { get; } = [];
    internal List<(ImmutableArray<string> Names, Action<CallContext> Action)> CallActions { get; } = [];
    internal List<(ImmutableArray<string> Names, Action<CallContext> Action)> CallActionsOnAllLines { get; } = [];
    internal List<(ImmutableArray<CControlKind> Kinds, Action<ControlContext> Action)> ControlActions { get; } = [];
    internal List<Action<MacroContext>> MacroActions { get; } = [];
    internal List<Action<FunctionContext>> FunctionActions { get; } = [];

    /// <summary>Once per patch (not cover letters): headers, subject, commit message, trailers, notes.</summary>
    public void RegisterPatchAction(Action<PatchAnalysisContext> action) => PatchActions.Add(action);

    /// <summary>
    /// Once per patch (not cover letters), after its files' actions: for a fact about the whole patch that reads the
    /// engine's C view of its files (<see cref="DiagnosticSink.CSourceOf"/>) rather than tokenizing them again.
    /// </summary>
    public void RegisterPatchEndAction(Action<PatchAnalysisContext> action) => PatchEndActions.Add(action);

    /// <summary>Once per <c>[PATCH 0/N]</c> cover letter, with its whole message (series actions see only its summary).</summary>
    public void RegisterCoverLetterAction(Action<PatchAnalysisContext> action) => CoverLetterActions.Add(action);

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

    // The code actions. The engine walks each fragment of a C source file diff once and calls, in this order: the
    // fragment actions; for each judged line (added, not moved), the line actions and then the token, identifier,
    // symbol and call actions of its tokens, left to right; then the control, statement, macro and function actions of
    // the fragment's structure. A rule registers for what it looks at and is called only there, so a rule is its check,
    // and a file's tokens are walked once whatever the number of rules.

    /// <summary>Once per fragment (the C view of one hunk) of a C source file diff that adds lines.</summary>
    public void RegisterFragmentAction(Action<CFragmentContext> action) => FragmentActions.Add(action);

    /// <summary>Once per judged C line (added, not moved), with its code tokens.</summary>
    public void RegisterCodeLineAction(Action<CodeLineContext> action) => CodeLineActions.Add(action);

    /// <summary>
    /// Once per judged C line on which an identifier or keyword of the code is spelled as one of
    /// <paramref name="spellings"/>, however many there are: for a check made once per line (as checkpatch's per-line
    /// regexes are) that would otherwise be called for each match and have to ask whether it is the line's first.
    /// </summary>
    public void RegisterCodeLineAction(Action<CodeLineContext> action, params ReadOnlySpan<string> spellings) =>
        CodeLineWordActions.Add((Required(spellings, nameof(spellings)), action));

    /// <summary>
    /// Once per judged C line on which an identifier or keyword of the code starts with one of <paramref name="prefixes"/>
    /// (<c>KERN_</c>), however many there are: the prefix form of <see cref="RegisterCodeLineAction(Action{CodeLineContext}, ReadOnlySpan{string})"/>.
    /// </summary>
    public void RegisterCodeLinePrefixAction(Action<CodeLineContext> action, params ReadOnlySpan<string> prefixes) =>
        CodeLinePrefixActions.Add((Required(prefixes, nameof(prefixes)), action));

    /// <summary>For each token of a judged line whose kind is one of <paramref name="kinds"/>.</summary>
    public void RegisterTokenAction(Action<CTokenContext> action, params ReadOnlySpan<CTokenKind> kinds) =>
        TokenActions.Add((Required(kinds, nameof(kinds)), action));

    /// <summary>For each identifier or keyword of a judged line spelled as one of <paramref name="spellings"/>.</summary>
    public void RegisterIdentifierAction(Action<CTokenContext> action, params ReadOnlySpan<string> spellings) =>
        IdentifierActions.Add((Required(spellings, nameof(spellings)), action));

    /// <summary>
    /// For each identifier or keyword of a judged line that starts with one of <paramref name="prefixes"/>: a family of
    /// names no list can hold (<c>strto*</c>, <c>__*</c>). The engine finds them from a table of the prefixes' first
    /// characters, so the rule is not called for every identifier. A name that starts with several of one action's
    /// prefixes is passed once.
    /// </summary>
    public void RegisterIdentifierPrefixAction(Action<CTokenContext> action, params ReadOnlySpan<string> prefixes) =>
        IdentifierPrefixActions.Add((Required(prefixes, nameof(prefixes)), action));

    /// <summary>For each operator or punctuation token of a judged line spelled as one of <paramref name="symbols"/> (<c>-&gt;</c>, <c>{</c>).</summary>
    public void RegisterSymbolAction(Action<CTokenContext> action, params ReadOnlySpan<string> symbols) =>
        SymbolActions.Add((Required(symbols, nameof(symbols)), action));

    /// <summary>
    /// For each call, on a judged line, of one of <paramref name="names"/>: the name followed by <c>(</c> on the same
    /// line, not a member and not a declaration's name (<see cref="CallSyntax.IsCall"/>).
    /// </summary>
    public void RegisterCallAction(Action<CallContext> action, params ReadOnlySpan<string> names) =>
        CallActions.Add((Required(names, nameof(names)), action));

    /// <summary>
    /// As <see cref="RegisterCallAction(Action{CallContext}, ReadOnlySpan{string})"/>, and with <see cref="CallLines.All"/>
    /// also for calls on the context lines of a fragment: a call the patch leaves alone whose arguments run onto a line it
    /// writes. Reports are still dropped unless their line is judged.
    /// </summary>
    public void RegisterCallAction(Action<CallContext> action, CallLines lines, params ReadOnlySpan<string> names)
    {
        var registered = (Required(names, nameof(names)), action);
        if (lines == CallLines.All) CallActionsOnAllLines.Add(registered);
        else CallActions.Add(registered);
    }

    /// <summary>For each control statement of a fragment of kind <paramref name="kinds"/> (all kinds when none is given).</summary>
    public void RegisterControlAction(Action<ControlContext> action, params ReadOnlySpan<CControlKind> kinds) =>
        ControlActions.Add(([.. kinds], action));

    /// <summary>
    /// For each statement of a fragment (<see cref="CStructure.Statements"/>) that starts on a judged line, with its
    /// extent, which may run onto lines the patch leaves alone.
    /// </summary>
    public void RegisterStatementAction(Action<StatementContext> action) => StatementActions.Add(action);

    /// <summary>For each <c>#define</c> of a fragment.</summary>
    public void RegisterMacroAction(Action<MacroContext> action) => MacroActions.Add(action);

    /// <summary>For each function of a fragment: a definition it shows, or the one its hunk header names.</summary>
    public void RegisterFunctionAction(Action<FunctionContext> action) => FunctionActions.Add(action);

    private static ImmutableArray<T> Required<T>(ReadOnlySpan<T> values, string name) =>
        values.IsEmpty ? throw new ArgumentException("Register for at least one value.", name) : [.. values];

    /// <summary>
    /// Once per series (its patches and cover letter, from however many inputs; docs/series.md says how they are
    /// grouped), after every patch.
    /// </summary>
    public void RegisterSeriesAction(Action<SeriesAnalysisContext> action) => SeriesActions.Add(action);
}

/// <summary>The lines of a fragment a call action is called on.</summary>
public enum CallLines
{
    /// <summary>Judged lines only (added, not moved): where a finding can be reported.</summary>
    Judged,

    /// <summary>Every line of the fragment: the judged ones and the context lines around them.</summary>
    All,
}
