using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a <c>#define</c> whose body is an <c>if</c> statement not wrapped in <c>do { } while (0)</c>.</summary>
public sealed class MacroStartingWithIfRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3030",
        name: "macro-starting-with-if",
        title: "Macro starting with if",
        messageFormat: "Macro {0} starts with 'if': enclose it in do {{ ... }} while (0)",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "MULTISTATEMENT_MACRO_USE_DO_WHILE",
        documentation: """
            ## What it does
            Reports, on the `#define` line, a macro whose body starts with `if` outside any `do { } while (0)`.
            Only macros the hunk shows from the `#define` to the last continuation line are judged.

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
                if (MacroBodyShape.Of(fragment, macro) is not { StartsWithIf: true, IsWrapped: false }) continue;
                if (!CodeTokens.IsOnNewLine(fragment, macro.Directive)) continue;
                var name = fragment.Tokens[macro.NameToken];
                context.Report(Descriptor, fragment, name, fragment.TextOf(name).ToString());
            }
        }
    }
}
