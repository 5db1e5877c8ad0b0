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

    private static void Analyze(MacroContext context)
    {
        var macro = context.Macro;
        var fragment = context.Fragment;
        if (macro.Directive < 0 || macro.NameToken < 0 || macro.BodyFirst < 0 || !CodeTokens.IsOnNewLine(fragment, macro.Directive)) return;
        if (!fragment.Tokens[macro.BodyLast].IsSymbol(';') || IsDoWhileZero(fragment, macro)) return;
        context.Report(Descriptor, fragment.Tokens.ItemRef(macro.NameToken));
    }

    /// <summary>
    /// After a bracketed group (the parameters, or a first group of the body), the body is
    /// <c>do { ... } while (0)</c> followed only by semicolons.
    /// </summary>
    private static bool IsDoWhileZero(CFragment fragment, in CMacro macro)
    {
        var tokens = fragment.Tokens;
        var structure = fragment.Structure;
        var t = macro.BodyFirst;
        if (!macro.IsFunctionLike)
        {
            if (!tokens[t].IsSymbol('(')) return false;
            var group = structure.MatchOf(t);
            if (group < 0 || group >= macro.BodyLast) return false;
            t = CodeTokens.Next(fragment, group);
        }

        if (!fragment.Is(tokens[t], "do")) return false;
        var open = CodeTokens.Next(fragment, t);
        if (open < 0 || !tokens[open].IsSymbol('{')) return false;
        var close = structure.MatchOf(open);
        var keyword = close >= 0 ? CodeTokens.Next(fragment, close) : -1;
        if (keyword < 0 || !fragment.Is(tokens[keyword], "while")) return false;
        var paren = CodeTokens.Next(fragment, keyword);
        var zero = paren >= 0 ? CodeTokens.Next(fragment, paren) : -1;
        var shut = zero >= 0 ? CodeTokens.Next(fragment, zero) : -1;
        if (shut < 0 || !tokens[paren].IsSymbol('(') || !fragment.Is(tokens[zero], "0") || !tokens[shut].IsSymbol(')')) return false;
        for (var s = CodeTokens.Next(fragment, shut); s >= 0 && s <= macro.BodyLast; s = CodeTokens.Next(fragment, s))
        {
            if (!tokens[s].IsSymbol(';')) return false;
        }

        return true;
    }
}
