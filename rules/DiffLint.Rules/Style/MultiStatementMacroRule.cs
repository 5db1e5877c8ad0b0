using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a <c>#define</c> whose body holds several statements outside <c>do { } while (0)</c>.</summary>
[DiffLintRule]
public sealed class MultiStatementMacroRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3031",
        name: "multi-statement-macro",
        title: "Multi-statement macro without do-while",
        messageFormat: "Macros with multiple statements should be enclosed in a do - while loop",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "MULTISTATEMENT_MACRO_USE_DO_WHILE",
        profiles: ["kernel", "git", "uboot"],
        documentation: """
            ## What it does
            Reports, on the macro name, a `#define` whose body has a `;` and is not an accepted shape (a lone
            `f();`, `do { } while (0)`, `({ })`, a loop), and does not start with `if` (DL3030).
            Bodies are read as kernel checkpatch reads them (comments dropped, literals blanked, continuation lines
            joined, every bracketed group taken as one operand, pasted strings as one string), and a body is
            accepted when it is a single value (`x`, `-1`, `f(a)`, `p->q[i]`, `(a + b)`, `!x`), a value or call
            followed by `,` or `;`, a character constant, a designated initializer (`.x = ...`), a stringification
            (`#x`), a `case` label, `do { } while (...)`, `({ })`, `while (...) { }`, `for (...)`, or when a type
            name or `struct`/`union` appears outside brackets anywhere in it (a declaration; checkpatch looks for the
            type names without a word boundary before them, so `print x` counts too), or it starts or ends with a
            string literal or starts with `[`. Only macros whose `#define` line the patch adds are read, as far as
            the hunk shows them.

            ## Why it matters
            `if (x) MACRO();` runs only the first statement of an unwrapped body under the `if`; the rest runs
            always.

            ## Example
            ```diff
            +#define RESET(s)	(s)->a = 0; (s)->b = 0
            ```
            should be `#define RESET(s) do { (s)->a = 0; (s)->b = 0; } while (0)`.

            ## Configuration
            """);

    public static readonly RuleDescriptor Qemu = new(
        id: "DL4031",
        name: "qemu-multi-statement-macro",
        title: "Multi-statement macro without do-while (QEMU)",
        messageFormat: "Macros with multiple statements should be enclosed in a do - while loop",
        category: "Style",
        defaultSeverity: Severity.Error,
        qemuCheckpatchType: "Q_MACRO_DO_WHILE",
        profiles: ["qemu"],
        documentation: """
            ## What it does
            The QEMU form of DL3031: reports, on the macro name, a `#define` whose body holds statements ending in
            `;` outside `do { } while (0)`, with QEMU's message and at error level. The same bodies are exempt:
            declarations, `struct`/`union` bodies, designated initializers and `({ })` expressions.

            ## Why it matters
            `#define RESET(s) s->a = 0; s->b = 0` used as the body of an unbraced `if` runs its second statement
            unconditionally; `do { ... } while (0)` makes the macro one statement.

            ## Example
            ```diff
            +#define RESET(s) (s)->a = 0; (s)->b = 0
            ```
            Write `#define RESET(s) do { (s)->a = 0; (s)->b = 0; } while (0)`.

            ## Configuration
            QEMU profile only; the other profiles get DL3031.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor, Qemu];

    public override void Initialize(RuleRegistration registration) => registration.RegisterMacroAction(Analyze);

    private void Analyze(MacroContext context)
    {
        if (MacroValue.VerdictOfNew(context.Fragment, context.Macro) != MacroVerdict.MultipleStatements) return;
        ref readonly var name = ref context.Fragment.Tokens.ItemRef(context.Macro.NameToken);
        context.Report(Qemu.AppliesTo(context.Source.Profile) ? Qemu : Descriptor, name, context.TextOf(name).ToString());
    }
}
