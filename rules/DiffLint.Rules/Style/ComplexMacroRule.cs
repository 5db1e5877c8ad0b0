using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a <c>#define</c> whose value is an expression or a list not enclosed in parentheses.</summary>
[DiffLintRule]
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
        profiles: ["kernel", "git", "uboot"],
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
            """);

    public static readonly RuleDescriptor Qemu = new(
        id: "DL4029",
        name: "qemu-complex-macro",
        title: "Macro with a complex value not in parentheses (QEMU)",
        messageFormat: "Macros with complex values should be enclosed in parenthesis",
        category: "Style",
        defaultSeverity: Severity.Error,
        qemuCheckpatchType: "Q_MACRO_PARENS",
        profiles: ["qemu"],
        documentation: """
            ## What it does
            The QEMU form of DL3032: reports, on the macro name, a `#define` without a `;` in its body whose value is
            an expression, a cast applied to a value or a list not enclosed in parentheses, with QEMU's message and
            at error level. Single operands, string literals, designated initializers and declarations are exempt.

            ## Why it matters
            An unparenthesised expression binds with its neighbours where it is used: `#define SIZE 1 << 3` makes
            `SIZE * 2` equal to `1 << 6`.

            ## Example
            ```diff
            +#define PAGE_OFFSET(addr) addr & 0xfff
            ```
            Write `#define PAGE_OFFSET(addr) ((addr) & 0xfff)`.

            ## Configuration
            QEMU profile only; the other profiles get DL3032.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor, Qemu];

    public override void Initialize(RuleRegistration registration) => registration.RegisterMacroAction(Analyze);

    private void Analyze(MacroContext context)
    {
        var fragment = context.Fragment;
        var macro = context.Macro;
        if (macro.Directive < 0 || !CodeTokens.IsOnNewLine(fragment, macro.Directive)) return;
        if (MacroValue.VerdictOf(fragment, macro) != MacroVerdict.ComplexValue) return;
        var rule = Qemu.AppliesTo(context.Source.Profile) ? Qemu : Descriptor;
        if (rule == Qemu && !IsQemuComplexValue(fragment, macro)) return;
        var name = fragment.Tokens[macro.NameToken];
        context.Report(rule, name, fragment.TextOf(name).ToString());
    }

    /// <summary>
    /// QEMU's narrower reading: with bracketed groups collapsed, the body must still hold an operator (<c>?:</c>,
    /// <c>=</c> and <c>.</c> are not among checkpatch's) or a comma, and no type name (a declaration).
    /// </summary>
    private static bool IsQemuComplexValue(CFragment fragment, in CMacro macro)
    {
        var tokens = fragment.Tokens;
        var hasOperator = false;
        for (var t = macro.BodyFirst; t >= 0 && t <= macro.BodyLast; t = CodeTokens.Next(fragment, t))
        {
            var token = tokens[t];
            if (token.IsSymbol('(') || token.IsSymbol('[') || token.IsSymbol('{'))
            {
                var close = fragment.Structure.MatchOf(t);
                if (close < 0) return false;
                t = close;
                continue;
            }

            if (token.Kind is CTokenKind.Identifier or CTokenKind.Keyword && QemuTypes.IsTypeWord(fragment, t)) return false;
            if (token.IsSymbol(',')) hasOperator = true;
            else if (token.Kind == CTokenKind.Operator && fragment.TextOf(token) is not ("?" or ":" or "=" or "." or "..." or "#" or "##")) hasOperator = true;
        }

        return hasOperator;
    }
}
