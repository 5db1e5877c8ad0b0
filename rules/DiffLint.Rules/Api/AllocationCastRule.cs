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

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        foreach (var fragment in context.Fragments)
        {
            for (var line = 0; line < fragment.Lines.Length; line++)
            {
                if (!fragment.Lines[line].IsJudged) continue;
                var code = LineCode.Of(fragment, line);
                for (var t = 2; t < code.Length; t++)
                {
                    if (code[t].Kind != CTokenKind.Identifier || !code[t - 1].IsSymbol(')') || !code[t - 2].IsSymbol('*') ||
                        !KernelAllocators.IsAllocator(fragment.TextOf(code[t]))) continue;
                    context.Report(Descriptor, fragment, code[t]);
                    break;
                }
            }
        }
    }
}
