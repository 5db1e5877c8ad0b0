using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports a pointer cast of a kernel allocator's result: <c>(struct foo *)kmalloc(...)</c>.</summary>
[DiffLintRule]
public sealed class AllocationCastRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3099", "allocation-cast", "Cast of an allocator's result",
        "unnecessary cast may hide bugs, see http://c-faq.com/malloc/mallocnocast.html", "UNNECESSARY_CASTS", """
            ## What it does
            Reports a pointer cast (`... *)`) right before a call to a kernel allocator: `kmalloc()`, `kzalloc()`,
            `kcalloc()`, `kmalloc_array()`, `vmalloc()`, `kvzalloc()`, their `devm_` and `_node` forms, `kstrdup()`,
            `kmemdup()`, `*alloc_skb()` and `dma_alloc_coherent()`.

            ## Why it matters
            The allocators return `void *`, which converts to any object pointer in C. The cast adds nothing, and it
            silences the compiler when the assignment's type changes and the cast no longer matches.

            ## Example
            ```diff
            +	buf = (u8 *)kzalloc(len, GFP_KERNEL);
            ```
            Write `buf = kzalloc(len, GFP_KERNEL);`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterSymbolAction(Analyze, "*");

    // The allocators are a pattern (any *alloc_skb), not a list of names to register: the cast's '*' is the anchor.
    private void Analyze(CTokenContext star)
    {
        var name = star.CodeIndex + 2;
        if (IsCastAllocation(star.Fragment, star.Code, name) && FirstOnLine.Is(IsCastAllocation, star.Fragment, star.Code, name))
            star.Source.Report(Descriptor, star.Fragment, star.Code[name]);
    }

    /// <summary>An allocator's name right after <c>*)</c>.</summary>
    private static bool IsCastAllocation(CFragment fragment, ReadOnlySpan<CToken> code, int name) =>
        name >= 2 && name < code.Length && code[name - 1].IsSymbol(')') && code[name - 2].IsSymbol('*') &&
        code[name].Kind == CTokenKind.Identifier && KernelAllocators.IsAllocator(fragment.TextOf(code[name]));
}
