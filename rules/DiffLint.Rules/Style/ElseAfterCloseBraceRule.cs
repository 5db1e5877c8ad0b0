using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports an <c>else</c> that starts a line right after a line ending in the <c>}</c> of its <c>if</c>.</summary>
[DiffLintRule]
public sealed class ElseAfterCloseBraceRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3023",
        name: "else-after-close-brace",
        title: "else should follow the close brace",
        messageFormat: "'else' should follow the close brace '}' on the same line",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "ELSE_AFTER_BRACE",
        qemuCheckpatchType: "Q_ELSE_AFTER_BRACE",
        documentation: """
            ## What it does
            Reports an `else` that begins a line when the token before it is a `}` ending an earlier line at
            the same indentation, i.e. the `} else` of kernel and QEMU style split over two lines.
            A comment or a preprocessor line between the two is not looked through.

            ## Why it matters
            Both styles keep `} else {` on one line (and `} else if (...) {`): the split form wastes a line and
            reads like the `if` statement ended at the brace.

            ## Example
            ```diff
            +	}
            +	else
            +		fprintf(out, " ");
            ```
            should be `} else`.

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        var tabWidth = context.Profile.TabWidth;
        foreach (var fragment in context.Fragments)
        {
            var tokens = fragment.Tokens;
            for (var t = 0; t < tokens.Length; t++)
            {
                var token = tokens[t];
                if (token.Kind != CTokenKind.Keyword || token.InDirective || !fragment.Is(token, "else")) continue;
                if (!CodeTokens.IsOnNewLine(fragment, t) || !CodeTokens.StartsLine(fragment, t)) continue;
                var brace = t - 1;
                if (brace < 0 || !tokens[brace].IsSymbol('}') || tokens[brace].InDirective) continue;
                if (CodeTokens.IndentOf(fragment, tokens[brace].Line, tabWidth) != CodeTokens.IndentOf(fragment, token.Line, tabWidth)) continue;
                context.Report(Descriptor, fragment, token);
            }
        }
    }
}
