using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports the <c>while</c> of a braced do-while loop put on the line after the closing <c>}</c>.</summary>
[DiffLintRule]
public sealed class WhileAfterCloseBraceRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3024",
        name: "while-after-close-brace",
        title: "while should follow the close brace",
        messageFormat: "'while' of a do-while loop should follow the close brace '}' on the same line",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "WHILE_AFTER_BRACE",
        qemuCheckpatchType: "Q_WHILE_AFTER_BRACE",
        documentation: """
            ## What it does
            Reports the closing `while (...);` of a `do { ... }` loop when it starts the line after the `}`.
            Only the `while` that ends a do-while is judged: a `while` loop that happens to follow a block is
            not (checkpatch, which compares indentation only, reports both).

            ## Why it matters
            On its own line, `while (cond);` reads like an empty `while` loop; `} while (cond);` makes the
            do-while visible at a glance.

            ## Example
            ```diff
            +	do {
            +		rc = process(nl);
            +	}
            +	while (!rc);
            ```
            should end with `} while (!rc);`.

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterControlAction(Analyze, CControlKind.Do);

    private void Analyze(ControlContext context)
    {
        var fragment = context.Fragment;
        var control = context.Control;
        if (!control.Braced || control.Trailer < 0 || control.BodyEnd < 0) return;
        if (!CodeTokens.IsOnNewLine(fragment, control.Trailer) || !CodeTokens.StartsLine(fragment, control.Trailer)) return;
        if (CodeTokens.Previous(fragment, control.Trailer) != control.BodyEnd) return;
        context.Report(Descriptor, fragment.Tokens[control.Trailer]);
    }
}
