using System.Collections.Immutable;
using System.Text.RegularExpressions;
using DiffLint.Core.Analysis;

namespace DiffLint.Rules.Layout;

/// <summary>Reports a <c>SYM_*_START</c>/<c>SYM_*_END</c> annotation of a <c>.L</c> local label in an assembly file.</summary>
[DiffLintRule]
public sealed partial class AsmLocalSymbolRule : PatchRule
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

    private static void Analyze(AddedLineContext context)
    {
        if (!context.File.Path.EndsWith(".S", StringComparison.Ordinal) || context.Text.IndexOf("SYM_", StringComparison.Ordinal) < 0) return;
        if (Message.CommitLog.IsMatch(LocalSymbolAnnotation(), context.Text)) context.Report(Descriptor, 0, context.Text.Length, null);
    }

    /// <summary>checkpatch's pattern for the annotation; assembly is not C, so the line is read as text.</summary>
    [GeneratedRegex(@"^\s*(?:[A-Z]+_)?SYM_[A-Z]+_(?:START|END)(?:_[A-Z_]+)?\s*\(\s*\.L", RegexOptions.None, Message.CommitLog.RegexTimeoutMilliseconds)]
    private static partial Regex LocalSymbolAnnotation();
}
