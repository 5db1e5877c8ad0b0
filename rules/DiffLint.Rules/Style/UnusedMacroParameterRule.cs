using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a parameter of a function-like macro that the body never uses.</summary>
[DiffLintRule]
public sealed class UnusedMacroParameterRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3059",
        name: "unused-macro-parameter",
        title: "Unused macro parameter",
        messageFormat: "Argument '{0}' is not used in function-like macro",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "MACRO_ARG_UNUSED",
        documentation: """
            ## What it does
            Reports, on the `#define` line, each parameter of an added function-like macro that does not appear in
            its body (outside comments and string literals; `#x` and `x##y` count as uses). Variadic parameters
            (`...`, `args...`) and a parameter named `type` are left alone, as in checkpatch, and so are stubs whose
            body is empty or `0` (`#define trace_foo(dev)`), which recent checkpatch versions skip.

            ## Why it matters
            An argument that is never evaluated is usually a typo in the body (`#define REG(n) (BASE + 4 * N)`),
            and otherwise hides side effects the caller expects: `FOO(i++)` does not increment `i`.

            ## Example
            ```diff
            +#define FOO_REG(base, n)	(0x100 + 4 * (n))
            ```
            `base` is never used.

            ## Configuration
            Kernel, git and U-Boot profiles (QEMU's checkpatch has no such check).
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterMacroAction(Analyze);

    private void Analyze(MacroContext context)
    {
        var fragment = context.Fragment;
        var macro = context.Macro;
        if (!macro.IsFunctionLike || macro.Directive < 0 || !CodeTokens.IsOnNewLine(fragment, macro.Directive)) return;
        if (IsEmptyOrZero(fragment, macro)) return;
        foreach (var (name, _) in MacroValue.Parameters(fragment, macro))
        {
            if (name.Contains("...", StringComparison.Ordinal) || name.Equals("type", StringComparison.OrdinalIgnoreCase)) continue;
            if (MacroValue.BodyUses(fragment, macro, name)) continue;
            context.Report(Descriptor, fragment.Tokens[macro.NameToken], name);
        }
    }

    /// <summary>
    /// The body is empty or the single token <c>0</c>: checkpatch (since 6.15) skips macros whose body text is
    /// false to Perl, which stubs like <c>#define trace_foo(x)</c> and <c>#define is_bar(x) 0</c> are.
    /// </summary>
    private static bool IsEmptyOrZero(CFragment fragment, in CMacro macro) =>
        macro.BodyFirst < 0 || (macro.BodyFirst == macro.BodyLast && fragment.Is(fragment.Tokens[macro.BodyFirst], "0"));
}
