using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a statement indented with tabs and then a few spaces, off the tab stops.</summary>
[DiffLintRule]
public sealed class TabstopRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3170",
        name: "tabstop",
        title: "Statement not on a tab stop",
        messageFormat: "Statements should start on a tabstop",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "TABSTOP",
        documentation: """
            ## What it does
            Reports an added line indented with tabs and then spaces that are not a whole tab width, when what follows is a C keyword statement (`if`, `return`, `break`, ...), a lone `{`, a `}` (alone or before `else`/`while`) or a declaration (`int x;`, `struct foo *p = ...`), as kernel checkpatch does. Continuation lines aligned under an open parenthesis start with other code and are left alone.

            ## Why it matters
            Kernel code is indented with whole tabs; a statement a few spaces off the tab stop looks nested where it is not.

            ## Example
            ```diff
            +	if (!foo)
            +	    return -EINVAL;
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCodeLineAction(Analyze);

    private void Analyze(CodeLineContext context)
    {
        ref readonly var line = ref context.CLine;
        if (line.TokenCount == 0) return;
        var text = line.Text;
        // Plain loops over the indentation, a few characters: called for every line.
        var tabs = 0;
        while (tabs < text.Length && text[tabs] == '\t') tabs++;
        if (tabs == 0 || tabs == text.Length) return;
        var code = 0;
        while (tabs + code < text.Length && text[tabs + code] == ' ') code++;
        if (code == 0 || tabs + code == text.Length || code % context.Source.Profile.TabWidth == 0) return;
        var fragment = context.Fragment;
        var first = line.FirstToken;
        ref readonly var token = ref fragment.Tokens.ItemRef(first);
        if (token.Start != tabs + code || token.InDirective || !StartsStatement(fragment, line, first)) return;
        context.Report(Descriptor, token);
    }

    /// <summary>The line starts with a statement keyword, a lone brace, a <c>}</c> before else/while, or a declaration.</summary>
    private static bool StartsStatement(CFragment fragment, in CLine line, int first)
    {
        var tokens = fragment.Tokens;
        var token = tokens[first];
        if (token.Kind == CTokenKind.Keyword && fragment.TextOf(token) is "do" or "for" or "while" or "if" or "else" or "return" or
                "goto" or "continue" or "switch" or "default" or "case" or "break") return true;
        var next = NextCodeOnLine(fragment, line, first);
        if (token.IsSymbol('{')) return next < 0;
        if (token.IsSymbol('}')) return next < 0 || fragment.Is(tokens[next], "else") || fragment.Is(tokens[next], "while");
        return IsDeclaration(fragment, first);
    }

    private static int NextCodeOnLine(CFragment fragment, in CLine line, int index)
    {
        for (var t = index + 1; t < line.EndToken; t++)
        {
            if (fragment.Tokens[t].IsCode) return t;
        }

        return -1;
    }

    /// <summary>An optional storage class and inline word, a type, a name, then <c>;</c> or <c>=</c>.</summary>
    private static bool IsDeclaration(CFragment fragment, int first)
    {
        var tokens = fragment.Tokens;
        var at = first;
        if (tokens[at].Kind is CTokenKind.Keyword or CTokenKind.Identifier && TypeWords.IsStorage(fragment.TextOf(tokens[at])))
        {
            at = TypeWords.AdjacentAfter(fragment, at);
            if (at >= 0 && tokens[at].Kind is CTokenKind.Keyword or CTokenKind.Identifier && TypeWords.IsInline(fragment.TextOf(tokens[at])))
            {
                at = TypeWords.AdjacentAfter(fragment, at);
            }

            if (at < 0) return false;
        }

        var typeEnd = TypeWords.TypeEnd(fragment, at);
        if (typeEnd < 0) return false;
        var name = TypeWords.AdjacentAfter(fragment, typeEnd);
        if (name < 0 || tokens[name].Kind != CTokenKind.Identifier) return false;
        var after = TypeWords.AdjacentAfter(fragment, name);
        return after >= 0 && (tokens[after].IsSymbol(';') || fragment.TextOf(tokens[after]) is "=" or "==");
    }
}
