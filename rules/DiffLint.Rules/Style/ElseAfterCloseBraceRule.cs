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
        checkpatchMessage: "else should follow close brace '}}'",
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

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "else");

    private void Analyze(CTokenContext context)
    {
        var fragment = context.Fragment;
        var t = context.Index;
        ref readonly var token = ref context.Token;
        if (token.InDirective || !CodeTokens.IsOnNewLine(fragment, t) || !CodeTokens.StartsLine(fragment, t)) return;
        var brace = t - 1;
        if (brace < 0 || !fragment.Tokens[brace].IsSymbol('}') || fragment.Tokens[brace].InDirective) return;
        var tabWidth = context.Source.Profile.TabWidth;
        if (CodeTokens.IndentOf(fragment, fragment.Tokens[brace].Line, tabWidth) != CodeTokens.IndentOf(fragment, token.Line, tabWidth)) return;
        context.Report(Descriptor);
    }
}
