using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports a pointer cast of a <c>g_malloc()</c>/<c>g_realloc()</c> result.</summary>
[DiffLintRule]
public sealed class GMallocCastRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = QemuApiDescriptor.Create("DL4009", "g-malloc-cast", "Cast of a g_malloc result",
        "Unnecessary cast may hide bugs, use g_new/g_new0/g_try_new/g_renew instead of casting {0}()", "Q_G_MALLOC_CAST", """
            ## What it does
            Reports `(T *)g_malloc(...)`, and the same cast of `g_malloc0`, `g_try_malloc`, `g_try_malloc0`,
            `g_realloc`, `g_try_realloc` and their `_n` variants.

            ## Why it matters
            The cast silences the compiler when the size does not match the type; `g_new(T, n)` computes the size
            from the type, checks the multiplication for overflow and returns a `T *` without a cast.

            ## Example
            ```diff
            +    s = (State *)g_malloc0(sizeof(State));
            ```
            Write `s = g_new0(State, 1);`.

            ## Configuration
            QEMU profile only.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    /// <summary><c>g_[try_]{malloc,malloc0,realloc}[_n]</c>.</summary>
    private static readonly string[] Allocators =
    [
        "g_malloc", "g_malloc0", "g_realloc", "g_try_malloc", "g_try_malloc0", "g_try_realloc",
        "g_malloc_n", "g_malloc0_n", "g_realloc_n", "g_try_malloc_n", "g_try_malloc0_n", "g_try_realloc_n",
    ];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCallAction(Analyze, Allocators);

    /// <summary>Reports from the cast's <c>(</c> to the allocator's name.</summary>
    private void Analyze(CallContext call)
    {
        var tokens = call.Fragment.Tokens.AsSpan();
        var name = call.Name;
        if (name < 3 || !tokens[name - 1].IsSymbol(')') || !tokens[name - 2].IsSymbol('*')) return;
        var open = name - 3;
        while (open >= 0 && !tokens[open].IsSymbol('(')) open--;
        if (open < 0) return;
        call.Source.Report(Descriptor, call.Fragment, tokens[open].Line, tokens[open].Start, call.NameToken.End, null, call.Callee.ToString());
    }
}
