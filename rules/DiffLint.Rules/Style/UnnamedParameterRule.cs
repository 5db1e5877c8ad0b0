using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a parameter of a function declaration (a prototype or a function pointer) that has a type and no name.</summary>
[DiffLintRule]
public sealed class UnnamedParameterRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3052",
        name: "unnamed-parameter",
        title: "Function declaration parameter without a name",
        messageFormat: "function definition argument '{0}' should also have an identifier name",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "FUNCTION_ARGUMENTS",
        documentation: """
            ## What it does
            Reports, on the first line of the declaration, each parameter of a function prototype or function
            pointer declaration (`int foo(struct bar *, int);`, `int (*open)(struct inode *, struct file *);`,
            optionally after `extern`) that is a type only: a C type (`int`, `unsigned long *`), `struct`/`union`/`enum`
            types (a plain `enum foo` excepted, as in checkpatch), a typedef name checkpatch knows (`u32`, `size_t`,
            any `*_t`), or any name followed by `*`. A lone `void` list, `...` and function pointer parameters are not
            reported. Like checkpatch, declarations starting with `static` or `typedef` are not read, and a parameter
            of an unknown type name without `*` (`int foo(Bar);`) is not reported.

            ## Why it matters
            The parameter names of a prototype are its documentation: `int copy(void *, void *, size_t)` does not
            say which buffer is the source.

            ## Example
            ```diff
            +int dev_read(struct dev *, u8 *, size_t);
            ```
            should name them: `int dev_read(struct dev *dev, u8 *buf, size_t len);`.

            ## Configuration
            Kernel, git and U-Boot profiles (QEMU's checkpatch has no such check).
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterStatementAction(Analyze);

    private void Analyze(StatementContext context)
    {
        var fragment = context.Fragment;
        var statement = context.Statement;
        if (!EndsWithParameterList(fragment, statement) || !TryParameterList(fragment, statement, out var open, out var close)) return;
        if (FollowsDirective(fragment, statement.First)) return;
        ReportUnnamed(context.Source, fragment, statement.First, open, close);
    }

    /// <summary>
    /// The statement ends with <c>(...);</c> after a <c>)</c>, or after a name that follows what can end a type (a word,
    /// <c>*</c>, <c>]</c> or <c>)</c>) within the statement: the end of <c>type (*name)(...);</c> and
    /// <c>type name(...);</c>, checked before reading a type (a call <c>f(x);</c> or <c>x = f(y);</c> has no type
    /// before its name).
    /// </summary>
    private static bool EndsWithParameterList(CFragment fragment, in CStatement statement)
    {
        var tokens = fragment.Tokens;
        if (!tokens[statement.Last].IsSymbol(';')) return false;
        var close = CodeTokens.Previous(fragment, statement.Last);
        if (close < 0 || !tokens[close].IsSymbol(')')) return false;
        var open = fragment.Structure.MatchOf(close);
        var before = open < 0 ? -1 : CodeTokens.Previous(fragment, open);
        if (before <= statement.First) return false;
        if (tokens[before].IsSymbol(')')) return true;
        if (tokens[before].Kind != CTokenKind.Identifier) return false;
        ref readonly var typeEnd = ref tokens.ItemRef(CodeTokens.Previous(fragment, before));
        return typeEnd.Kind is CTokenKind.Identifier or CTokenKind.Keyword || typeEnd.IsSymbol('*') || typeEnd.IsSymbol(']') || typeEnd.IsSymbol(')');
    }

    /// <summary>
    /// The code before the statement is a preprocessor line other than <c>#define</c> (<c>#include</c>,
    /// <c>#endif</c>): checkpatch reads such a line and what follows, up to the next <c>;</c>, as one statement
    /// that is no declaration, so a prototype right after it is never judged.
    /// </summary>
    private static bool FollowsDirective(CFragment fragment, int first)
    {
        var tokens = fragment.Tokens;
        var t = CodeTokens.Previous(fragment, first);
        while (t >= 0 && tokens[t].InDirective && tokens[t].Kind != CTokenKind.Preprocessor) t--;
        return t >= 0 && tokens[t].Kind == CTokenKind.Preprocessor && !fragment.TextOf(tokens[t]).EndsWith("define");
    }

    /// <summary>
    /// The statement is <c>[extern] type name(...);</c> or <c>[extern] type (*name)(...);</c>:
    /// <paramref name="open"/> and <paramref name="close"/> are the brackets of its parameter list.
    /// </summary>
    private static bool TryParameterList(CFragment fragment, CStatement statement, out int open, out int close)
    {
        open = close = -1;
        var tokens = fragment.Tokens;
        if (!tokens[statement.Last].IsSymbol(';')) return false;
        var t = statement.First;
        if (fragment.Is(tokens[t], "extern")) t = CodeTokens.Next(fragment, t);
        if (t < 0 || !TypeName.TryRead(fragment, t, statement.Last, allowUnknownName: true, out var afterType)) return false;
        t = afterType;
        if (t < 0 || t >= statement.Last) return false;
        if (tokens[t].Kind == CTokenKind.Identifier)
        {
            t = CodeTokens.Next(fragment, t);
        }
        else if (tokens[t].IsSymbol('('))
        {
            var pointerClose = fragment.Structure.MatchOf(t);
            var star = CodeTokens.Next(fragment, t);
            var name = star >= 0 ? CodeTokens.Next(fragment, star) : -1;
            if (star < 0 || !tokens[star].IsSymbol('*') || name < 0 || tokens[name].Kind != CTokenKind.Identifier
                || CodeTokens.Next(fragment, name) != pointerClose) return false;
            t = CodeTokens.Next(fragment, pointerClose);
        }
        else
        {
            return false;
        }

        if (t < 0 || !tokens[t].IsSymbol('(')) return false;
        open = t;
        close = fragment.Structure.MatchOf(open);
        if (close < 0 || CodeTokens.Next(fragment, close) != statement.Last) return false;
        for (var k = open; k < close; k++)
        {
            if (tokens[k].IsSymbol('{')) return false;
        }

        return true;
    }

    private static void ReportUnnamed(CSourceContext context, CFragment fragment, int at, int open, int close)
    {
        var tokens = fragment.Tokens;
        var first = CodeTokens.Next(fragment, open);
        if (first == close) return;
        if (fragment.Is(tokens[first], "void") && CodeTokens.Next(fragment, first) == close) return;
        var start = first;
        for (var t = first; t >= 0 && t <= close; t = CodeTokens.Next(fragment, t))
        {
            var token = tokens[t];
            if (token.IsSymbol('(') || token.IsSymbol('['))
            {
                var match = fragment.Structure.MatchOf(t);
                if (match < 0 || match > close) return;
                t = match;
                continue;
            }

            if (t != close && !token.IsSymbol(',')) continue;
            var last = CodeTokens.Previous(fragment, t);
            // checkpatch finds the type after a storage class (`register struct mbuf *`) and quotes it alone.
            if (start < t && fragment.Is(tokens[start], "register")) start = CodeTokens.Next(fragment, start);
            if (last >= start && IsTypeOnly(context.Fragments, fragment, start, last))
            {
                context.Report(Descriptor, fragment, tokens[at], TextBetween(fragment, start, last));
            }

            start = CodeTokens.Next(fragment, t);
        }
    }

    /// <summary>Tokens <paramref name="first"/>..<paramref name="last"/> are a type and nothing after it.</summary>
    private static bool IsTypeOnly(ImmutableArray<CFragment> fragments, CFragment fragment, int first, int last)
    {
        var tokens = fragment.Tokens;
        if (!TypeName.TryRead(fragment, first, last + 1, allowUnknownName: true, out var after, out var pointers)) return false;
        if (after <= last) return false;
        var head = first;
        while (DeclarationLine.IsAttribute(fragment.TextOf(tokens[head]))) head = CodeTokens.Next(fragment, head);
        var headText = fragment.TextOf(tokens[head]);
        // checkpatch leaves `enum foo` alone, and knows an unknown name as a type only once it is seen with a `*`.
        if (headText is "enum" && pointers == 0) return false;
        if (tokens[head].Kind == CTokenKind.Identifier && pointers == 0 && !TypedefNames.IsTypeName(headText))
        {
            return IsSeenDeclaringAName(fragments, headText);
        }

        return true;
    }

    /// <summary>
    /// <paramref name="word"/> declares a name somewhere in the file's hunks (<c>word name,</c> <c>word *name;</c>,
    /// <c>word *)</c> ...):
    /// checkpatch learns such words as types as it reads, so a bare <c>word</c> parameter is then a type without a name.
    /// </summary>
    private static bool IsSeenDeclaringAName(ImmutableArray<CFragment> fragments, ReadOnlySpan<char> word)
    {
        foreach (var fragment in fragments)
        {
            var tokens = fragment.Tokens;
            for (var t = 0; t < tokens.Length; t++)
            {
                if (tokens[t].Kind != CTokenKind.Identifier || !fragment.TextOf(tokens[t]).SequenceEqual(word)) continue;
                if (IsTypedefName(fragment, t)) return true;
                var name = CodeTokens.Next(fragment, t);
                while (name >= 0 && tokens[name].IsSymbol('*')) name = CodeTokens.Next(fragment, name);
                if (name < 0) continue;
                // `word *` then `,` or `)`: a parameter of type word without a name.
                if (name != CodeTokens.Next(fragment, t) && tokens[name].Length == 1 && tokens[name].First is ',' or ')') return true;
                if (tokens[name].Kind != CTokenKind.Identifier) continue;
                var end = CodeTokens.Next(fragment, name);
                if (end >= 0 && tokens[end].Length == 1 && tokens[end].First is ',' or ')' or ';' or '=' or '[') return true;
            }
        }

        return false;
    }

    /// <summary>Token <paramref name="t"/> is the name a <c>typedef</c> line declares: <c>typedef ... name;</c> or <c>typedef ... (*name)(...)</c>.</summary>
    private static bool IsTypedefName(CFragment fragment, int t)
    {
        var tokens = fragment.Tokens;
        var line = fragment.Lines[tokens[t].Line];
        var first = line.FirstToken;
        if (line.TokenCount == 0 || !fragment.Is(tokens[first], "typedef")) return false;
        var next = CodeTokens.Next(fragment, t);
        if (next >= 0 && tokens[next].IsSymbol(';')) return true;
        var star = CodeTokens.Previous(fragment, t);
        var open = star >= 0 ? CodeTokens.Previous(fragment, star) : -1;
        return open >= 0 && tokens[star].IsSymbol('*') && tokens[open].IsSymbol('(') && next >= 0 && tokens[next].IsSymbol(')');
    }

    /// <summary>The source text of tokens <paramref name="first"/>..<paramref name="last"/>, line breaks read as one space.</summary>
    private static string TextBetween(CFragment fragment, int first, int last)
    {
        var tokens = fragment.Tokens;
        if (tokens[first].Line == tokens[last].Line)
        {
            return fragment.Lines[tokens[first].Line].Text[tokens[first].Start..tokens[last].End].ToString();
        }

        var text = new System.Text.StringBuilder();
        for (var t = first; t >= 0 && t <= last; t = CodeTokens.Next(fragment, t))
        {
            if (text.Length > 0) text.Append(' ');
            text.Append(fragment.TextOf(tokens[t]));
        }

        return text.ToString();
    }
}
