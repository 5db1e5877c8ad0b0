using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports two expressions joined by a comma as one statement: <c>a = f(), b = g();</c>.</summary>
[DiffLintRule]
public sealed class SuspectCommaSemicolonRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3168",
        name: "suspect-comma-semicolon",
        title: "Comma where a semicolon was probably meant",
        messageFormat: "Possible comma where semicolon could be used",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "SUSPECT_COMMA_SEMICOLON",
        documentation: """
            ## What it does
            Reports a statement that starts an added line and is exactly two simple parts joined by a comma, each an optional assignment (`x =`, `p->len +=`) and a name, member, call, number or string, possibly cast (`a = b, c = d;`, `foo(), bar();`), as kernel checkpatch does.

            ## Why it matters
            A comma where a `;` was meant compiles silently, and under an `if` without braces the second part then runs only with the first.

            ## Example
            ```diff
            +	priv->len = len,
            +	priv->buf = buf;
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterStatementAction(Analyze);

    /// <summary>A statement that starts its line (checkpatch reads the line from its start).</summary>
    private void Analyze(StatementContext context)
    {
        var fragment = context.Fragment;
        var tokens = fragment.Tokens;
        var statement = context.Statement;
        var first = statement.First;
        if (first != fragment.Lines.ItemRef(context.Line).FirstToken || !CanStartPart(context.FirstToken) || !context.IsTerminated) return;
        if (!HasOuterComma(fragment, first, statement.Last) || HasComment(fragment, first, statement.Last)) return;
        var comma = Part(fragment, first);
        if (comma < 0 || !tokens[comma].IsSymbol(',')) return;
        var end = Part(fragment, CodeTokens.Next(fragment, comma));
        if (end != statement.Last) return;
        context.Report(Descriptor, context.FirstToken);
    }

    /// <summary>A name or keyword, a number, a string, <c>(</c>, <c>&amp;</c> or <c>*</c>: what a part (<see cref="Part"/>) can start with.</summary>
    private static bool CanStartPart(in CToken token) =>
        token.Kind is CTokenKind.Identifier or CTokenKind.Keyword or CTokenKind.Number or CTokenKind.String
        || token.IsSymbol('(') || token.IsSymbol('&') || token.IsSymbol('*');

    private static bool HasComment(CFragment fragment, int first, int last)
    {
        foreach (ref readonly var token in fragment.Tokens.AsSpan(first, last - first + 1))
        {
            if (token.IsComment) return true;
        }

        return false;
    }

    /// <summary>
    /// A comma outside brackets in tokens <paramref name="first"/>..<paramref name="last"/>: checked before reading the
    /// parts, since a statement without one (most, calls with several arguments included) cannot be two parts.
    /// </summary>
    private static bool HasOuterComma(CFragment fragment, int first, int last)
    {
        var tokens = fragment.Tokens.AsSpan();
        for (var t = first; t <= last; t++)
        {
            ref readonly var token = ref tokens[t];
            if (token.Kind != CTokenKind.Punctuation) continue;
            if (token.First == ',') return true;
            if (token.First is '(' or '[' or '{' && fragment.Structure.MatchOf(t) is var close && close > t) t = close;
        }

        return false;
    }

    /// <summary>
    /// Reads an optional assignment target and operator and then one argument (checkpatch's <c>$FuncArg</c>) from token
    /// <paramref name="at"/>: returns the token after them, or -1 when they are not there.
    /// </summary>
    private static int Part(CFragment fragment, int at)
    {
        if (at < 0) return -1;
        var tokens = fragment.Tokens;
        var target = LvalEnd(fragment, at);
        if (target >= 0)
        {
            var assignment = CodeTokens.Next(fragment, target);
            if (assignment >= 0 && IsAssignment(fragment, tokens[assignment])) at = CodeTokens.Next(fragment, assignment);
        }

        return ArgumentEnd(fragment, at);
    }

    /// <summary>The token after an optional cast and a name, call, number or string starting at <paramref name="at"/>; -1 if none.</summary>
    private static int ArgumentEnd(CFragment fragment, int at)
    {
        if (at < 0) return -1;
        var tokens = fragment.Tokens;
        if (tokens[at].IsSymbol('('))
        {
            var type = CodeTokens.Next(fragment, at);
            var typeEnd = type < 0 ? -1 : TypeWords.TypeEnd(fragment, type);
            var close = typeEnd < 0 ? -1 : CodeTokens.Next(fragment, typeEnd);
            if (close < 0 || !tokens[close].IsSymbol(')')) return -1;
            at = CodeTokens.Next(fragment, close);
            if (at < 0) return -1;
        }

        if (tokens[at].Kind is CTokenKind.Number or CTokenKind.String) return CodeTokens.Next(fragment, at);
        if (tokens[at].IsSymbol('&') || tokens[at].IsSymbol('*')) at = CodeTokens.Next(fragment, at);
        var end = LvalEnd(fragment, at);
        if (end < 0) return -1;
        var next = CodeTokens.Next(fragment, end);
        if (next >= 0 && tokens[next].IsSymbol('('))
        {
            var close = fragment.Structure.MatchOf(next);
            return close < 0 ? -1 : CodeTokens.Next(fragment, close);
        }

        return next;
    }

    private static int LvalEnd(CFragment fragment, int at) =>
        at >= 0 && fragment.Tokens[at].Kind is CTokenKind.Identifier or CTokenKind.Keyword ? LvalTokens.End(fragment, at) : -1;

    private static bool IsAssignment(CFragment fragment, in CToken token) =>
        token.Kind == CTokenKind.Operator && fragment.TextOf(token) is "=" or "*=" or "/=" or "%=" or "+=" or "-=" or "<<=" or ">>=" or "&=" or "^=" or "|=";
}
