using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a <c>#define</c> whose body is an <c>if</c> statement not wrapped in <c>do { } while (0)</c>.</summary>
[DiffLintRule]
public sealed class MacroStartingWithIfRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3030",
        name: "macro-starting-with-if",
        title: "Macro starting with if",
        messageFormat: "Macros starting with if should be enclosed by a do - while loop to avoid possible if/else logic defects",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "MULTISTATEMENT_MACRO_USE_DO_WHILE",
        documentation: """
            ## What it does
            Reports, on the macro name, a `#define` whose body starts with `if` outside any `do { } while (0)`.
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
            Used as `if (x) MACRO(y); else z();`, the macro's own `if` captures the caller's `else`, and the
            `;` after the call ends the caller's `if`: the code compiles and does something else than it reads.

            ## Example
            ```diff
            +#define _PF(f)	if (flags & RMNET_FLAGS_##f) {		\
            +		print_string(PRINT_ANY, NULL, "%s", #f);	\
            +	}
            ```
            should be `#define _PF(f) do { if (...) { ... } } while (0)`.

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterMacroAction(Analyze);

    private void Analyze(MacroContext context)
    {
        if (MacroValue.VerdictOfNew(context.Fragment, context.Macro) != MacroVerdict.StartsWithIf) return;
        context.Report(Descriptor, context.Fragment.Tokens.ItemRef(context.Macro.NameToken));
    }
}
