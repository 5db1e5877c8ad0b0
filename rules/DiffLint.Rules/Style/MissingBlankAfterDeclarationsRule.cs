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

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        foreach (var fragment in context.Fragments)
        {
            var lines = fragment.Lines;
            for (var line = 1; line < lines.Length; line++)
            {
                if (!lines[line].IsJudged || !lines[line - 1].IsAdded) continue;
                var first = FirstCodeToken(fragment, line);
                if (first < 0 || !SameIndentation(fragment, line - 1, line, first)) continue;
                if (!EndsDeclaration(fragment, line - 1)) continue;
                if (MayFollowDeclaration(fragment, line, first)) continue;
                context.Report(Descriptor, fragment, fragment.Tokens[first]);
            }
        }
    }

    /// <summary>
    /// Line <paramref name="line"/> starts with a code token (not a comment) right after the leading whitespace of
    /// <paramref name="previous"/>, which is not empty and is followed there by non-blank text.
    /// </summary>
    private static bool SameIndentation(CFragment fragment, int previous, int line, int first)
    {
        var before = fragment.Lines[previous].Text;
        var indent = before.Length - before.TrimStart().Length;
        if (indent == 0 || indent == before.Length) return false;
        var text = fragment.Lines[line].Text;
        return fragment.Tokens[first].Start == indent && text.Length > indent && text[..indent].SequenceEqual(before[..indent]);
    }

    /// <summary>The line is a declaration that is complete: no statement keyword first, no operator, <c>{</c> or <c>\</c> last.</summary>
    private static bool EndsDeclaration(CFragment fragment, int line)
    {
        var first = FirstCodeToken(fragment, line);
        if (first < 0) return false;
        var cLine = fragment.Lines[line];
        var last = fragment.Tokens[cLine.EndToken - 1];
        if (last.Kind == CTokenKind.Continuation || last.IsSymbol('{') || last.IsSymbol(',')) return false;
        if (last.Kind == CTokenKind.Operator && last.First is not ('?' or ':' or '.' or '#')) return false;
        return !DeclarationLine.StartsWithStatementKeyword(fragment, line) && DeclarationLine.Starts(fragment, line);
    }

    /// <summary>What checkpatch lets follow a declaration: another one, a new aggregate, a bracket, a continuation.</summary>
    private static bool MayFollowDeclaration(CFragment fragment, int line, int first)
    {
        var token = fragment.Tokens[first];
        if (token.Kind is CTokenKind.Operator or CTokenKind.Preprocessor or CTokenKind.String) return true;
        if (token.Kind == CTokenKind.Punctuation && token.First is '{' or '}' or '(' or '[' or ',') return true;
        if (token.Kind == CTokenKind.Number && token.First == '.') return true;
        if (DeclarationLine.Starts(fragment, line)) return true;
        var text = fragment.TextOf(token);
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
        var cLine = fragment.Lines[line];
        if (cLine.TokenCount == 0) return -1;
        var first = cLine.FirstToken;
        return fragment.Tokens[first].IsCode ? first : -1;
    }
}
