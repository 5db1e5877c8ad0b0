using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a blank between a function (or function-like macro, or <c>sizeof</c>) name and its <c>(</c>.</summary>
[DiffLintRule]
public sealed class FunctionNameParenRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3008",
        name: "function-name-paren-spacing",
        title: "Space between a function name and its parenthesis",
        messageFormat: "space prohibited between function name '{0}' and open parenthesis '('",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "SPACING",
        checkpatchMessage: "space prohibited between function name and open parenthesis '('",
        qemuCheckpatchType: "Q_SPACE_FUNC_PAREN",
        documentation: """
            ## What it does
            Reports `name (` on one line where `name` is a function being called or declared, a function-like
            macro, `defined` or `sizeof`/`typeof`/`alignof`. Statement keywords (`if`, `return`...), `__attribute__`,
            `asm`, type names (`int (*fn)(void)`), function-pointer declarators (`name (*`) and the name of an
            object-like `#define NAME (x)` are accepted.

            ## Why it matters
            Kernel and QEMU style write calls as `f(x)`; GNU style `f (x)` stands out in their trees.

            ## Example
            ```diff
            +	fprintf (ie->output, "%s", op->tty);
            +	buf = calloc (1, sizeof (bitset_t));
            ```

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterSymbolAction(Analyze, "(");

    /// <summary>A <c>(</c> a blank away from the name or keyword right before it on the line.</summary>
    private void Analyze(CTokenContext context)
    {
        var fragment = context.Fragment;
        var i = context.Index - 1;
        if (i < 0) return;
        var token = fragment.Tokens[i];
        if (token.IsUncertain || token.Kind is not (CTokenKind.Identifier or CTokenKind.Keyword)) return;
        if (token.Line != context.Line || context.Token.Start == token.End) return;
        if (IsNamedCall(fragment, i)) context.Source.Report(Descriptor, fragment, token, fragment.TextOf(token).ToString());
    }

    private static bool IsNamedCall(CFragment fragment, int index)
    {
        var token = fragment.Tokens[index];
        var name = fragment.TextOf(token);
        if (token.Kind == CTokenKind.Keyword) return name is "sizeof" or "typeof" or "__typeof__" or "alignof" or "_Alignof" or "__alignof__";
        if (name is "__attribute__" or "__attribute" or "format" or "__volatile__" or "asm" or "__asm__") return false;
        if (TokenSpacing.IsTypeName(fragment, index)) return false;
        var after = index + 2 < fragment.Tokens.Length ? fragment.Tokens[index + 2] : default;
        if (after.IsSymbol('*') || after.IsSymbol('^')) return false;
        var before = CodeTokens.Previous(fragment, index);
        return before < 0 || fragment.Tokens[before].Kind != CTokenKind.Preprocessor || !fragment.TextOf(fragment.Tokens[before]).EndsWith("define");
    }
}
