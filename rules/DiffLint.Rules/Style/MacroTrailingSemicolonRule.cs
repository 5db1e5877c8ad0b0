using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a macro whose body ends with a semicolon.</summary>
[DiffLintRule]
public sealed class MacroTrailingSemicolonRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3061",
        name: "macro-trailing-semicolon",
        title: "Macro ending with a semicolon",
        messageFormat: "macros should not use a trailing semicolon",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "TRAILING_SEMICOLON",
        documentation: """
            ## What it does
            Reports, on the `#define` line, an added macro whose body ends with `;`. A function-like macro of the
            form `do { ... } while (0);` is left out, as in checkpatch, which reports that form under its own name.

            ## Why it matters
            The caller writes the `;`: with one in the macro, `if (x) FOO(); else bar();` does not compile, and
            `FOO();` expands to an empty statement that some compilers warn about.

            ## Example
            ```diff
            +#define FOO_WRITE(p, v)	writel((v), (p)->base);
            ```

            ## Configuration
            Kernel, git and U-Boot profiles (QEMU's checkpatch has no such check).
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterMacroAction(Analyze);

    private void Analyze(MacroContext context)
    {
        var macro = context.Macro;
        var fragment = context.Fragment;
        if (macro.Directive < 0 || macro.NameToken < 0 || macro.BodyFirst < 0 || !CodeTokens.IsOnNewLine(fragment, macro.Directive)) return;
        if (!fragment.Tokens[macro.BodyLast].IsSymbol(';') || DoWhileZeroMacro.BlockOpen(fragment, macro) >= 0) return;
        context.Report(Descriptor, fragment.Tokens.ItemRef(macro.NameToken));
    }
}
