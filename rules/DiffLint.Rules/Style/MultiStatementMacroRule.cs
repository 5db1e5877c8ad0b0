using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a <c>#define</c> whose body holds several statements outside <c>do { } while (0)</c>.</summary>
public sealed class MultiStatementMacroRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3031",
        name: "multi-statement-macro",
        title: "Multi-statement macro without do-while",
        messageFormat: "Macro {0} has several statements: enclose them in do {{ ... }} while (0)",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "MULTISTATEMENT_MACRO_USE_DO_WHILE",
        profiles: ["kernel", "git", "uboot"],
        documentation: """
            ## What it does
            Reports, on the macro name, a `#define` whose body has statements ending in `;` (more than a lone
            `f();`) outside `do { } while (0)`, a `({ })` statement expression or a loop. A body starting with
            `if` is DL3030's. Only macros the hunk shows whole are judged.

            ## Why it matters
            `if (x) MACRO();` runs only the first statement of an unwrapped body under the `if`; the rest runs
            always.

            ## Example
            ```diff
            +#define RESET(s)	(s)->a = 0; (s)->b = 0
            ```
            should be `#define RESET(s) do { (s)->a = 0; (s)->b = 0; } while (0)`.

            ## Configuration
            None.
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

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        var rule = Qemu.AppliesTo(context.Profile) ? Qemu : Descriptor;
        foreach (var fragment in context.Fragments)
        {
            foreach (var macro in fragment.Structure.Macros)
            {
                if (MacroBodyShape.Of(fragment, macro) is not { StartsWithIf: false, IsUnwrappedStatements: true }) continue;
                if (!CodeTokens.IsOnNewLine(fragment, macro.Directive)) continue;
                var name = fragment.Tokens[macro.NameToken];
                context.Report(rule, fragment, name, fragment.TextOf(name).ToString());
            }
        }
    }
}
