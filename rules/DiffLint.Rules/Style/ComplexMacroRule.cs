using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a <c>#define</c> whose value is an expression or a list not enclosed in parentheses.</summary>
public sealed class ComplexMacroRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3032",
        name: "complex-macro",
        title: "Macro with a complex value not in parentheses",
        messageFormat: "Macro {0} has a complex value: enclose it in parentheses",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "COMPLEX_MACRO",
        documentation: """
            ## What it does
            Reports, on the macro name, a `#define` whose body (brackets taken whole) is more than one operand
            and not a statement: a binary or conditional expression (`1 << 3`), a cast applied to a value
            (`(u32)x`), a comma-separated list, or operands side by side (`A(func) B(func)`). Not reported: a single
            operand (`x`, `-1`, `f(a)`, `p->q[i]`, `(a + b)`), a body starting or ending with a string literal,
            designated initializers (`.x =`), `[` ... , `#x`, declarations (a body starting with a type or storage
            class, or using `struct`/`union`/`enum`/`typeof`), `do`/`while`/`for` bodies, `({ })`, and bodies that
            start with `return`, `goto`, `break`, `continue`, `switch` or `if` (statements, see DL3030/DL3031).

            ## Why it matters
            An unparenthesised expression binds with its neighbours where it is used: `#define SIZE 1 << 3`
            makes `SIZE * 2` equal to `1 << 6`. Lists and juxtaposed values only work in the one context
            they were written for.

            ## Example
            ```diff
            +#define UL_DEBUG_DECLARE_MASK(lib) extern UL_DEBUG_DEFINE_MASK(lib)
            ```

            ## Configuration
            None.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        foreach (var fragment in context.Fragments)
        {
            foreach (var macro in fragment.Structure.Macros)
            {
                if (MacroBodyShape.Of(fragment, macro) is not { IsComplexValue: true }) continue;
                if (!CodeTokens.IsOnNewLine(fragment, macro.Directive)) continue;
                var name = fragment.Tokens[macro.NameToken];
                context.Report(Descriptor, fragment, name, fragment.TextOf(name).ToString());
            }
        }
    }
}
