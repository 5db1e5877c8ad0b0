using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using DiffLint.Core.CSyntax;

namespace DiffLint.Core.Analysis;

/// <summary>An action with the rule that registered it.</summary>
internal readonly record struct Registered<T>(T Action, RuleOwner Owner) where T : Delegate;

/// <summary>
/// The code actions of the rules active for one profile choice, indexed for the engine's single walk: by token kind,
/// by identifier or symbol spelling (looked up with the token's text, no string made), by callee, by control kind.
/// </summary>
internal sealed class CodeDispatch
{
    private static readonly int TokenKinds = Enum.GetValues<CTokenKind>().Length;
    private static readonly int ControlKinds = Enum.GetValues<CControlKind>().Length;

    /// <remarks>
    /// Built with loops over lists and arrays rather than LINQ over the value types (Registered, tuples, enums): a
    /// precompiled build holds this code, where LINQ's generic code over a value type is JIT-compiled at every start,
    /// which a git hook checking one patch pays for in full.
    /// </remarks>
    public CodeDispatch(IReadOnlyList<RuleRegistration> registrations, IReadOnlyList<RuleOwner> owners)
    {
        var fragment = new List<Registered<Action<CFragmentContext>>>();
        var line = new List<Registered<Action<CodeLineContext>>>();
        var lineOnWords = new List<Registered<Action<CodeLineContext>>>();
        var lineWords = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var statement = new List<Registered<Action<StatementContext>>>();
        var byKind = new List<Registered<Action<CTokenContext>>>[TokenKinds];
        for (var k = 0; k < byKind.Length; k++) byKind[k] = [];
        var identifiers = new Dictionary<string, List<Registered<Action<CTokenContext>>>>(StringComparer.Ordinal);
        var identifierPrefixes = new List<(string Prefix, Registered<Action<CTokenContext>> Action)>();
        var linePrefixes = new List<(string Prefix, int Action)>();
        var symbols = new Dictionary<string, List<Registered<Action<CTokenContext>>>>(StringComparer.Ordinal);
        var calls = new Dictionary<string, List<Registered<Action<CallContext>>>>(StringComparer.Ordinal);
        var callsOnAllLines = new Dictionary<string, List<Registered<Action<CallContext>>>>(StringComparer.Ordinal);
        var byControl = new List<Registered<Action<ControlContext>>>[ControlKinds];
        for (var k = 0; k < byControl.Length; k++) byControl[k] = [];
        var macro = new List<Registered<Action<MacroContext>>>();
        var function = new List<Registered<Action<FunctionContext>>>();
        for (var r = 0; r < registrations.Count; r++)
        {
            var registration = registrations[r];
            var owner = owners[r];
            foreach (var action in registration.FragmentActions) fragment.Add(new(action, owner));
            foreach (var action in registration.CodeLineActions) line.Add(new(action, owner));
            foreach (var (spellings, action) in registration.CodeLineWordActions)
            {
                foreach (var spelling in spellings.Distinct(StringComparer.Ordinal))
                {
                    if (spelling.Length == 0) throw new ArgumentException($"{owner.Name} registered an empty spelling.");
                    if (!lineWords.TryGetValue(spelling, out var actions)) lineWords[spelling] = actions = [];
                    actions.Add(lineOnWords.Count);
                }

                lineOnWords.Add(new(action, owner));
            }

            foreach (var (prefixes, action) in registration.CodeLinePrefixActions)
            {
                foreach (var prefix in Shortest(prefixes, owner)) linePrefixes.Add((prefix, lineOnWords.Count));
                lineOnWords.Add(new(action, owner));
            }

            foreach (var action in registration.StatementActions) statement.Add(new(action, owner));
            foreach (var (kinds, action) in registration.TokenActions)
            {
                var seen = new bool[TokenKinds];
                foreach (var kind in kinds)
                {
                    if (seen[(int)kind]) continue;
                    seen[(int)kind] = true;
                    byKind[(int)kind].Add(new(action, owner));
                }
            }

            foreach (var (spellings, action) in registration.IdentifierActions) Index(identifiers, spellings, new(action, owner));
            foreach (var (prefixes, action) in registration.IdentifierPrefixActions)
            {
                foreach (var prefix in Shortest(prefixes, owner)) identifierPrefixes.Add((prefix, new(action, owner)));
            }

            foreach (var (spellings, action) in registration.SymbolActions) Index(symbols, spellings, new(action, owner));
            foreach (var (names, action) in registration.CallActions) Index(calls, names, new(action, owner));
            foreach (var (names, action) in registration.CallActionsOnAllLines) Index(callsOnAllLines, names, new(action, owner));
            foreach (var (kinds, action) in registration.ControlActions)
            {
                // No kinds: every kind (the kinds are 0 to ControlKinds - 1).
                var seen = new bool[ControlKinds];
                foreach (var kind in kinds) seen[(int)kind] = true;
                for (var k = 0; k < seen.Length; k++)
                {
                    if (seen[k] || kinds.IsEmpty) byControl[k].Add(new(action, owner));
                }
            }

            foreach (var action in registration.MacroActions) macro.Add(new(action, owner));
            foreach (var action in registration.FunctionActions) function.Add(new(action, owner));
        }

        Fragment = [.. fragment];
        Line = [.. line];
        LineOnWords = [.. lineOnWords];
        LineWords = Freeze(lineWords).GetAlternateLookup<ReadOnlySpan<char>>();
        LinePrefixes = new PrefixTable<int>(linePrefixes);
        IdentifierPrefixes = new PrefixTable<Registered<Action<CTokenContext>>>(identifierPrefixes);
        Statement = [.. statement];
        ByKind = new Registered<Action<CTokenContext>>[byKind.Length][];
        for (var k = 0; k < byKind.Length; k++) ByKind[k] = byKind[k].ToArray();
        // The spellings of the three indexes by loops, not Concat, Distinct and ToDictionary: LINQ's iterators here were
        // a third of making the dispatch, ~0.6% of a hook run's CPU samples (perf, published build), on its main thread.
        var words = new Dictionary<string, WordActions>(StringComparer.Ordinal);
        foreach (var spelling in identifiers.Keys) AddWord(spelling);
        foreach (var spelling in calls.Keys) AddWord(spelling);
        foreach (var spelling in callsOnAllLines.Keys) AddWord(spelling);
        Words = words.GetAlternateLookup<ReadOnlySpan<char>>();
        Symbols = Freeze(symbols).GetAlternateLookup<ReadOnlySpan<char>>();
        HasCallsOnAllLines = callsOnAllLines.Count > 0;
        ByControl = new Registered<Action<ControlContext>>[byControl.Length][];
        for (var k = 0; k < byControl.Length; k++) ByControl[k] = byControl[k].ToArray();
        Macro = [.. macro];
        Function = [.. function];
        HasWords = identifiers.Count + calls.Count + callsOnAllLines.Count > 0;
        HasSymbols = symbols.Count > 0;
        HasTokens = HasWords || HasSymbols || !IdentifierPrefixes.IsEmpty || ByKind.Any(a => a.Length > 0);
        HasLines = Line.Length + LineOnWords.Length > 0 || HasTokens;
        HasStructure = Macro.Length + Function.Length + Statement.Length > 0 || ByControl.Any(a => a.Length > 0);
        IsEmpty = Fragment.Length == 0 && !HasLines && !HasStructure;
        foreach (var spelling in words.Keys)
        {
            _wordShapes[spelling[0] & 127] |= LengthBit(spelling.Length);
            _wordEndShapes[spelling[^1] & 127] |= LengthBit(spelling.Length);
        }

        foreach (var spelling in callsOnAllLines.Keys) _callOnAllLinesShapes[spelling[0] & 127] |= LengthBit(spelling.Length);
        foreach (var spelling in lineWords.Keys)
        {
            _lineWordShapes[spelling[0] & 127] |= LengthBit(spelling.Length);
            _lineWordEndShapes[spelling[^1] & 127] |= LengthBit(spelling.Length);
        }

        // A prefix starts words of its length and longer.
        foreach (var (prefix, _) in linePrefixes) _lineWordShapes[prefix[0] & 127] |= ulong.MaxValue << Math.Min(prefix.Length, 63);
        foreach (var (spelling, actions) in symbols)
        {
            if (spelling.Length == 1 && spelling[0] < OneCharSymbols) _oneCharSymbols[spelling[0]] = actions.ToArray();
        }

        void AddWord(string spelling)
        {
            if (words.ContainsKey(spelling)) return;
            words[spelling] = new WordActions(
                identifiers.TryGetValue(spelling, out var identifier) ? [.. identifier] : [],
                calls.TryGetValue(spelling, out var call) ? [.. call] : [],
                callsOnAllLines.TryGetValue(spelling, out var callOnAllLines) ? [.. callOnAllLines] : []);
        }
    }

    private const int OneCharSymbols = 128;

    // Bit L of entry c: some identifier or callee spelling starts with c (folded to 7 bits) and has L characters
    // (lengths from 63 up share bit 63). Most identifiers of a line are no registered spelling, and this tells so
    // without hashing them.
    private readonly ulong[] _wordShapes = new ulong[128];

    // The same by last character: a word that passes the first test (common first letters and lengths) is looked up
    // only if its last character also ends some spelling of its length.
    private readonly ulong[] _wordEndShapes = new ulong[128];

    // The same for the callees of the call actions that want context lines too: the only words looked up on those lines.
    private readonly ulong[] _callOnAllLinesShapes = new ulong[128];

    // The same for the spellings and prefixes of the line-on-words actions.
    private readonly ulong[] _lineWordShapes = new ulong[128];

    // The same by last character for the spellings of the line-on-words actions (not their prefixes).
    private readonly ulong[] _lineWordEndShapes = new ulong[128];

    // The actions of each one-character symbol ('{', ';', '*'...), most of the symbol tokens, without a dictionary lookup.
    private readonly Registered<Action<CTokenContext>>[]?[] _oneCharSymbols = new Registered<Action<CTokenContext>>[]?[OneCharSymbols];

    private static ulong LengthBit(int length) => 1UL << Math.Min(length, 63);

    public Registered<Action<CFragmentContext>>[] Fragment { get; }
    public Registered<Action<CodeLineContext>>[] Line { get; }
    /// <summary>The line actions called once per line on which one of their spellings is a code word (or starts one of its words, for prefixes).</summary>
    public Registered<Action<CodeLineContext>>[] LineOnWords { get; }

    /// <summary>For each spelling, the indexes in <see cref="LineOnWords"/> of the actions that asked for it.</summary>
    public Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> LineWords { get; }

    /// <summary>The prefixes of the line actions registered by prefix, with their indexes in <see cref="LineOnWords"/>.</summary>
    public PrefixTable<int> LinePrefixes { get; }

    /// <summary>The identifier actions registered by prefix.</summary>
    public PrefixTable<Registered<Action<CTokenContext>>> IdentifierPrefixes { get; }

    public Registered<Action<StatementContext>>[] Statement { get; }
    public Registered<Action<CTokenContext>>[][] ByKind { get; }
    /// <summary>The identifier and call actions of each spelling: one lookup per word whatever it is registered for.</summary>
    public Dictionary<string, WordActions>.AlternateLookup<ReadOnlySpan<char>> Words { get; }

    private Dictionary<string, Registered<Action<CTokenContext>>[]>.AlternateLookup<ReadOnlySpan<char>> Symbols { get; }

    /// <summary>Some call action wants the calls on context lines too, so those lines are walked as well.</summary>
    public bool HasCallsOnAllLines { get; }

    public Registered<Action<ControlContext>>[][] ByControl { get; }
    public Registered<Action<MacroContext>>[] Macro { get; }
    public Registered<Action<FunctionContext>>[] Function { get; }

    /// <summary>Some action wants identifiers or calls by spelling.</summary>
    public bool HasWords { get; }

    public bool HasSymbols { get; }

    /// <summary>Some action wants the tokens of judged lines.</summary>
    public bool HasTokens { get; }

    /// <summary>Some action wants the judged lines or their tokens.</summary>
    public bool HasLines { get; }

    /// <summary>Some action wants the fragment's structure (controls, statements, macros, functions).</summary>
    public bool HasStructure { get; }

    public bool IsEmpty { get; }

    /// <summary>A cheap first test before the dictionary: could <paramref name="token"/>'s text be a registered spelling?</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // asked for every identifier of every judged line; WalkLines called it out of line
    public bool MayBeWord(in CToken token) => (_wordShapes[token.First & 127] & LengthBit(token.Length)) != 0;

    /// <summary>The second test, on the text of a word that passed <see cref="MayBeWord"/>: could its last character end a registered spelling of its length?</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayEndWord(ReadOnlySpan<char> text) => (_wordEndShapes[text[^1] & 127] & LengthBit(text.Length)) != 0;

    /// <summary><see cref="MayEndWord"/> for the spellings of the line-on-words actions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayEndLineWord(ReadOnlySpan<char> text) => (_lineWordEndShapes[text[^1] & 127] & LengthBit(text.Length)) != 0;

    /// <summary>The same test for the callees of the call actions registered with <see cref="CallLines.All"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayBeCallOnAllLines(in CToken token) => (_callOnAllLinesShapes[token.First & 127] & LengthBit(token.Length)) != 0;

    /// <summary>The actions registered for the symbol <paramref name="token"/> (an operator or punctuation token), or null.</summary>
    public Registered<Action<CTokenContext>>[]? SymbolActions(CFragment fragment, in CToken token)
    {
        if (token.Length == 1 && token.First < OneCharSymbols) return _oneCharSymbols[token.First];
        return Symbols.TryGetValue(fragment.TextOf(token), out var actions) ? actions : null;
    }

    /// <summary>The same test for the spellings and prefixes of the line-on-words actions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayBeLineWord(in CToken token) => (_lineWordShapes[token.First & 127] & LengthBit(token.Length)) != 0;

    private static void Index<T>(Dictionary<string, List<Registered<T>>> index, ImmutableArray<string> spellings, Registered<T> action)
        where T : Delegate
    {
        foreach (var spelling in spellings.Distinct(StringComparer.Ordinal))
        {
            if (spelling.Length == 0) throw new ArgumentException($"{action.Owner.Name} registered an empty spelling.");
            if (!index.TryGetValue(spelling, out var list)) index[spelling] = list = [];
            list.Add(action);
        }
    }

    /// <summary>
    /// The prefixes of one registration without those that extend another of them (<c>ab</c> when <c>a</c> is there),
    /// so that a name matches at most one and the action is called once per name.
    /// </summary>
    private static IEnumerable<string> Shortest(ImmutableArray<string> prefixes, RuleOwner owner)
    {
        if (prefixes.Any(p => p.Length == 0)) throw new ArgumentException($"{owner.Name} registered an empty prefix.");
        return prefixes.Distinct(StringComparer.Ordinal)
            .Where(p => !prefixes.Any(other => other.Length < p.Length && p.StartsWith(other, StringComparison.Ordinal)));
    }

    private static Dictionary<string, T[]> Freeze<T>(Dictionary<string, List<T>> index)
    {
        var frozen = new Dictionary<string, T[]>(index.Count, StringComparer.Ordinal);
        foreach (var (key, list) in index) frozen[key] = list.ToArray();
        return frozen;
    }
}

/// <summary>
/// Prefixes with a value each, looked up by a word's first character: most words start with no registered prefix's
/// first character, and the few that do are compared with that character's prefixes only, in registration order.
/// </summary>
/// <summary>The actions registered for one spelling: as an identifier, as a callee, as a callee on context lines too.</summary>
internal sealed record WordActions(
    Registered<Action<CTokenContext>>[] Identifier,
    Registered<Action<CallContext>>[] Call,
    Registered<Action<CallContext>>[] CallOnAllLines);

internal sealed class PrefixTable<T>
{
    private const int Starts = 128;

    // Entry c: the prefixes whose first character folds (to 7 bits) to c; null when none does.
    private readonly (string Prefix, T Value)[]?[] _byStart = new (string, T)[]?[Starts];

    public PrefixTable(List<(string Prefix, T Value)> entries)
    {
        // A loop, not GroupBy: LINQ over the tuples is JIT-compiled at every start (see CodeDispatch).
        var byStart = new List<(string, T)>?[Starts];
        foreach (var entry in entries) (byStart[entry.Prefix[0] & (Starts - 1)] ??= []).Add(entry);
        for (var c = 0; c < Starts; c++)
        {
            if (byStart[c] is not { } group) continue;
            _byStart[c] = group.ToArray();
            IsEmpty = false;
        }
    }

    public bool IsEmpty { get; } = true;

    /// <summary>A cheap first test: could a word starting with <paramref name="first"/> start with a prefix?</summary>
    public bool MayMatch(char first) => _byStart[first & (Starts - 1)] is not null;

    /// <summary>The prefixes that could start a word whose first character is <paramref name="first"/> (test each with StartsWith).</summary>
    public ReadOnlySpan<(string Prefix, T Value)> Candidates(char first) => _byStart[first & (Starts - 1)];
}
