using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>extern on a function prototype in a header.</summary>
[DiffLintRule]
public sealed class AvoidExternsRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3115",
        name: "avoid-externs",
        title: "extern on a function prototype in a header",
        messageFormat: "extern prototypes should be avoided in .h files",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "AVOID_EXTERNS",
        documentation: """
            ## What it does
            Reports an added line of a `.h` file that starts with `extern`, a type and a name followed by `(`: a function
            prototype marked `extern`, which it is anyway. Variables (`extern int debug;`) are left alone. The type must be
            one checkpatch knows without reading the tree (C types, `struct`/`union`/`enum` tags, names ending in `_t`,
            the kernel's `u8`…`s64`), pointers and qualifiers included.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            Function declarations have external linkage by default; kernel headers leave the keyword out, and strict
            maintainers ask new prototypes to follow.

            ## Example
            ```diff
            +extern int acme_register(struct acme *acme);
            ```

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "extern");

    /// <summary><c>extern</c> starting a line of a header, then a type and a name followed by <c>(</c>.</summary>
    private void Analyze(CTokenContext context)
    {
        var fragment = context.Fragment;
        ref readonly var line = ref fragment.Lines.ItemRef(context.Line);
        var first = context.Index;
        var end = line.EndToken;
        if (first != line.FirstToken || line.TokenCount < 4 || !context.Source.File.Path.EndsWith(".h", StringComparison.Ordinal)) return;
        var tokens = fragment.Tokens;
        var typeEnd = CDeclarationShape.TypeEnd(fragment, first + 1, end);
        if (typeEnd < 0 || typeEnd + 1 >= end || !CDeclarationShape.IsWord(tokens[typeEnd]) || !tokens[typeEnd + 1].IsSymbol('(')) return;
        context.Report(Descriptor);
    }
}
