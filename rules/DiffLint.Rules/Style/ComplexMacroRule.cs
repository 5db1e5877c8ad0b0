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
        messageFormat: "Macros with complex values should be enclosed in parentheses",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "COMPLEX_MACRO",
        documentation: """
            ## What it does
            Reports, on the macro name, a `#define` whose body is not an accepted shape and has no `;` and does not
            start with `if` (those are DL3031 and DL3030): an expression (`1 << 3`), a cast applied to a value
            (`(u32)(x)`), an address or dereference (`&(x)->m`, `*(x)`), a member of a bracketed value
            (`(d)->dev`), a list (`a, b`), operands side by side (`A(func) B(func)`) or a bare `return x`/`goto l`.
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
            var macros = fragment.Structure.Macros;
            for (var m = 0; m < macros.Length; m++)
            {
                var macro = macros[m];
                if (MacroValue.VerdictOf(fragment, m) != MacroVerdict.ComplexValue) continue;
                if (!CodeTokens.IsOnNewLine(fragment, macro.Directive)) continue;
                var name = fragment.Tokens[macro.NameToken];
                context.Report(Descriptor, fragment, name);
            }
        }
    }
}
