using System.Buffers;
using System.Collections.Immutable;

namespace DiffLint.Core.CSyntax;

public enum CControlKind : byte
{
    If,
    Else,
    For,
    While,
    Do,
    Switch,

    /// <summary>An iterator macro used like a loop: <c>list_for_each_entry(pos, head, member) {</c>.</summary>
    IteratorMacro,
}

/// <summary>
/// A control statement seen in a fragment. Token indexes point into <see cref="CFragment.Tokens"/>; -1 means
/// "not there" (no condition for <c>else</c>/<c>do</c>) or "not visible in the hunk".
/// </summary>
/// <param name="Keyword">The keyword (or the iterator macro's name).</param>
/// <param name="ConditionOpen">The <c>(</c> after the keyword; for <c>do</c>, the one after its closing <c>while</c>.</param>
/// <param name="ConditionClose">The matching <c>)</c>.</param>
/// <param name="BodyStart">The body's first token: <c>{</c> when <see cref="Braced"/>.</param>
/// <param name="BodyEnd">The body's last token: its <c>}</c>, or the <c>;</c> of a single statement.</param>
/// <param name="Braced">The body is a <c>{ }</c> block.</param>
/// <param name="Trailer">For <c>if</c>: its <c>else</c> keyword; for <c>do</c>: its closing <c>while</c>; otherwise -1.</param>
public readonly record struct CControl(CControlKind Kind, int Keyword, int ConditionOpen, int ConditionClose, int BodyStart,
    int BodyEnd, bool Braced, int Trailer)
{
    /// <summary>An <c>else</c> directly followed by <c>if</c>.</summary>
    public bool IsElseIf(CFragment fragment) =>
        Kind == CControlKind.Else && BodyStart >= 0 && fragment.Is(fragment.Tokens[BodyStart], "if");
}

/// <summary>A statement: tokens <see cref="First"/> to <see cref="Last"/> (its <c>;</c>, or the last visible token).</summary>
public readonly record struct CStatement(int First, int Last);

/// <summary>
/// A function whose body the fragment shows, or (with <see cref="NameToken"/> -1) the function named by the hunk
/// header. <see cref="BodyOpen"/>/<see cref="BodyClose"/> are its braces, -1 when not visible.
/// </summary>
public readonly record struct CFunction(string Name, int NameToken, int BodyOpen, int BodyClose);

/// <summary>
/// A <c>#define</c>: its directive and name tokens (-1 when the hunk starts inside the macro), whether it takes
/// parameters, and its body tokens <see cref="BodyFirst"/>..<see cref="BodyLast"/> (-1 when empty), continuations excluded.
/// </summary>
public readonly record struct CMacro(int Directive, int NameToken, bool IsFunctionLike, int BodyFirst, int BodyLast, int FirstLine, int LastLine);

/// <summary>
/// Light structure over a fragment's tokens: bracket pairs, statements, control statements with or without braces,
/// function definitions and macro bodies. Not a C parser: it reads what a hunk shows and leaves the rest at -1.
/// Preprocessor lines are kept out of statements (a macro body is recorded in <see cref="Macros"/>).
/// </summary>
public sealed class CStructure
{
    private const int MaxNesting = 200;

    private readonly int[] _match;
    /// <summary>Per line, 1 + the index in <see cref="Functions"/> of the function the line belongs to; 0 when none is known.</summary>
    private readonly int[] _lineFunction;

    private CStructure(int[] match, int[] lineFunction, ImmutableArray<CStatement> statements, ImmutableArray<CControl> controls,
        ImmutableArray<CFunction> functions, ImmutableArray<CMacro> macros, string? headingFunction)
    {
        _match = match;
        _lineFunction = lineFunction;
        Statements = statements;
        Controls = controls;
        Functions = functions;
        Macros = macros;
        HeadingFunction = headingFunction;
    }

    /// <summary>Statements in token order (control headers are not statements; their bodies are).</summary>
    public ImmutableArray<CStatement> Statements { get; }

    /// <summary>Control statements in keyword order.</summary>
    public ImmutableArray<CControl> Controls { get; }

    /// <summary>The hunk header's function (if it names one) first, then the definitions seen, in order.</summary>
    public ImmutableArray<CFunction> Functions { get; }

    public ImmutableArray<CMacro> Macros { get; }

    /// <summary>The function named by the hunk header (<c>@@ ... @@ static int foo(void)</c>), when it names one.</summary>
    public string? HeadingFunction { get; }

    /// <summary>The token matching bracket <paramref name="token"/> (<c>( ) [ ] { }</c>), or -1.</summary>
    public int MatchOf(int token) => (uint)token < (uint)_match.Length ? _match[token] : -1;

    /// <summary>The function line <paramref name="line"/> (an index into <see cref="CFragment.Lines"/>) belongs to, if known.</summary>
    public CFunction? FunctionAt(int line) =>
        (uint)line < (uint)_lineFunction.Length && _lineFunction[line] > 0 ? Functions[_lineFunction[line] - 1] : null;

    /// <summary>
    /// The innermost control statement whose keyword, condition or body holds token <paramref name="token"/> (an index
    /// into <see cref="CFragment.Tokens"/>), or null. A body not closed within the hunk runs to its end.
    /// </summary>
    public CControl? ControlAt(int token)
    {
        CControl? innermost = null;
        foreach (ref readonly var control in Controls.AsSpan())
        {
            // Controls are in keyword order, so a later one that holds the token is nested in an earlier one.
            if (control.Keyword > token) break;
            // A do's condition comes after its body.
            var end = control.BodyEnd < 0 ? int.MaxValue : Math.Max(control.BodyEnd, control.ConditionClose);
            if (token <= end) innermost = control;
        }

        return innermost;
    }

    internal static CStructure Build(CFragment fragment)
    {
        var tokens = fragment.Tokens;
        var match = ScanTokens(tokens.AsSpan(), out var code, out var directives);
        var heading = HeadingFunctionName(fragment.Hunk.Heading);
        var functions = Reused(ref t_functions);
        if (heading is not null) functions.Add(new CFunction(heading, -1, -1, -1));
        var parser = new StatementParser(fragment, match, code, functions);
        parser.ParseAll(startsInsideFunction: heading is not null);

        // Most fragments show no function and name none: they share one empty table, which FunctionAt reads as "none".
        var lineFunction = functions.Count == 0 ? Array.Empty<int>() : new int[fragment.Lines.Length];
        for (var l = 0; l < parser.HeadingFunctionLines; l++) lineFunction[l] = 1;
        for (var f = heading is null ? 0 : 1; f < functions.Count; f++)
        {
            var function = functions[f];
            var firstLine = tokens[function.NameToken].Line;
            var lastLine = function.BodyClose >= 0 ? tokens[function.BodyClose].Line : fragment.Lines.Length - 1;
            for (var l = firstLine; l <= lastLine; l++) lineFunction[l] = f + 1;
        }

        // A fragment with no directive, which does not start inside one, defines no macro: most are not searched.
        var macros = directives == 0 && !fragment.Start.State.HasFlag(CLexState.Directive) ? [] : FindMacros(fragment, match);
        return new CStructure(match, lineFunction, parser.Statements.ToImmutable(), parser.Controls.ToImmutable(),
            functions.ToImmutable(), macros, heading);
    }

    // The code tokens (comments, continuations and directives left out) of the fragment being built, in order: their
    // fragment indexes, their one-character symbol ('\0' for other tokens), and each token's position among them (-1
    // for the others). Per thread, as CFragment.Build's scratch (Build is not re-entrant): cheaper than ArrayPool.
    [ThreadStatic] private static int[]? t_code;
    [ThreadStatic] private static char[]? t_symbol;
    [ThreadStatic] private static int[]? t_position;
    [ThreadStatic] private static int[]? t_codeStack;
    [ThreadStatic] private static int[]? t_directiveStack;
    private const int MaxKeptStack = 1 << 12;

    /// <summary>
    /// The code tokens of a fragment as <see cref="ScanTokens"/> lists them for the statement parser: the first
    /// <see cref="Length"/> of <see cref="Indexes"/> (fragment indexes) and <see cref="Symbols"/>, and
    /// <see cref="Positions"/> for every token of the fragment. The arrays are the thread's scratch, valid until the
    /// thread builds its next structure.
    /// </summary>
    private readonly record struct CodeTokenList(int[] Indexes, char[] Symbols, int[] Positions, int Length);

    /// <summary>
    /// One pass over the tokens: pairs brackets, with one stack for code and one for the current directive (reset at
    /// each directive), lists the code tokens for the statement parser (<paramref name="codeTokens"/>), and counts the
    /// directives. Returns the bracket pairs.
    /// </summary>
    private static int[] ScanTokens(ReadOnlySpan<CToken> tokens, out CodeTokenList codeTokens, out int directives)
    {
        // Not zeroed first: every element is written below, -1 unless a pair is found.
        var match = GC.AllocateUninitializedArray<int>(tokens.Length);
        var code = ThreadScratch.Array(ref t_code, tokens.Length);
        var symbols = ThreadScratch.Array(ref t_symbol, tokens.Length);
        var positions = ThreadScratch.Array(ref t_position, tokens.Length);
        var codeStack = new BracketStack(t_codeStack ??= new int[64]);
        var directiveStack = new BracketStack(t_directiveStack ??= new int[16]);
        var count = 0;
        directives = 0;
        for (var t = 0; t < tokens.Length; t++)
        {
            ref readonly var token = ref tokens[t];
            match[t] = -1;
            positions[t] = -1;
            var kind = token.Kind;
            if (kind == CTokenKind.Preprocessor)
            {
                directiveStack.Clear();
                directives++;
            }

            var inDirective = token.InDirective;
            if (!inDirective && token.IsCode)
            {
                symbols[count] = token.Length == 1 && kind is CTokenKind.Punctuation or CTokenKind.Operator ? token.First : '\0';
                positions[t] = count;
                code[count++] = t;
            }

            if (kind != CTokenKind.Punctuation) continue;
            ref var stack = ref inDirective ? ref directiveStack : ref codeStack;
            var c = token.First;
            if (c is '(' or '[' or '{')
            {
                stack.Push(t);
                continue;
            }

            var open = c switch { ')' => '(', ']' => '[', '}' => '{', _ => '\0' };
            if (open == '\0') continue;
            var depth = stack.Count - 1;
            while (depth >= 0 && tokens[stack[depth]].First != open) depth--;
            if (depth < 0) continue; // a closer whose opener is before the hunk (or in another #if branch)
            var o = stack[depth];
            stack.Count = depth;
            match[o] = t;
            match[t] = o;
        }

        // A stack that grew is kept for the next fragment, unless a pathological nesting made it large.
        t_codeStack = codeStack.Items.Length <= MaxKeptStack ? codeStack.Items : null;
        t_directiveStack = directiveStack.Items.Length <= MaxKeptStack ? directiveStack.Items : null;
        codeTokens = new CodeTokenList(code, symbols, positions, count);
        return match;
    }

    /// <summary>A growable stack of token indexes that can be searched and cut.</summary>
    private struct BracketStack(int[] items)
    {
        public int[] Items { get; private set; } = items;

        public int Count { get; set; }

        public readonly int this[int index] => Items[index];

        public void Push(int item)
        {
            if (Count == Items.Length)
            {
                var grown = Items;
                Array.Resize(ref grown, grown.Length * 2);
                Items = grown;
            }

            Items[Count++] = item;
        }

        public void Clear() => Count = 0;
    }

    [ThreadStatic]
    private static List<CToken>? t_headingTokens;

    private static readonly SearchValues<char> LiteralOrCommentStarts = SearchValues.Create("\"'/");

    /// <summary>The function a hunk heading names: the identifier before its first top-level <c>(</c>, when the heading reads like a declarator.</summary>
    internal static string? HeadingFunctionName(string heading)
    {
        var span = heading.AsSpan();
        // Only the tokens up to the first '(' decide, and a '(' is a token of its own unless a literal or a comment
        // holds it: the rest of the heading (most of it, the parameters) is not tokenized.
        var open = span.IndexOf('(');
        if (open < 0) return null;
        if (span[..open].IndexOfAny(LiteralOrCommentStarts) < 0) span = span[..(open + 1)];
        var scratch = ThreadScratch.List(ref t_headingTokens, 16, 1 << 10);
        CTokenizer.TokenizeLine(span, CLexState.Code, 0, CTokenFlags.None, scratch);
        for (var t = 0; t < scratch.Count; t++)
        {
            var token = scratch[t];
            var text = span.Slice(token.Start, token.Length);
            if (token.Kind is CTokenKind.Preprocessor || text is "=" or ";" or "{" or "}") return null;
            if (text is not "(") continue;
            if (t == 0 || scratch[t - 1].Kind != CTokenKind.Identifier) return null;
            var name = scratch[t - 1];
            return span.Slice(name.Start, name.Length).ToString();
        }

        return null;
    }

    // Builders reused per thread (Build is not re-entrant): each result is then one exact-size array, where a fresh
    // builder grew by doubling and was copied.
    [ThreadStatic] private static ImmutableArray<CFunction>.Builder? t_functions;
    [ThreadStatic] private static ImmutableArray<CMacro>.Builder? t_macros;
    [ThreadStatic] private static ImmutableArray<CStatement>.Builder? t_statements;
    [ThreadStatic] private static ImmutableArray<CControl>.Builder? t_controls;

    private static ImmutableArray<T>.Builder Reused<T>(ref ImmutableArray<T>.Builder? slot) => ThreadScratch.Builder(ref slot, 64, 1 << 14);

    private static ImmutableArray<CMacro> FindMacros(CFragment fragment, int[] match)
    {
        var tokens = fragment.Tokens;
        var macros = Reused(ref t_macros);
        var t = 0;
        if (fragment.Start.State.HasFlag(CLexState.Directive))
        {
            var end = DirectiveEnd(tokens, 0);
            macros.Add(Macro(fragment, -1, -1, false, 0, end));
            t = end;
        }

        for (; t < tokens.Length; t++)
        {
            var token = tokens[t];
            if (token.Kind != CTokenKind.Preprocessor || !fragment.TextOf(token).EndsWith("define")) continue;
            var end = DirectiveEnd(tokens, t + 1);
            var name = t + 1 < end && tokens[t + 1].Kind is CTokenKind.Identifier or CTokenKind.Keyword ? t + 1 : -1;
            var bodyFrom = name < 0 ? t + 1 : name + 1;
            var functionLike = name >= 0 && bodyFrom < end && fragment.Is(tokens[bodyFrom], "(") && tokens[bodyFrom].Start == tokens[name].End
                && tokens[bodyFrom].Line == tokens[name].Line;
            if (functionLike) bodyFrom = match[bodyFrom] >= 0 ? match[bodyFrom] + 1 : end;
            macros.Add(Macro(fragment, t, name, functionLike, bodyFrom, end));
            t = end - 1;
        }

        return macros.ToImmutable();
    }

    private static CMacro Macro(CFragment fragment, int directive, int name, bool functionLike, int bodyFrom, int end)
    {
        var tokens = fragment.Tokens;
        int first = -1, last = -1;
        for (var b = bodyFrom; b < end; b++)
        {
            if (tokens[b].Kind is CTokenKind.Continuation or CTokenKind.Comment or CTokenKind.LineComment) continue;
            if (first < 0) first = b;
            last = b;
        }

        var from = directive >= 0 ? directive : Math.Min(bodyFrom, Math.Max(end - 1, 0));
        var firstLine = tokens.Length == 0 ? 0 : tokens[from].Line;
        var lastLine = end > 0 ? tokens[end - 1].Line : firstLine;
        return new CMacro(directive, name, functionLike, first, last, firstLine, lastLine);
    }

    /// <summary>Index after the last token of the directive that token <paramref name="from"/> belongs to.</summary>
    private static int DirectiveEnd(ImmutableArray<CToken> tokens, int from)
    {
        var t = from;
        while (t < tokens.Length && tokens[t].InDirective && tokens[t].Kind != CTokenKind.Preprocessor) t++;
        return t;
    }

    /// <summary>Recursive descent over the code tokens (comments and directives left out).</summary>
    private sealed class StatementParser
    {
        private readonly CFragment _fragment;
        private readonly ImmutableArray<CToken> _tokens;
        private readonly int[] _match;
        private readonly int[] _code;
        private readonly char[] _symbol;
        private readonly int[] _position;
        private readonly int _codeLength;
        private int _nesting;

        /// <summary>Set when a block or statement runs into the end of the fragment without closing.</summary>
        private bool _ranOff;

        public StatementParser(CFragment fragment, int[] match, CodeTokenList code, ImmutableArray<CFunction>.Builder functions)
        {
            Functions = functions;
            _fragment = fragment;
            _tokens = fragment.Tokens;
            _match = match;
            _code = code.Indexes;
            _symbol = code.Symbols;
            _position = code.Positions;
            _codeLength = code.Length;
        }

        public ImmutableArray<CStatement>.Builder Statements { get; } = Reused(ref t_statements);
        public ImmutableArray<CControl>.Builder Controls { get; } = Reused(ref t_controls);
        public ImmutableArray<CFunction>.Builder Functions { get; }

        /// <summary>How many lines from the start belong to the function named by the hunk header.</summary>
        public int HeadingFunctionLines { get; private set; }

        /// <summary>
        /// Parses the fragment. The header's function, if any, covers it up to a <c>}</c> in column 0 (where kernel,
        /// QEMU and GNU style close a function body), or up to a declaration starting in column 0 (not a label).
        /// </summary>
        public void ParseAll(bool startsInsideFunction)
        {
            var p = 0;
            var insideFunction = startsInsideFunction;
            HeadingFunctionLines = startsInsideFunction ? _fragment.Lines.Length : 0;
            while (p < _codeLength)
            {
                if (insideFunction && EndsHeadingFunction(p))
                {
                    insideFunction = false;
                    var line = _tokens[_code[p]].Line;
                    HeadingFunctionLines = Is(p, "}") ? line + 1 : line;
                }

                p = ParseStatement(p, insideFunction);
            }
        }

        /// <summary>A <c>}</c> or a declaration starting in column 0 (not a label): the header's function is over.</summary>
        private bool EndsHeadingFunction(int p)
        {
            var token = _tokens[_code[p]];
            if (token.Start != 0 || _fragment.Lines.ItemRef(token.Line).StartState != CLexState.Code) return false;
            if (Is(p, "}")) return true;
            var isLabel = token.Kind == CTokenKind.Identifier && Is(p + 1, ":") && !Is(p + 2, ":");
            return token.Kind is CTokenKind.Identifier or CTokenKind.Keyword && !isLabel && !Is(p, "default") && !Is(p, "case");
        }

        private bool Is(int p, string text)
        {
            if ((uint)p >= (uint)_codeLength) return false;
            if (text.Length == 1) return _symbol[p] == text[0];
            return _fragment.Is(_tokens[_code[p]], text);
        }

        /// <summary>Position (in <see cref="_code"/>) of the token matching the bracket at <paramref name="p"/>, or -1.</summary>
        private int MatchAt(int p)
        {
            var m = _match[_code[p]];
            return m < 0 ? -1 : _position[m];
        }

        private int TokenAt(int p) => p < _codeLength ? _code[p] : -1;

        /// <summary>Parses one statement starting at <paramref name="p"/>; returns the position after it.</summary>
        private int ParseStatement(int p, bool insideFunction)
        {
            if (p >= _codeLength) return p;
            if (_nesting >= MaxNesting) return SimpleStatement(p, insideFunction);
            _nesting++;
            try
            {
                var token = _tokens[_code[p]];
                if (Is(p, "{")) return Block(p, insideFunction);
                if (Is(p, "}") || Is(p, ")") || Is(p, "]")) return p + 1; // closes a block or expression begun before the hunk
                if (token.Kind == CTokenKind.Keyword)
                {
                    switch (_fragment.TextOf(token))
                    {
                        case "if": return Conditional(p, CControlKind.If, insideFunction);
                        case "for": return Conditional(p, CControlKind.For, insideFunction);
                        case "while": return Conditional(p, CControlKind.While, insideFunction);
                        case "switch": return Conditional(p, CControlKind.Switch, insideFunction);
                        case "else": return Else(p, insideFunction);
                        case "do": return Do(p, insideFunction);
                        case "case" or "default": return Label(p);
                    }
                }

                if (token.Kind == CTokenKind.Identifier && Is(p + 1, ":") && !Is(p + 2, ":")) return Label(p);
                if (token.Kind == CTokenKind.Identifier && insideFunction && Is(p + 1, "(") && IsIteratorMacro(p)) return Iterator(p);
                return SimpleStatement(p, insideFunction);
            }
            finally
            {
                _nesting--;
            }
        }

        private int Block(int p, bool insideFunction)
        {
            var close = MatchAt(p);
            var q = p + 1;
            var end = close < 0 ? _codeLength : close;
            // Past the nesting limit a block's inside is skipped: a statement there is parsed as a simple one, whose
            // header may open a block again, and a line of "{" repeated then recursed until the stack overflowed.
            if (_nesting >= MaxNesting) q = end;
            while (q < end) q = ParseStatement(q, insideFunction);
            if (close >= 0) return close + 1;
            _ranOff = true;
            return _codeLength;
        }

        private (int Open, int Close, int After) Condition(int p)
        {
            if (!Is(p, "(")) return (-1, -1, p);
            var close = MatchAt(p);
            if (close >= 0) return (TokenAt(p), TokenAt(close), close + 1);
            _ranOff = true;
            return (TokenAt(p), -1, _codeLength);
        }

        private (int Start, int End, bool Braced, int After) Body(int p, bool insideFunction)
        {
            if (p >= _codeLength) return (-1, -1, false, p);
            var braced = Is(p, "{");
            var outerRanOff = _ranOff;
            _ranOff = false;
            var after = ParseStatement(p, insideFunction);
            var end = _ranOff || after <= p ? -1 : _code[after - 1];
            _ranOff |= outerRanOff;
            return (TokenAt(p), end, braced, after);
        }

        private int Conditional(int p, CControlKind kind, bool insideFunction)
        {
            var index = Controls.Count;
            Controls.Add(default);
            var (open, close, after) = Condition(p + 1);
            var body = close < 0 ? (Start: -1, End: -1, Braced: false, After: after) : Body(after, insideFunction);
            var trailer = -1;
            var next = body.After;
            if (kind == CControlKind.If && Is(next, "else"))
            {
                trailer = _code[next];
                Controls[index] = new CControl(kind, _code[p], open, close, body.Start, body.End, body.Braced, trailer);
                return Else(next, insideFunction);
            }

            Controls[index] = new CControl(kind, _code[p], open, close, body.Start, body.End, body.Braced, trailer);
            return next;
        }

        private int Else(int p, bool insideFunction)
        {
            var index = Controls.Count;
            Controls.Add(default);
            var body = Body(p + 1, insideFunction);
            Controls[index] = new CControl(CControlKind.Else, _code[p], -1, -1, body.Start, body.End, body.Braced, -1);
            return body.After;
        }

        private int Do(int p, bool insideFunction)
        {
            var index = Controls.Count;
            Controls.Add(default);
            var body = Body(p + 1, insideFunction);
            var q = body.After;
            int trailer = -1, open = -1, close = -1;
            if (Is(q, "while"))
            {
                trailer = _code[q];
                (open, close, q) = Condition(q + 1);
                if (Is(q, ";")) q++;
            }

            Controls[index] = new CControl(CControlKind.Do, _code[p], open, close, body.Start, body.End, body.Braced, trailer);
            return q;
        }

        private int Iterator(int p)
        {
            var index = Controls.Count;
            Controls.Add(default);
            var (open, close, after) = Condition(p + 1);
            var body = close < 0 ? (Start: -1, End: -1, Braced: false, After: after) : Body(after, insideFunction: true);
            Controls[index] = new CControl(CControlKind.IteratorMacro, _code[p], open, close, body.Start, body.End, body.Braced, -1);
            return body.After;
        }

        /// <summary>
        /// Inside a function, <c>name(...) {</c> can only be an iterator macro; an unbraced body is recognised
        /// only for names containing <c>for_each</c>, which is how such macros are named.
        /// </summary>
        private bool IsIteratorMacro(int p)
        {
            var close = MatchAt(p + 1);
            if (close < 0 || close + 1 >= _codeLength) return false;
            if (Is(close + 1, "{")) return true;
            return _fragment.TextOf(_tokens[_code[p]]).Contains("for_each", StringComparison.Ordinal) && !Is(close + 1, ";")
                && !IsOperatorOrPunctuation(close + 1);
        }

        private bool IsOperatorOrPunctuation(int p) =>
            p < _codeLength && _tokens[_code[p]].Kind is CTokenKind.Operator or CTokenKind.Punctuation && !Is(p, "{");

        private int Label(int p)
        {
            var q = p;
            while (q < _codeLength && !Is(q, ":") && !Is(q, ";") && !Is(q, "{") && !Is(q, "}")) q++;
            var end = q < _codeLength && Is(q, ":") ? q : Math.Max(q - 1, p);
            Statements.Add(new CStatement(_code[p], _code[Math.Min(end, _codeLength - 1)]));
            return Math.Min(end + 1, _codeLength);
        }

        /// <summary>
        /// An expression statement or declaration, up to its <c>;</c>. Brackets are skipped whole; a <c>{</c> after
        /// <c>=</c>, <c>,</c>, <c>(</c> or <c>return</c> is an initializer; any other <c>{</c> ends a header
        /// (function definition, struct, union, enum) whose block is parsed next.
        /// </summary>
        private int SimpleStatement(int p, bool insideFunction)
        {
            var q = p;
            while (q < _codeLength)
            {
                var symbol = _symbol[q];
                if (symbol == ';')
                {
                    Statements.Add(new CStatement(_code[p], _code[q]));
                    return q + 1;
                }

                if (symbol == '}')
                {
                    if (q > p) Statements.Add(new CStatement(_code[p], _code[q - 1]));
                    return q;
                }

                if (symbol is '(' or '[')
                {
                    var close = MatchAt(q);
                    q = close < 0 ? q + 1 : close + 1;
                    continue;
                }

                if (symbol == '{')
                {
                    if (q > p && IsInitializerBrace(q - 1))
                    {
                        var close = MatchAt(q);
                        q = close < 0 ? _codeLength : close + 1;
                        continue;
                    }

                    return Header(p, q, insideFunction);
                }

                q++;
            }

            Statements.Add(new CStatement(_code[p], _code[q - 1]));
            _ranOff = true;
            return q;
        }

        private bool IsInitializerBrace(int before)
        {
            var token = _tokens[_code[before]];
            var text = _fragment.TextOf(token);
            return text is "=" or "," or "(" or "return" or "?" or ":" || (text is ")" && IsCastBefore(before));
        }

        /// <summary>A compound literal: <c>(struct foo) {</c>, the <c>)</c> closing a parenthesised type.</summary>
        private bool IsCastBefore(int close)
        {
            var open = MatchAt(close);
            if (open <= 0) return false;
            var before = _fragment.TextOf(_tokens[_code[open - 1]]);
            return before is "=" or "," or "(" or "return";
        }

        /// <summary>A statement ending in <c>{</c> at <paramref name="brace"/>: a function definition, an aggregate, or a block.</summary>
        private int Header(int p, int brace, bool insideFunction)
        {
            Statements.Add(new CStatement(_code[p], _code[brace]));
            var first = _tokens[_code[p]];
            var isFunction = !insideFunction && first.Start == 0 && Is(brace - 1, ")") && FunctionName(p, brace) is { } name
                && !IsAggregate(p);
            if (isFunction)
            {
                var nameAt = FunctionName(p, brace)!.Value;
                var close = MatchAt(brace);
                Functions.Add(new CFunction(_fragment.TextOf(_tokens[_code[nameAt]]).ToString(), _code[nameAt], _code[brace],
                    close < 0 ? -1 : _code[close]));
                return Block(brace, insideFunction: true);
            }

            var after = Block(brace, insideFunction);
            if (!IsAggregate(p)) return after;

            // struct/union/enum: declarators may follow the closing brace, up to the ';'.
            var q = after;
            while (q < _codeLength && !Is(q, ";") && !Is(q, "{") && !Is(q, "}")) q++;
            if (q < _codeLength && Is(q, ";"))
            {
                Statements.Add(new CStatement(_code[after - 1], _code[q]));
                return q + 1;
            }

            return after;
        }

        private bool IsAggregate(int p)
        {
            for (var q = p; q < _codeLength && q < p + 4; q++)
            {
                if (Is(q, "struct") || Is(q, "union") || Is(q, "enum")) return true;
                if (!(Is(q, "typedef") || Is(q, "static") || Is(q, "const"))) return false;
            }

            return false;
        }

        /// <summary>The identifier before the first top-level <c>(</c> of a definition header.</summary>
        private int? FunctionName(int p, int brace)
        {
            for (var q = p; q < brace; q++)
            {
                if (Is(q, "=")) return null;
                if (!Is(q, "(")) continue;
                if (q == p) return null;
                var name = _tokens[_code[q - 1]];
                return name.Kind == CTokenKind.Identifier ? q - 1 : null;
            }

            return null;
        }
    }
}
