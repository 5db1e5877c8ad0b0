using System.Collections.Immutable;
using DiffLint.Rules.Message;
using DiffLint.Core.Analysis;

namespace DiffLint.Rules.Layout;

/// <summary>Reports a <c>SYM_*_START</c>/<c>SYM_*_END</c> annotation of a <c>.L</c> local label in an assembly file.</summary>
[DiffLintRule]
public sealed class AsmLocalSymbolRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL2035",
        name: "asm-local-symbol-annotation",
        title: "SYM_* annotation of a .L local symbol",
        messageFormat: "Avoid using '.L' prefixed local symbol names for denoting a range of code via 'SYM_*_START/END' annotations; see Documentation/core-api/asm-annotations.rst",
        category: "Layout",
        defaultSeverity: Severity.Warning,
        checkpatchType: "AVOID_L_PREFIX",
        profiles: ["kernel"],
        documentation: """
            ## What it does
            Reports an added line of a `.S` file that opens or closes a `SYM_*_START`/`SYM_*_END` annotation
            (`SYM_FUNC_START(`, `SYM_CODE_END(`, `SYM_INNER_LABEL_ALIGN(` ... with an optional `ASM_` style prefix)
            on a symbol whose name starts with `.L`, as checkpatch's AVOID_L_PREFIX does.

            ## Why it matters
            The assembler drops `.L` symbols from the object file, so objtool, the unwinder and the symbol tables
            cannot see the range the annotation is meant to describe. Use `SYM_FUNC_START_LOCAL()` with an ordinary
            name, or a plain `.L` label without annotation.

            ## Example
            ```
            +SYM_CODE_START(.Lcopy_loop)
            ```

            ## Configuration
            Kernel profile only.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterAddedLineAction(Analyze);

    private void Analyze(AddedLineContext context)
    {
        if (!context.File.Path.EndsWith(".S", StringComparison.Ordinal) || context.Text.IndexOf("SYM_", StringComparison.Ordinal) < 0) return;
        if (IsLocalSymbolAnnotation(context.Text)) context.Report(Descriptor, 0, context.Text.Length, null);
    }

    /// <summary>
    /// checkpatch's pattern for the annotation, <c>^\s*(?:[A-Z]+_)?SYM_[A-Z]+_(?:START|END)(?:_[A-Z_]+)?\s*\(\s*\.L</c>,
    /// read in one pass per place the <c>SYM_</c> may start (assembly is not C, so the line is read as text): each run
    /// of capitals ends where the next part's first character cannot continue it.
    /// </summary>
    private static bool IsLocalSymbolAnnotation(ReadOnlySpan<char> text)
    {
        var start = CommitLog.WhiteSpaceRun(text, 0);
        var prefix = CapitalRun(text, start);
        return (prefix > 0 && start + prefix < text.Length && text[start + prefix] == '_' && IsAnnotationAt(text, start + prefix + 1))
               || IsAnnotationAt(text, start);
    }

    /// <summary><c>SYM_[A-Z]+_(?:START|END)(?:_[A-Z_]+)?\s*\(\s*\.L</c> at <paramref name="start"/>.</summary>
    private static bool IsAnnotationAt(ReadOnlySpan<char> text, int start)
    {
        if (!text[start..].StartsWith("SYM_", StringComparison.Ordinal)) return false;
        var k = start + 4;
        var kind = CapitalRun(text, k);
        if (kind == 0) return false;
        k += kind;
        if (k >= text.Length || text[k] != '_') return false;
        var edge = text[++k..];
        if (edge.StartsWith("START", StringComparison.Ordinal)) k += 5;
        else if (edge.StartsWith("END", StringComparison.Ordinal)) k += 3;
        else return false;
        if (k + 1 < text.Length && text[k] == '_' && IsCapitalOrUnderscore(text[k + 1]))
        {
            k++;
            while (k < text.Length && IsCapitalOrUnderscore(text[k])) k++;
        }

        k += CommitLog.WhiteSpaceRun(text, k);
        if (k >= text.Length || text[k] != '(') return false;
        k++;
        k += CommitLog.WhiteSpaceRun(text, k);
        return text[k..].StartsWith(".L", StringComparison.Ordinal);
    }

    private static int CapitalRun(ReadOnlySpan<char> text, int start)
    {
        var end = start;
        while (end < text.Length && char.IsAsciiLetterUpper(text[end])) end++;
        return end - start;
    }

    private static bool IsCapitalOrUnderscore(char c) => char.IsAsciiLetterUpper(c) || c == '_';
}
