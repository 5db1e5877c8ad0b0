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

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        foreach (var fragment in context.Fragments)
        {
            var tokens = fragment.Tokens;
            var lines = fragment.Lines;
            for (var l = 0; l < lines.Length; l++)
            {
                var line = lines[l];
                if (!line.IsJudged || line.TokenCount == 0 || line.Text.Length == 0 || line.Text[^1] != '\\') continue;
                var last = tokens[line.EndToken - 1];
                if (OddQuotes(fragment, line))
                {
                    context.Report(Descriptor, fragment, last, "line continuations in quoted strings");
                }
                else if (last.Kind == CTokenKind.Continuation && l > 0 && !EndsWithBackslash(lines[l - 1].Text) &&
                         !tokens[line.FirstToken].InDirective && !HasAsm(fragment, line))
                {
                    context.Report(Descriptor, fragment, last, "unnecessary line continuations");
                }
            }
        }
    }

    private static bool EndsWithBackslash(ReadOnlySpan<char> text) => text.Length > 0 && text[^1] == '\\';

    /// <summary>The line holds an odd number of string quotes: a string literal goes on past its end.</summary>
    private static bool OddQuotes(CFragment fragment, in CLine line)
    {
        var quotes = 0;
        for (var t = line.FirstToken; t < line.EndToken; t++)
        {
            var token = fragment.Tokens[t];
            if (token.Kind != CTokenKind.String || fragment.TextOf(token).StartsWith("<")) continue;
            if ((token.Flags & CTokenFlags.ContinuedFromPreviousLine) == 0) quotes++;
            if ((token.Flags & (CTokenFlags.ContinuesOnNextLine | CTokenFlags.Unterminated)) == 0) quotes++;
        }

        return quotes % 2 == 1;
    }

    private static bool HasAsm(CFragment fragment, in CLine line)
    {
        for (var t = line.FirstToken; t < line.EndToken; t++)
        {
            if (fragment.Is(fragment.Tokens[t], "asm") || fragment.Is(fragment.Tokens[t], "__asm__")) return true;
        }

        return false;
    }
}
