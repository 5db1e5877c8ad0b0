using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a backslash line continuation outside a macro, or inside a string.</summary>
[DiffLintRule]
public sealed class LineContinuationsRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3171",
        name: "line-continuations",
        title: "Needless line continuation",
        messageFormat: "Avoid {0}",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "LINE_CONTINUATIONS",
        documentation: """
            ## What it does
            Reports, as kernel checkpatch does, an added line that ends with a backslash continuation when it is not a preprocessor line, holds no `asm`, and the line before it does not end with a backslash (so it does not belong to a macro body): "Avoid unnecessary line continuations". Also an added line that ends with a backslash inside a string literal: "Avoid line continuations in quoted strings".

            ## Why it matters
            Outside the preprocessor C joins lines by itself; a backslash there is noise, and one that continues a string literal hides the line's indentation inside the string.

            ## Example
            ```diff
            +	ret = foo_read(foo, FOO_REG_STATUS) | \
            +	      foo_read(foo, FOO_REG_ERROR);
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCodeLineAction(Analyze);

    private void Analyze(CodeLineContext line)
    {
        var text = line.Text;
        var tokens = line.Tokens;
        if (text.Length == 0 || text[^1] != '\\' || tokens.IsEmpty) return;
        ref readonly var last = ref tokens[^1];
        if (OddQuotes(line.Fragment, tokens))
        {
            line.Report(Descriptor, last, "line continuations in quoted strings");
        }
        else if (last.Kind == CTokenKind.Continuation && line.Line > 0 && !EndsWithBackslash(line.Fragment.Lines.ItemRef(line.Line - 1).Text) &&
                 !tokens[0].InDirective && !HasAsm(line.Fragment, tokens))
        {
            line.Report(Descriptor, last, "unnecessary line continuations");
        }
    }

    private static bool EndsWithBackslash(ReadOnlySpan<char> text) => text.Length > 0 && text[^1] == '\\';

    /// <summary>The line holds an odd number of string quotes: a string literal goes on past its end.</summary>
    private static bool OddQuotes(CFragment fragment, ReadOnlySpan<CToken> tokens)
    {
        var quotes = 0;
        foreach (ref readonly var token in tokens)
        {
            if (token.Kind != CTokenKind.String || fragment.TextOf(token).StartsWith("<")) continue;
            if ((token.Flags & CTokenFlags.ContinuedFromPreviousLine) == 0) quotes++;
            if ((token.Flags & (CTokenFlags.ContinuesOnNextLine | CTokenFlags.Unterminated)) == 0) quotes++;
        }

        return quotes % 2 == 1;
    }

    private static bool HasAsm(CFragment fragment, ReadOnlySpan<CToken> tokens)
    {
        foreach (ref readonly var token in tokens)
        {
            if (fragment.Is(token, "asm") || fragment.Is(token, "__asm__")) return true;
        }

        return false;
    }
}
