using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a macro that wraps a single statement in <c>do { } while (0)</c>.</summary>
[DiffLintRule]
public sealed class SingleStatementDoWhileMacroRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3225",
        name: "single-statement-do-while-macro",
        title: "do-while(0) around a single statement",
        messageFormat: "Single statement macros should not use a do {} while (0) loop",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "SINGLE_STATEMENT_DO_WHILE_MACRO",
        documentation: """
            ## What it does
            Reports, on the `#define` line, an added macro whose body is `do { ... } while (0)` (after its
            parameters) with exactly one `;` inside the braces, unless the first statement there is an `if`,
            `while`, `for` or `switch`, as kernel checkpatch counts it: semicolons in strings, characters and
            comments do not count, those in a nested block or a `for` header do. Not in `vmlinux.lds.h`.

            ## Why it matters
            `do { } while (0)` lets a macro of several statements stand where one statement is expected. Around a
            single expression it only hides the expression's value and makes the macro unusable in an expression;
            the statement alone, in parentheses if needed, does the same job.

            ## Example
            ```diff
            +#define foo_reset(f)	do { writel(0, (f)->base); } while (0)
            ```
            Write `#define foo_reset(f)	writel(0, (f)->base)`.

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
        var tokens = fragment.Tokens;
        // Reported on the #define line: a macro whose directive the patch does not add is not looked at.
        if (macro.Directive < 0 || macro.NameToken < 0 || !fragment.Lines.ItemRef(tokens[macro.Directive].Line).IsJudged) return;
        if (context.Source.File.Path.EndsWith("/vmlinux.lds.h", StringComparison.Ordinal)) return;
        var open = DoWhileZeroMacro.BlockOpen(fragment, macro);
        if (open < 0) return;
        var close = fragment.Structure.MatchOf(open);
        var first = CodeTokens.Next(fragment, open);
        if (first < close && tokens[first].Kind == CTokenKind.Keyword && fragment.TextOf(tokens[first]) is "if" or "while" or "for" or "switch") return;
        var semicolons = 0;
        for (var t = open + 1; t < close; t++)
        {
            if (tokens[t].IsSymbol(';')) semicolons++;
        }

        if (semicolons == 1) context.Report(Descriptor, tokens.ItemRef(macro.NameToken));
    }
}
