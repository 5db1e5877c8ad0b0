using System.Collections.Immutable;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Resources;

/// <summary>A statement of a function body; token indexes point into the <see cref="CodeView"/>, ranges are [start, end).</summary>
internal abstract record Statement(int Token);

/// <summary>An expression or declaration, without its <c>;</c>.</summary>
internal sealed record ExpressionStatement(int Token, int End) : Statement(Token);

internal sealed record BlockStatement(int Token, ImmutableArray<Statement> Body, int Close) : Statement(Token);

internal sealed record IfStatement(int Token, int ConditionStart, int ConditionEnd, Statement Then, Statement? Else) : Statement(Token);

internal enum LoopKind : byte { While, For, DoWhile, Iterator }

/// <summary>A loop; for <c>for</c>, <see cref="Init"/> runs once before and <see cref="Step"/> after each pass.</summary>
internal sealed record LoopStatement(int Token, LoopKind Kind, ExpressionStatement? Init, int ConditionStart, int ConditionEnd,
    ExpressionStatement? Step, Statement Body) : Statement(Token);

internal sealed record SwitchStatement(int Token, int ConditionStart, int ConditionEnd, Statement Body) : Statement(Token);

/// <summary>A body executed once that a macro opens: <c>scoped_guard(mutex, &amp;l) {</c>, <c>WITH_QEMU_LOCK_GUARD(&amp;m) {</c>.</summary>
internal sealed record GuardStatement(int Token, Statement Body) : Statement(Token);

internal sealed record ReturnStatement(int Token, int Start, int End) : Statement(Token);

internal sealed record GotoStatement(int Token, string Label) : Statement(Token);

internal sealed record BreakStatement(int Token) : Statement(Token);

internal sealed record ContinueStatement(int Token) : Statement(Token);

internal sealed record LabelStatement(int Token, string Name) : Statement(Token);

/// <summary>A <c>case</c> or <c>default</c> label of a switch.</summary>
internal sealed record CaseStatement(int Token) : Statement(Token);

/// <summary>A <c>}</c> whose <c>{</c> is before the view: the code before it was inside a block the view does not show.</summary>
internal sealed record UnseenBlockEnd(int Token) : Statement(Token);

/// <summary>
/// Reads a function body into statements. Not a C parser: it knows the statements that change control flow and takes
/// everything else up to a <c>;</c> as an expression; macros that open a block (<c>list_for_each_entry(...) {</c>) are
/// read as loops, guard macros as blocks. Nesting is bounded so hostile input cannot exhaust the stack.
/// </summary>
internal sealed class BodyParser
{
    private const int MaxNesting = 64;

    private readonly ImmutableArray<CodeToken> _tokens;
    private readonly int _end;
    private int _position;
    private int _nesting;

    private BodyParser(ImmutableArray<CodeToken> tokens, int start, int end)
    {
        _tokens = tokens;
        _position = start;
        _end = end;
    }

    /// <summary>The statements of <paramref name="function"/>'s body; unmatched closing braces become <see cref="UnseenBlockEnd"/>.</summary>
    public static ImmutableArray<Statement> Parse(FunctionCode function)
    {
        var parser = new BodyParser(function.View.Tokens, function.BodyStart, function.BodyEnd);
        var body = ImmutableArray.CreateBuilder<Statement>();
        if (!function.StartVisible && parser.ReadUnseenHead() is { } tail) body.Add(tail);
        while (parser._position < parser._end)
        {
            if (parser.Current.Is("}"))
            {
                body.Add(new UnseenBlockEnd(parser._position++));
                continue;
            }

            var statement = parser.ParseStatement();
            if (statement is not null) body.Add(statement);
        }

        return body.ToImmutable();
    }

    /// <summary>
    /// A view that starts inside a statement whose head is above it: its first tokens close a parenthesis they did not
    /// open. <c>exit_status != EFI_SUCCESS) free(p);</c> ends the condition of an unseen <c>if</c> (or loop), so the
    /// statement after it runs on some paths only: read as an <c>if</c> whose condition says nothing. <c>b, c);</c> ends an
    /// unseen call, whose effects are unknown: skipped. Null (and nothing read) when the view starts at a statement.
    /// </summary>
    private Statement? ReadUnseenHead()
    {
        var depth = 0;
        var close = -1;
        for (var t = _position; t < _end && close < 0; t++)
        {
            if (_tokens[t].Kind != CTokenKind.Punctuation) continue;
            switch (_tokens[t].Text)
            {
                case "(" or "[":
                    depth++;
                    break;
                case ")" or "]":
                    if (--depth < 0) close = t;
                    break;
                case ";" or "{" or "}":
                    return null;
            }
        }

        if (close < 0) return null;
        _position = close + 1;
        if (AtEnd || Current.Is(";"))
        {
            SkipSemicolon();
            return null;
        }

        return ParseBranches(close, close, close);
    }

    /// <summary>The statement after an <c>if</c>'s condition, and its <c>else</c> when one follows.</summary>
    private IfStatement ParseBranches(int token, int conditionStart, int conditionEnd)
    {
        var then = ParseStatement() ?? new ExpressionStatement(_position, _position);
        Statement? otherwise = null;
        if (!AtEnd && Current.Is("else"))
        {
            _position++;
            otherwise = ParseStatement();
        }

        return new IfStatement(token, conditionStart, conditionEnd, then, otherwise);
    }

    /// <summary>Every statement of <paramref name="statements"/> and of the statements nested in them, in order.</summary>
    public static List<Statement> Flatten(ImmutableArray<Statement> statements)
    {
        var all = new List<Statement>();
        foreach (var statement in statements) AddWithNested(statement, all);
        return all;
    }

    private static void AddWithNested(Statement statement, List<Statement> all)
    {
        all.Add(statement);
        switch (statement)
        {
            case BlockStatement b:
                foreach (var child in b.Body) AddWithNested(child, all);
                break;
            case IfStatement i:
                AddWithNested(i.Then, all);
                if (i.Else is not null) AddWithNested(i.Else, all);
                break;
            case LoopStatement l:
                AddWithNested(l.Body, all);
                break;
            case SwitchStatement s:
                AddWithNested(s.Body, all);
                break;
            case GuardStatement g:
                AddWithNested(g.Body, all);
                break;
        }
    }

    private CodeToken Current => _tokens[_position];

    private bool AtEnd => _position >= _end;

    private Statement? ParseStatement()
    {
        if (AtEnd) return null;
        if (++_nesting > MaxNesting)
        {
            // Too deep to be real code: take the rest as one opaque expression.
            var start = _position;
            _position = _end;
            _nesting--;
            return new ExpressionStatement(start, _end);
        }

        try
        {
            return ParseStatementCore();
        }
        finally
        {
            _nesting--;
        }
    }

    private Statement? ParseStatementCore()
    {
        var token = Current;
        var start = _position;
        if (token.Is(";"))
        {
            _position++;
            return null;
        }

        if (token.Is("{")) return ParseBlock();

        if (token.Kind == CTokenKind.Keyword)
        {
            switch (token.Text)
            {
                case "if":
                {
                    _position++;
                    var (condStart, condEnd) = ParseParenthesised();
                    return ParseBranches(start, condStart, condEnd);
                }
                case "while":
                {
                    _position++;
                    var (condStart, condEnd) = ParseParenthesised();
                    var body = ParseStatement() ?? new ExpressionStatement(_position, _position);
                    return new LoopStatement(start, LoopKind.While, null, condStart, condEnd, null, body);
                }
                case "for":
                {
                    _position++;
                    var (open, close) = ParseParenthesised();
                    var first = ExpressionReader.IndexOfTopLevel(_tokens, open, close, ";");
                    var second = first < 0 ? -1 : ExpressionReader.IndexOfTopLevel(_tokens, first + 1, close, ";");
                    var body = ParseStatement() ?? new ExpressionStatement(_position, _position);
                    if (second < 0) return new LoopStatement(start, LoopKind.For, null, open, close, null, body);
                    return new LoopStatement(start, LoopKind.For, new ExpressionStatement(open, first), first + 1, second,
                        new ExpressionStatement(second + 1, close), body);
                }
                case "do":
                {
                    _position++;
                    var body = ParseStatement() ?? new ExpressionStatement(_position, _position);
                    var (condStart, condEnd) = (_position, _position);
                    if (!AtEnd && Current.Is("while"))
                    {
                        _position++;
                        (condStart, condEnd) = ParseParenthesised();
                    }

                    SkipSemicolon();
                    return new LoopStatement(start, LoopKind.DoWhile, null, condStart, condEnd, null, body);
                }
                case "switch":
                {
                    _position++;
                    var (condStart, condEnd) = ParseParenthesised();
                    var body = ParseStatement() ?? new ExpressionStatement(_position, _position);
                    return new SwitchStatement(start, condStart, condEnd, body);
                }
                case "return":
                {
                    _position++;
                    var end = ExpressionEnd();
                    var statement = new ReturnStatement(start, start + 1, end);
                    _position = end;
                    SkipSemicolon();
                    return statement;
                }
                case "goto":
                {
                    _position++;
                    var label = !AtEnd && Current.IsIdentifier ? Current.Text : "";
                    _position = ExpressionEnd();
                    SkipSemicolon();
                    return new GotoStatement(start, label);
                }
                case "break":
                    _position++;
                    SkipSemicolon();
                    return new BreakStatement(start);
                case "continue":
                    _position++;
                    SkipSemicolon();
                    return new ContinueStatement(start);
                case "case":
                case "default":
                {
                    // Up to the label's ':' (a ternary inside a case expression is not C).
                    while (!AtEnd && !Current.Is(":") && !Current.Is("{") && !Current.Is("}")) _position++;
                    if (!AtEnd && Current.Is(":")) _position++;
                    return new CaseStatement(start);
                }
                case "else":
                    // An else whose if is before the view: its body runs on some path.
                    _position++;
                    return ParseStatement();
            }
        }

        if (token.IsIdentifier && _position + 1 < _end && _tokens[_position + 1].Is(":") &&
            !(_position + 2 < _end && _tokens[_position + 2].Is(":")))
        {
            _position += 2;
            return new LabelStatement(start, token.Text);
        }

        // A macro that opens a block: NAME(...) { ... } with no ';' between.
        if (token.IsIdentifier && _position + 1 < _end && _tokens[_position + 1].Is("("))
        {
            var close = MatchingClose(_position + 1);
            if (close > 0 && close + 1 < _end && _tokens[close + 1].Is("{"))
            {
                _position = close + 1;
                var body = ParseBlock();
                return IsGuardMacro(token.Text)
                    ? new GuardStatement(start, body)
                    : new LoopStatement(start, LoopKind.Iterator, null, start + 2, close, null, body);
            }
        }

        var endOfExpression = ExpressionEnd();
        _position = endOfExpression;
        SkipSemicolon();
        return new ExpressionStatement(start, endOfExpression);
    }

    private static bool IsGuardMacro(string name) =>
        name.Contains("guard", StringComparison.OrdinalIgnoreCase) || name.StartsWith("WITH_", StringComparison.Ordinal);

    private BlockStatement ParseBlock()
    {
        var open = _position++;
        var body = ImmutableArray.CreateBuilder<Statement>();
        while (!AtEnd && !Current.Is("}"))
        {
            var statement = ParseStatement();
            if (statement is not null) body.Add(statement);
        }

        var close = _position;
        if (!AtEnd) _position++;
        return new BlockStatement(open, body.ToImmutable(), close);
    }

    /// <summary>Reads <c>( ... )</c> at the position; returns the range inside the parentheses.</summary>
    private (int Start, int End) ParseParenthesised()
    {
        if (AtEnd || !Current.Is("(")) return (_position, _position);
        var close = MatchingClose(_position);
        if (close < 0)
        {
            var start = _position + 1;
            _position = _end;
            return (start, _end);
        }

        var range = (_position + 1, close);
        _position = close + 1;
        return range;
    }

    private int MatchingClose(int open)
    {
        var depth = 0;
        for (var t = open; t < _end; t++)
        {
            var text = _tokens[t].Text;
            if (text is "(" or "[") depth++;
            else if (text is ")" or "]" && --depth == 0) return t;
        }

        return -1;
    }

    /// <summary>The index of the <c>;</c> ending the expression at the position (not inside brackets), or of the <c>}</c> closing its block.</summary>
    private int ExpressionEnd()
    {
        var depth = 0;
        for (var t = _position; t < _end; t++)
        {
            var text = _tokens[t].Text;
            if (_tokens[t].Kind != CTokenKind.Punctuation) continue;
            if (text is "(" or "[" or "{") depth++;
            else if (text is ")" or "]") depth = Math.Max(0, depth - 1);
            else if (text == "}")
            {
                if (depth == 0) return t;
                depth--;
            }
            else if (text == ";" && depth == 0) return t;
        }

        return _end;
    }

    private void SkipSemicolon()
    {
        if (!AtEnd && Current.Is(";")) _position++;
    }
}
