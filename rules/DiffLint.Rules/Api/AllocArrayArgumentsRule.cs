using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>kcalloc(sizeof(x), n, ...)</c>: the array allocators take the count first and the size second.</summary>
[DiffLintRule]
public sealed class AllocArrayArgumentsRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3216", "alloc-array-args", "sizeof as an array allocator's count",
        "{0} uses number as first arg, sizeof is generally wrong", "ALLOC_ARRAY_ARGS", """
            ## What it does
            Reports a call of `kcalloc()`, `kmalloc_array()`, `kvcalloc()`, `kvmalloc_array()`, `calloc()`,
            `malloc_array()`, their `_node` forms and their `devm_` forms, whose first argument starts with
            `sizeof`. Once per line.

            ## Why it matters
            These allocators take the number of elements first and the element size second. The product is the
            same either way, but the overflow check and the `__alloc_size` annotations that compilers and
            FORTIFY_SOURCE read rely on the order, and a reader expects it.

            ## Example
            ```diff
            +	p = kcalloc(sizeof(*p), n, GFP_KERNEL);
            ```
            Write `kcalloc(n, sizeof(*p), GFP_KERNEL)`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    /// <summary>checkpatch's <c>(?:devm_)?((?:k|kv)?(calloc|malloc_array)(?:_node)?)</c>.</summary>
    private static readonly string[] Allocators =
        RegisteredNames.Combinations(["", "devm_"], ["", "k", "kv"], ["calloc", "malloc_array"], ["", "_node"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, Allocators);

    private void Analyze(CTokenContext name)
    {
        if (IsSizeofFirst(name.Fragment, name.Code, name.CodeIndex) && FirstOnLine.Is(IsSizeofFirst, name.Fragment, name.Code, name.CodeIndex))
            name.Report(Descriptor, name.Text.ToString());
    }

    /// <summary>An allocator's name at <paramref name="t"/>, then <c>(</c> and <c>sizeof</c>.</summary>
    private static bool IsSizeofFirst(CFragment fragment, ReadOnlySpan<CToken> code, int t) =>
        t + 2 < code.Length && code[t].Kind == CTokenKind.Identifier && code[t + 1].IsSymbol('(') && fragment.Is(code[t + 2], "sizeof")
        && IsAllocator(fragment.TextOf(code[t]));

    private static bool IsAllocator(ReadOnlySpan<char> name)
    {
        foreach (var allocator in Allocators)
        {
            if (name.SequenceEqual(allocator)) return true;
        }

        return false;
    }
}
