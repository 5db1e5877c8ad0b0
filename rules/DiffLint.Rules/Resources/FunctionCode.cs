using System.Collections.Immutable;
using System.Runtime.InteropServices;
using DiffLint.Core.CSyntax;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Resources;

/// <summary>A post-image line of a <see cref="CodeView"/>: its number, whether the patch adds it, and its input line (0 when the line is not in the patch).</summary>
internal readonly record struct CodeLine(int NewLine, bool IsAdded, int InputLine, ReadOnlyMemory<char> Text);

/// <summary>A code token (comments, continuations and preprocessor lines left out) with its text materialised.</summary>
internal readonly record struct CodeToken(CTokenKind Kind, string Text, int Line, int Column)
{
    public bool Is(string text) => Text == text;
    public bool IsIdentifier => Kind == CTokenKind.Identifier;
}

/// <summary>
/// Consecutive post-image lines of one file, tokenized: a hunk's context and added lines (the patch alone), or the whole
/// post-image file (with the tree).
/// </summary>
internal sealed class CodeView
{
    public CodeView(FileDiff file, ImmutableArray<CodeLine> lines, ImmutableArray<CodeToken> tokens, string? heading, bool wholeFile)
    {
        File = file;
        Lines = lines;
        Tokens = tokens;
        Heading = heading;
        WholeFile = wholeFile;
    }

    public FileDiff File { get; }
    public ImmutableArray<CodeLine> Lines { get; }
    public ImmutableArray<CodeToken> Tokens { get; }

    /// <summary>The function the hunk header names: the code before the view's first unmatched <c>}</c> belongs to it.</summary>
    public string? Heading { get; }

    /// <summary>The view is the whole post-image file, so every function in it is seen from its first line to its last.</summary>
    public bool WholeFile { get; }

    public bool IsAdded(int token) => (uint)token < (uint)Tokens.Length && Lines[Tokens[token].Line].IsAdded;

    public int NewLineOf(int token) => (uint)token < (uint)Tokens.Length ? Lines[Tokens[token].Line].NewLine : 0;

    /// <summary>
    /// Tokenizes <paramref name="lines"/>, starting in <paramref name="start"/>. Preprocessor lines are left out, and so
    /// are the <c>#else</c>/<c>#elif</c> branches of conditionals: only the first branch is read, since the branches are
    /// alternatives and reading them in sequence would acquire twice.
    /// </summary>
    public static CodeView Tokenize(FileDiff file, ImmutableArray<CodeLine> lines, CLexState start, string? heading, bool wholeFile) =>
        Build(file, lines, start, null, 0, heading, wholeFile);

    /// <summary>
    /// As <see cref="Tokenize"/>, with the tokens the engine already has: <paramref name="lines"/> are lines
    /// <paramref name="firstLine"/>... of <paramref name="fragment"/>, which were tokenized from the state the view
    /// starts in.
    /// </summary>
    public static CodeView FromFragment(FileDiff file, ImmutableArray<CodeLine> lines, CFragment fragment, int firstLine, string? heading) =>
        Build(file, lines, default, fragment, firstLine, heading, wholeFile: false);

    private static CodeView Build(FileDiff file, ImmutableArray<CodeLine> lines, CLexState state, CFragment? fragment, int firstLine,
        string? heading, bool wholeFile)
    {
        // Per-thread scratch lists, so a view allocates its exact token array and nothing else.
        var scratch = Scratch(ref t_lineTokens);
        var tokens = Scratch(ref t_codeTokens);
        var spellings = Spellings.OfThisThread();
        var conditionals = new Stack<bool>(); // per open #if: whether a later branch is being skipped
        var skipping = 0;
        for (var l = 0; l < lines.Length; l++)
        {
            var text = lines[l].Text.Span;
            ReadOnlySpan<CToken> lineTokens;
            if (fragment is not null)
            {
                lineTokens = fragment.TokensOf(firstLine + l);
            }
            else
            {
                scratch.Clear();
                state = CTokenizer.TokenizeLine(text, state, l, CTokenFlags.None, scratch);
                lineTokens = CollectionsMarshal.AsSpan(scratch);
            }

            foreach (ref readonly var token in lineTokens)
            {
                if (token.Kind == CTokenKind.Preprocessor)
                {
                    var directive = text.Slice(token.Start, token.Length).TrimStart('#').Trim();
                    if (directive.StartsWith("if", StringComparison.Ordinal)) conditionals.Push(false);
                    else if (directive is "else" || directive.StartsWith("elif", StringComparison.Ordinal))
                    {
                        if (conditionals.Count == 0 || !conditionals.Peek())
                        {
                            if (conditionals.Count > 0) conditionals.Pop();
                            conditionals.Push(true);
                            skipping++;
                        }
                    }
                    else if (directive is "endif" && conditionals.Count > 0 && conditionals.Pop()) skipping--;
                    else if (directive is "endif" && conditionals.Count == 0) skipping = 0;
                }

                if (skipping > 0 || token.InDirective || !token.IsCode || token.Kind == CTokenKind.Preprocessor) continue;
                tokens.Add(new CodeToken(token.Kind, spellings.TextOf(token, text), l, token.Start));
            }
        }

        return new CodeView(file, lines, ImmutableCollectionsMarshal.AsImmutableArray(tokens.ToArray()), heading, wholeFile);
    }

    [ThreadStatic] private static List<CToken>? t_lineTokens;
    [ThreadStatic] private static List<CodeToken>? t_codeTokens;

    private static List<T> Scratch<T>(ref List<T>? slot)
    {
        // A huge view's list is not kept: the next small one would hold its memory for the thread's life.
        if (slot is null || slot.Capacity > 1 << 16) slot = new List<T>(256);
        slot.Clear();
        return slot;
    }

    /// <summary>
    /// Token texts, shared (a view would otherwise allocate a string per token); literals keep a placeholder, since the
    /// analysis never reads their contents. One per thread, read once per view: a thread-static read per token went
    /// through a runtime helper in the published build.
    /// </summary>
    private sealed class Spellings
    {
        private const int RecentSlots = 1 << 12;

        [ThreadStatic] private static Spellings? t_spellings;

        private static readonly string[] OneCharacterTexts = AsciiTexts();

        // A loop, not Enumerable.Range and Select: LINQ's generic iterators are JIT-compiled at every start.
        private static string[] AsciiTexts()
        {
            var texts = new string[128];
            for (var c = 0; c < texts.Length; c++) texts[c] = ((char)c).ToString();
            return texts;
        }

        // The last spelling seen in each slot of a small table answers most identifiers without hashing the whole text.
        private readonly string?[] _recent = new string?[RecentSlots];

        // Identifiers repeat too (variables, callees, keywords): interned, the pool emptied when it grows large.
        private readonly Dictionary<string, string> _interned = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _internedBySpan;

        // The static table, held here too, so that the per-token path reads instance fields only (the published build can
        // reach a class's statics through a helper stub).
        private readonly string[] _oneCharacterTexts = OneCharacterTexts;

        private Spellings() => _internedBySpan = _interned.GetAlternateLookup<ReadOnlySpan<char>>();

        public static Spellings OfThisThread() => t_spellings ??= new Spellings();

        public string TextOf(in CToken token, ReadOnlySpan<char> line)
        {
            switch (token.Kind)
            {
                case CTokenKind.String:
                    return "\"\"";
                case CTokenKind.Char:
                    return "' '";
                case CTokenKind.Number when token.Length > 2:
                    return "#";
            }

            // Brackets, ';', ',' and the other one-character tokens, half of all: from a table, without hashing.
            var spelling = line.Slice(token.Start, token.Length);
            if (spelling.Length == 1 && spelling[0] < _oneCharacterTexts.Length) return _oneCharacterTexts[spelling[0]];
            if (spelling.IsEmpty) return "";
            ref var slot = ref _recent[Slot(spelling)];
            if (slot is not null && spelling.SequenceEqual(slot)) return slot;
            if (_internedBySpan.TryGetValue(spelling, out var known)) return slot = known;
            var text = spelling.ToString();
            if (_interned.Count >= 1 << 15) _interned.Clear();
            _interned[text] = text;
            return slot = text;
        }

        /// <summary>A slot of the recent spellings from a spelling's length and first, middle and last characters.</summary>
        private static int Slot(ReadOnlySpan<char> spelling) =>
            ((((spelling.Length * 31) + spelling[0]) * 31 + spelling[spelling.Length >> 1]) * 31 + spelling[^1]) & (RecentSlots - 1);
    }
}

/// <summary>What a function body names of a pair table (<see cref="FunctionCode.Uses"/>).</summary>
internal enum TableUse : byte
{
    None,

    /// <summary>Functions that take ownership of an argument, and no acquire or release.</summary>
    TransfersOnly,

    AcquireOrRelease,
}

/// <summary>
/// A function body seen in a <see cref="CodeView"/>: tokens <see cref="BodyStart"/> to <see cref="BodyEnd"/> (exclusive;
/// <see cref="BodyEnd"/> is the closing brace when <see cref="EndVisible"/>). When <see cref="StartVisible"/> is false the
/// view starts inside the function (a hunk in its middle): what came before is unknown.
/// </summary>
internal sealed record FunctionCode(
    CodeView View,
    string Name,
    bool StartVisible,
    bool EndVisible,
    ImmutableArray<string> Parameters,
    int BodyStart,
    int BodyEnd)
{
    /// <summary>The body's statements, parsed on first use and shared by the analyses that walk them.</summary>
    public ImmutableArray<Statement> Body => _body.IsDefault ? _body = BodyParser.Parse(this) : _body;

    private ImmutableArray<Statement> _body;

    private ResourcePairTable? _namesTable;
    private int[] _names = [];

    /// <summary>
    /// The body's identifiers that <paramref name="table"/> knows (<see cref="ResourcePairTable.Knows(ReadOnlySpan{char})"/>:
    /// acquires, releases, transfers), in order. Read once per table and shared by the scans for its acquires and releases
    /// (the wrappers, <see cref="Uses"/>, the flow's releases, the reference count), which went through every token each.
    /// </summary>
    public ReadOnlySpan<int> TokensNamedBy(ResourcePairTable table)
    {
        if (ReferenceEquals(_namesTable, table)) return _names;
        var tokens = View.Tokens;
        List<int>? named = null;
        for (var t = BodyStart; t < BodyEnd; t++)
        {
            if (tokens[t].IsIdentifier && table.Knows(tokens[t].Text)) (named ??= []).Add(t);
        }

        (_namesTable, _names) = (table, named is null ? [] : named.ToArray());
        return _names;
    }

    /// <summary>What the body names of <paramref name="table"/>: nothing, only functions that take ownership, or an acquire or release.</summary>
    public TableUse Uses(ResourcePairTable table)
    {
        var tokens = View.Tokens;
        var use = TableUse.None;
        foreach (var t in TokensNamedBy(table))
        {
            if (table.IsAcquire(tokens[t].Text) || table.IsRelease(tokens[t].Text)) return TableUse.AcquireOrRelease;
            use = TableUse.TransfersOnly;
        }

        return use;
    }

    /// <summary>True when a line of the body is added by the patch.</summary>
    public bool HasAddedLine()
    {
        for (var t = BodyStart; t < BodyEnd; t++)
        {
            if (View.IsAdded(t)) return true;
        }

        return EndVisible && BodyEnd < View.Tokens.Length && View.IsAdded(BodyEnd);
    }

    /// <summary>Finds the function bodies of <paramref name="view"/>: definitions, and the tail of the heading function.</summary>
    public static List<FunctionCode> FindAll(CodeView view)
    {
        var tokens = view.Tokens;
        var found = new List<FunctionCode>();
        var depth = 0;
        var declarationStart = 0;
        var definitionSeen = false;
        for (var t = 0; t < tokens.Length; t++)
        {
            var token = tokens[t];
            if (token.Kind != CTokenKind.Punctuation) continue;
            if (token.Is("}"))
            {
                depth--;
                if (depth < 0)
                {
                    // The view began inside a block. A brace in the first column closes the heading function's body
                    // (every C style in use puts it there); any other closes a block inside it.
                    if (token.Column > 0 && !definitionSeen && view.Heading is not null && !view.WholeFile)
                    {
                        depth = 0;
                        continue;
                    }

                    if (!definitionSeen && view.Heading is not null && !view.WholeFile)
                        found.Add(new FunctionCode(view, view.Heading, false, true, [], 0, t));
                    depth = 0;
                }

                if (depth == 0) declarationStart = t + 1;
                continue;
            }

            if (token.Is(";") && depth == 0)
            {
                declarationStart = t + 1;
                continue;
            }

            if (!token.Is("{")) continue;
            if (depth == 0 && declarationStart == 0 && view.Heading is not null && !view.WholeFile && t > 0 && tokens[t - 1].Is(")") &&
                MatchingOpen(tokens, t - 1, 0) < 0)
            {
                // The view starts inside the heading function's parameter list: `int flags) {`.
                var close = MatchingBrace(tokens, t);
                definitionSeen = true;
                found.Add(new FunctionCode(view, view.Heading, true, close >= 0, ParameterNames(tokens, 0, t - 1), t + 1,
                    close >= 0 ? close : tokens.Length));
                if (close < 0) break;
                t = close;
                declarationStart = t + 1;
                continue;
            }

            if (depth == 0 && TryDefinition(tokens, declarationStart, t, out var name, out var parameters))
            {
                var close = MatchingBrace(tokens, t);
                definitionSeen = true;
                found.Add(new FunctionCode(view, name, true, close >= 0, parameters, t + 1, close >= 0 ? close : tokens.Length));
                if (close < 0) break;
                t = close;
                declarationStart = t + 1;
                continue;
            }

            depth++;
        }

        // A view that starts and ends inside the heading function (no brace closes it): the whole view is its middle.
        if (found.Count == 0 && view.Heading is not null && !view.WholeFile && tokens.Length > 0 && LooksLikeStatements(tokens))
            found.Add(new FunctionCode(view, view.Heading, false, false, [], 0, tokens.Length));
        return found;
    }

    private static bool LooksLikeStatements(ImmutableArray<CodeToken> tokens)
    {
        foreach (var token in tokens)
        {
            if (token.Kind == CTokenKind.Keyword && token.Text is "return" or "if" or "goto" or "for" or "while") return true;
        }

        return false;
    }

    private static int MatchingBrace(ImmutableArray<CodeToken> tokens, int open)
    {
        var depth = 0;
        for (var t = open; t < tokens.Length; t++)
        {
            if (tokens[t].Kind != CTokenKind.Punctuation) continue;
            if (tokens[t].Is("{")) depth++;
            else if (tokens[t].Is("}") && --depth == 0) return t;
        }

        return -1;
    }

    /// <summary>
    /// <c>type name(params) [attributes] {</c> at file level: the last <c>)</c> before the brace closes the parameter
    /// list of an identifier, and no <c>=</c> (an initializer) comes between the declaration's start and the brace.
    /// </summary>
    private static bool TryDefinition(ImmutableArray<CodeToken> tokens, int start, int brace, out string name, out ImmutableArray<string> parameters)
    {
        name = "";
        parameters = [];
        var close = brace - 1;
        // Attributes between the parameter list and the body: __acquires(x), __must_hold(&l), __releases(l).
        while (close > start && tokens[close].Is(")"))
        {
            var open = MatchingOpen(tokens, close, start);
            if (open <= start) return false;
            var callee = tokens[open - 1];
            if (!callee.IsIdentifier) return false;
            if (!callee.Text.StartsWith("__", StringComparison.Ordinal) || open - 2 < start || !tokens[open - 2].Is(")"))
            {
                for (var t = start; t < open - 1; t++)
                {
                    if (tokens[t].Text is "=" or "," && tokens[t].Kind != CTokenKind.Identifier) return false;
                }

                if (open - 1 == start) return false; // a bare call at file level (a macro invocation), not a definition
                name = callee.Text;
                parameters = ParameterNames(tokens, open + 1, close);
                return true;
            }

            close = open - 2;
        }

        return false;
    }

    private static int MatchingOpen(ImmutableArray<CodeToken> tokens, int close, int limit)
    {
        var depth = 0;
        for (var t = close; t >= limit; t--)
        {
            if (tokens[t].Is(")")) depth++;
            else if (tokens[t].Is("(") && --depth == 0) return t;
        }

        return -1;
    }

    private static ImmutableArray<string> ParameterNames(ImmutableArray<CodeToken> tokens, int first, int end)
    {
        var names = ImmutableArray.CreateBuilder<string>();
        var depth = 0;
        string? last = null;
        for (var t = first; t <= end; t++)
        {
            var token = t < end ? tokens[t] : default;
            if (t == end || (depth == 0 && token.Is(",")))
            {
                names.Add(last ?? "");
                last = null;
                continue;
            }

            if (token.Text is "(" or "[") depth++;
            else if (token.Text is ")" or "]") depth--;
            else if (depth == 0 && token.IsIdentifier) last = token.Text;
        }

        return names.Count == 1 && names[0] == "" ? [] : names.ToImmutable();
    }
}
