using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports the first statement after a run of declarations when no blank line separates them.</summary>
[DiffLintRule]
public sealed class MissingBlankAfterDeclarationsRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3051",
        name: "missing-blank-after-declarations",
        title: "No blank line after declarations",
        messageFormat: "Missing a blank line after declarations",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "LINE_SPACING",
        documentation: """
            ## What it does
            Reports an added line that directly follows an added declaration at the same indentation (the same
            whitespace characters) and is not itself a declaration. A declaration is what checkpatch reads as
            one: a type (`int`, `unsigned long`, `struct foo *`, `u32`, `size_t`, a `*_t` name, `typeof(...)`)
            then a name then `=`, `,`, `;`, `:` or `[`; a function pointer `type (*name)`; two words side by side
            (`foo bar;`, `foo *bar;`); or a declaration macro (`DEFINE_MUTEX(`, `DECLARE_BITMAP(`, `LIST_HEAD(`).
            Attributes (`const`, `__iomem`, `__maybe_unused`, ...) are ignored. The declaration line must not start
            with a statement keyword nor end with an operator, `,`, `{` or `\`; the next line is left alone when
            it starts with `{ } . # " ? : ( [`, an operator, a comment, `struct`/`union`/`enum`/`typedef`, or is a
            bit field. As in checkpatch, two words (`return ret;`, `goto out;`) read as a declaration, so they do
            not count as the first statement, and a declaration continued over several lines is not followed
            (its last line is indented differently).

            ## Why it matters
            Kernel coding style separates the declarations of a block from its code with one blank line; reviewers
            and checkpatch ask for it.

            ## Example
            ```diff
            +	struct device *dev = &pdev->dev;
            +	int ret;
            +	ret = clk_prepare_enable(priv->clk);
            ```
            wants a blank line before `ret = ...`.

            ## Configuration
            Kernel, git and U-Boot profiles (QEMU's checkpatch has no such check).
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCodeLineAction(Analyze);

    private void Analyze(CodeLineContext context)
    {
        var fragment = context.Fragment;
        var line = context.Line;
        if (line == 0 || !fragment.Lines.ItemRef(line - 1).IsAdded) return;
        var first = FirstCodeToken(fragment, line);
        if (first < 0 || !SameIndentation(fragment, line - 1, line, first)) return;
        // The token tests first and the declaration readings last: most pairs of lines fail the former.
        if (StartsContinuation(fragment.Tokens.ItemRef(first)) || !EndsStatement(fragment, line - 1)) return;
        if (!IsDeclaration(fragment, line - 1) || IsDeclarationLike(fragment, line, first)) return;
        context.Report(Descriptor, fragment.Tokens.ItemRef(first));
    }

    /// <summary>
    /// Line <paramref name="line"/> starts with a code token (not a comment) right after the leading whitespace of
    /// <paramref name="previous"/>, which is not empty and is followed there by non-blank text.
    /// </summary>
    private static bool SameIndentation(CFragment fragment, int previous, int line, int first)
    {
        var before = fragment.Lines.ItemRef(previous).Text;
        var indent = before.Length - before.TrimStart().Length;
        if (indent == 0 || indent == before.Length) return false;
        var text = fragment.Lines.ItemRef(line).Text;
        return fragment.Tokens.ItemRef(first).Start == indent && text.Length > indent && text[..indent].SequenceEqual(before[..indent]);
    }

    /// <summary>The line (which starts with code) is complete: no <c>{</c>, <c>,</c>, operator or <c>\</c> last.</summary>
    private static bool EndsStatement(CFragment fragment, int line)
    {
        if (FirstCodeToken(fragment, line) < 0) return false;
        ref readonly var last = ref fragment.Tokens.ItemRef(fragment.Lines.ItemRef(line).EndToken - 1);
        if (last.Kind == CTokenKind.Continuation || last.IsSymbol('{') || last.IsSymbol(',')) return false;
        return last.Kind != CTokenKind.Operator || last.First is '?' or ':' or '.' or '#';
    }

    /// <summary>The line is a declaration: no statement keyword first.</summary>
    private static bool IsDeclaration(CFragment fragment, int line) =>
        !DeclarationLine.StartsWithStatementKeyword(fragment, line) && DeclarationLine.Starts(fragment, line);

    /// <summary>What checkpatch lets follow a declaration by its first token: an operator, a directive, a bracket, a continuation.</summary>
    private static bool StartsContinuation(in CToken token)
    {
        if (token.Kind is CTokenKind.Operator or CTokenKind.Preprocessor or CTokenKind.String) return true;
        if (token.Kind == CTokenKind.Punctuation && token.First is '{' or '}' or '(' or '[' or ',') return true;
        return token.Kind == CTokenKind.Number && token.First == '.';
    }

    /// <summary>What else checkpatch lets follow a declaration: another one, a new aggregate, a bit field.</summary>
    private static bool IsDeclarationLike(CFragment fragment, int line, int first)
    {
        if (DeclarationLine.Starts(fragment, line)) return true;
        var text = fragment.TextOf(fragment.Tokens.ItemRef(first));
        if (text is "static" or "union" or "struct" or "enum" or "typedef")
        {
            if (text is "union" or "struct" or "enum" or "typedef") return true;
            var next = CodeTokens.Next(fragment, first);
            if (next >= 0 && fragment.TextOf(fragment.Tokens[next]) is "const") next = CodeTokens.Next(fragment, next);
            if (next >= 0 && fragment.TextOf(fragment.Tokens[next]) is "union" or "struct" or "enum" or "typedef") return true;
        }

        return IsBitField(fragment, first);
    }

    /// <summary><c>name : width</c> then <c>,</c> or <c>;</c>.</summary>
    private static bool IsBitField(CFragment fragment, int first)
    {
        var tokens = fragment.Tokens;
        if (tokens[first].Kind is not (CTokenKind.Identifier or CTokenKind.Keyword)) return false;
        var colon = CodeTokens.Next(fragment, first);
        if (colon < 0 || !tokens[colon].IsSymbol(':')) return false;
        var width = CodeTokens.Next(fragment, colon);
        if (width < 0 || tokens[width].Kind != CTokenKind.Number || !char.IsAsciiDigit(tokens[width].First)) return false;
        var end = CodeTokens.Next(fragment, width);
        return end >= 0 && (tokens[end].IsSymbol(',') || tokens[end].IsSymbol(';'));
    }

    /// <summary>The first token of the line when it is code (a line starting with a comment has none), or -1.</summary>
    private static int FirstCodeToken(CFragment fragment, int line)
    {
        ref readonly var cLine = ref fragment.Lines.ItemRef(line);
        if (cLine.TokenCount == 0) return -1;
        var first = cLine.FirstToken;
        return fragment.Tokens.ItemRef(first).IsCode ? first : -1;
    }
}
