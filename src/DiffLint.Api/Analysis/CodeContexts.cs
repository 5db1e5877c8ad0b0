using System.Collections.Immutable;
using DiffLint.Core.CSyntax;

namespace DiffLint.Core.Analysis;

// The contexts of the code actions (RuleRegistration.RegisterCodeLineAction and the rest). The engine builds them while
// it walks each C fragment once, so they are ref structs: nothing of them outlives the callback, and a token's context
// costs no allocation. Reports are dropped unless their line is judged (added and not moved), as CSourceContext's are.
// The line, token and call contexts, made for every judged line and most of its tokens, are two words each (the walk
// and one or two indexes), passed to the action in registers rather than copied onto the stack call after call.

/// <summary>
/// Where the engine's walk over one C file diff stands, as the line, token and call contexts read it: the file, the
/// fragment being walked and the code tokens of the line being walked (with their indexes in the fragment). Made once
/// per file and moved on fragment after fragment, line after line; a context, a ref struct, never outlives its call.
/// </summary>
internal sealed class CodeWalk(in CSourceContext source)
{
    public readonly CSourceContext Source = source;
    public CFragment Fragment = null!;

    /// <summary>The code tokens of the line being walked: the first <see cref="CodeCount"/> of this buffer.</summary>
    public CToken[] Code = [];

    /// <summary>The index in <see cref="CFragment.Tokens"/> of each of <see cref="Code"/>.</summary>
    public int[] CodeIndexes = [];

    public int CodeCount;

    public ReadOnlySpan<CToken> LineCode => new(Code, 0, CodeCount);
}

/// <summary>
/// What every code action's context is in: the file and the fragment. The contexts share their <c>TextOf</c> and
/// <c>Report(rule, token, args)</c> through it (<see cref="CodeContextExtensions"/>).
/// </summary>
public interface ICodeContext
{
    /// <summary>The file: its patch, path, profile, configuration and shared values.</summary>
    CSourceContext Source { get; }

    CFragment Fragment { get; }
}

/// <summary>What every code action's context does alike, whatever it was called for.</summary>
public static class CodeContextExtensions
{
    public static ReadOnlySpan<char> TextOf<TContext>(this TContext context, in CToken token)
        where TContext : ICodeContext, allows ref struct => context.Fragment.TextOf(token);

    /// <summary>Reports on a token of the fragment; dropped unless the token's line is judged.</summary>
    public static void Report<TContext>(this TContext context, RuleDescriptor rule, in CToken token, params object?[] args)
        where TContext : ICodeContext, allows ref struct => context.Source.Report(rule, context.Fragment, token, args);
}

/// <summary>One fragment (a hunk's C view) of a C source file diff.</summary>
public readonly ref struct CFragmentContext : ICodeContext
{
    internal CFragmentContext(in CSourceContext source, CFragment fragment)
    {
        Source = source;
        Fragment = fragment;
    }

    /// <summary>The file: its patch, path, profile, configuration and shared values.</summary>
    public CSourceContext Source { get; }

    public CFragment Fragment { get; }

    /// <summary>Reports at characters [start, end) of line <paramref name="line"/> (an index into <see cref="CFragment.Lines"/>).</summary>
    public void Report(RuleDescriptor rule, int line, int start, int end, params object?[] args) =>
        Source.Report(rule, Fragment, line, start, end, null, args);
}

/// <summary>
/// A judged C line (added, not moved) with its code tokens: what checkpatch's per-line regexes see once comments are
/// blanked, so <c>strcpy /* x */ (</c> reads as a call.
/// </summary>
public readonly ref struct CodeLineContext : ICodeContext
{
    private readonly CodeWalk walk;

    internal CodeLineContext(CodeWalk walk, int line)
    {
        this.walk = walk;
        Line = line;
    }

    public CSourceContext Source => walk.Source;

    public CFragment Fragment => walk.Fragment;

    /// <summary>The line's index in <see cref="CFragment.Lines"/>.</summary>
    public int Line { get; }

    /// <summary>The line's tokens without comments and line continuations.</summary>
    public ReadOnlySpan<CToken> Code => walk.LineCode;

    /// <summary>The line's text, without the diff prefix.</summary>
    public ReadOnlySpan<char> Text => Fragment.Lines.ItemRef(Line).Text;

    public ref readonly CLine CLine => ref Fragment.Lines.ItemRef(Line);

    /// <summary>All the line's tokens, comments included.</summary>
    public ReadOnlySpan<CToken> Tokens => Fragment.TokensOf(Line);

    /// <summary>The function the line belongs to, if the fragment shows or names it (<see cref="CStructure.FunctionAt"/>).</summary>
    public CFunction? EnclosingFunction => Fragment.Structure.FunctionAt(Line);

    /// <summary>Reports at characters [start, end) of the line.</summary>
    public void Report(RuleDescriptor rule, int start, int end, CodeFix? fix, params object?[] args) =>
        Source.Report(rule, Fragment, Line, start, end, fix, args);
}

/// <summary>
/// A token on a judged line, found by the kind, spelling or symbol it was registered for. <see cref="Code"/> is its
/// line's code tokens and <see cref="CodeIndex"/> its place there (-1 for a comment), for rules that read a line the
/// way checkpatch does; <see cref="Index"/> is its place in <see cref="CFragment.Tokens"/>, for rules that read across
/// lines (<see cref="CodeTokens"/>, <see cref="CStructure.MatchOf"/>).
/// </summary>
public readonly ref struct CTokenContext : ICodeContext
{
    private readonly CodeWalk walk;

    internal CTokenContext(CodeWalk walk, int index, int codeIndex)
    {
        this.walk = walk;
        Index = index;
        CodeIndex = codeIndex;
    }

    public CSourceContext Source => walk.Source;

    public CFragment Fragment => walk.Fragment;

    /// <summary>The token's index in <see cref="CFragment.Tokens"/>.</summary>
    public int Index { get; }

    /// <summary>The code tokens of the token's line.</summary>
    public ReadOnlySpan<CToken> Code => walk.LineCode;

    /// <summary>The token's index in <see cref="Code"/>, or -1 when it is a comment.</summary>
    public int CodeIndex { get; }

    public ref readonly CToken Token => ref Fragment.Tokens.ItemRef(Index);

    public ReadOnlySpan<char> Text => Fragment.TextOf(Token);

    /// <summary>The token's line: its index in <see cref="CFragment.Lines"/>.</summary>
    public int Line => Token.Line;

    public ReadOnlySpan<char> LineText => Fragment.Lines.ItemRef(Token.Line).Text;

    /// <summary>The function the token's line belongs to, if the fragment shows or names it (<see cref="CStructure.FunctionAt"/>).</summary>
    public CFunction? EnclosingFunction => Fragment.Structure.FunctionAt(Line);

    /// <summary>The innermost control statement the token is in: its keyword, condition or body (<see cref="CStructure.ControlAt"/>).</summary>
    public CControl? EnclosingControl => Fragment.Structure.ControlAt(Index);

    /// <summary>Reports on the token.</summary>
    public void Report(RuleDescriptor rule, params object?[] args) => Source.Report(rule, Fragment, Token, args);

    /// <summary>
    /// Reports on another token of the fragment (the shared one, <see cref="CodeContextExtensions.Report"/>, is not looked at
    /// while the overload above takes the token as a message argument).
    /// </summary>
    public void Report(RuleDescriptor rule, in CToken token, params object?[] args) => Source.Report(rule, Fragment, token, args);

    /// <summary>Reports at characters [start, end) of the token's line.</summary>
    public void Report(RuleDescriptor rule, int start, int end, CodeFix? fix, params object?[] args) =>
        Source.Report(rule, Fragment, Token.Line, start, end, fix, args);

    /// <summary>
    /// Not a report: <c>Report(rule, start, end)</c> would bind to <c>params</c> and report on the token with the columns
    /// as message arguments, so it does not compile. Pass the fix (or null): <c>Report(rule, start, end, null)</c>; or
    /// cast numbers meant for the message to object.
    /// </summary>
    [Obsolete("Report(rule, start, end) would report on the token with start and end as message arguments: pass a fix " +
        "or null, Report(rule, start, end, null), or cast numbers meant for the message to object.", error: true)]
    public void Report(RuleDescriptor rule, int start, int end) =>
        throw new NotSupportedException("Report(rule, start, end, fix, args) reports at columns.");
}

/// <summary>
/// A call on a judged line to a function or macro the rule registered for: the name is followed by <c>(</c>, and is
/// neither a member (<c>ops-&gt;free(</c>) nor a declared name (<c>void *free(</c>); see <see cref="CallSyntax.IsCall"/>.
/// Token indexes are into <see cref="CFragment.Tokens"/>.
/// </summary>
public readonly ref struct CallContext : ICodeContext
{
    private readonly CodeWalk walk;

    internal CallContext(CodeWalk walk, int name, int codeIndex)
    {
        this.walk = walk;
        Name = name;
        CodeIndex = codeIndex;
    }

    public CSourceContext Source => walk.Source;

    public CFragment Fragment => walk.Fragment;

    /// <summary>The called name's token.</summary>
    public int Name { get; }

    /// <summary>The <c>(</c> after the name (comments may lie between).</summary>
    public int Open => walk.CodeIndexes[CodeIndex + 1];

    /// <summary>The <c>)</c> that closes the argument list, or -1 when it is past the end of the hunk.</summary>
    public int Close => Fragment.Structure.MatchOf(Open);

    /// <summary>The code tokens of the name's line, and the name's index there.</summary>
    public ReadOnlySpan<CToken> Code => walk.LineCode;

    public int CodeIndex { get; }

    public ref readonly CToken NameToken => ref Fragment.Tokens.ItemRef(Name);

    public ReadOnlySpan<char> Callee => Fragment.TextOf(NameToken);

    /// <summary>The function the call is in, if the fragment shows or names it (<see cref="CStructure.FunctionAt"/>).</summary>
    public CFunction? EnclosingFunction => Fragment.Structure.FunctionAt(NameToken.Line);

    /// <summary>The innermost control statement the call is in: its keyword, condition or body (<see cref="CStructure.ControlAt"/>).</summary>
    public CControl? EnclosingControl => Fragment.Structure.ControlAt(Name);

    /// <summary>
    /// The arguments as token ranges [First, Last] split at top-level commas, comments left in; an empty list for
    /// <c>f()</c>, and default when the argument list is not closed within the hunk.
    /// </summary>
    public ImmutableArray<(int First, int Last)> Arguments()
    {
        var close = Close;
        if (close < 0) return default;
        var tokens = Fragment.Tokens.AsSpan();
        var arguments = ImmutableArray.CreateBuilder<(int, int)>();
        var first = Open + 1;
        var depth = 0;
        for (var t = Open + 1; t < close; t++)
        {
            ref readonly var token = ref tokens[t];
            if (token.Kind != CTokenKind.Punctuation) continue;
            if (token.First is '(' or '[' or '{') depth++;
            else if (token.First is ')' or ']' or '}') depth--;
            else if (token.First == ',' && depth == 0)
            {
                arguments.Add((first, t - 1));
                first = t + 1;
            }
        }

        if (first < close || arguments.Count > 0) arguments.Add((first, close - 1));
        return arguments.DrainToImmutable();
    }

    /// <summary>Reports on the called name.</summary>
    public void Report(RuleDescriptor rule, params object?[] args) => Source.Report(rule, Fragment, NameToken, args);

    /// <summary>
    /// Reports on a token of the fragment (the shared one, <see cref="CodeContextExtensions.Report"/>, is not looked at
    /// while the overload above takes the token as a message argument).
    /// </summary>
    public void Report(RuleDescriptor rule, in CToken token, params object?[] args) => Source.Report(rule, Fragment, token, args);
}

/// <summary>A control statement of a fragment (<see cref="CStructure.Controls"/>), whatever lines it is on.</summary>
public readonly ref struct ControlContext : ICodeContext
{
    internal ControlContext(in CSourceContext source, CFragment fragment, in CControl control)
    {
        Source = source;
        Fragment = fragment;
        Control = control;
    }

    public CSourceContext Source { get; }

    public CFragment Fragment { get; }

    public CControl Control { get; }

    public ref readonly CToken Keyword => ref Fragment.Tokens.ItemRef(Control.Keyword);
}

/// <summary>
/// A statement of a fragment (<see cref="CStructure.Statements"/>) that starts on a judged line: tokens
/// <see cref="CStatement.First"/> to <see cref="CStatement.Last"/> (its <c>;</c>, or the last token the hunk shows), which
/// may run onto lines the patch leaves alone. Control headers are not statements; their bodies are.
/// </summary>
public readonly ref struct StatementContext : ICodeContext
{
    internal StatementContext(in CSourceContext source, CFragment fragment, int index)
    {
        Source = source;
        Fragment = fragment;
        Index = index;
    }

    public CSourceContext Source { get; }

    public CFragment Fragment { get; }

    /// <summary>The statement's index in <see cref="CStructure.Statements"/>.</summary>
    public int Index { get; }

    public CStatement Statement => Fragment.Structure.Statements[Index];

    /// <summary>The statement's tokens, comments included.</summary>
    public ReadOnlySpan<CToken> Tokens => Fragment.Tokens.AsSpan(Statement.First, Statement.Last - Statement.First + 1);

    public ref readonly CToken FirstToken => ref Fragment.Tokens.ItemRef(Statement.First);

    public ref readonly CToken LastToken => ref Fragment.Tokens.ItemRef(Statement.Last);

    /// <summary>The line the statement starts on (an index into <see cref="CFragment.Lines"/>).</summary>
    public int Line => FirstToken.Line;

    /// <summary>The statement ends with its <c>;</c> (not cut off by the end of the hunk or a block).</summary>
    public bool IsTerminated => LastToken.IsSymbol(';');

    /// <summary>The function the statement is in, if the fragment shows or names it.</summary>
    public CFunction? EnclosingFunction => Fragment.Structure.FunctionAt(Line);

    /// <summary>The innermost control statement whose body (or condition) holds the statement.</summary>
    public CControl? EnclosingControl => Fragment.Structure.ControlAt(Statement.First);
}

/// <summary>A <c>#define</c> of a fragment (<see cref="CStructure.Macros"/>), including one the hunk starts inside.</summary>
public readonly ref struct MacroContext : ICodeContext
{
    internal MacroContext(in CSourceContext source, CFragment fragment, in CMacro macro)
    {
        Source = source;
        Fragment = fragment;
        Macro = macro;
    }

    public CSourceContext Source { get; }

    public CFragment Fragment { get; }

    public CMacro Macro { get; }

    /// <summary>True when one of the macro's lines is judged (added and not moved).</summary>
    public bool TouchesJudgedLine
    {
        get
        {
            for (var l = Macro.FirstLine; l <= Macro.LastLine; l++)
            {
                if (Fragment.Lines.ItemRef(l).IsJudged) return true;
            }

            return false;
        }
    }

    /// <summary>Reports at characters [start, end) of line <paramref name="line"/> (an index into <see cref="CFragment.Lines"/>).</summary>
    public void Report(RuleDescriptor rule, int line, int start, int end, params object?[] args) =>
        Source.Report(rule, Fragment, line, start, end, null, args);
}

/// <summary>
/// A function of a fragment (<see cref="CStructure.Functions"/>): a definition whose body the hunk shows, or the one
/// its header names (<see cref="CFunction.NameToken"/> -1).
/// </summary>
public readonly ref struct FunctionContext : ICodeContext
{
    internal FunctionContext(in CSourceContext source, CFragment fragment, in CFunction function)
    {
        Source = source;
        Fragment = fragment;
        Function = function;
    }

    public CSourceContext Source { get; }

    public CFragment Fragment { get; }

    public CFunction Function { get; }
}
