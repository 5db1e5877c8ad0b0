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

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        foreach (var fragment in context.Fragments)
        {
            var tokens = fragment.Tokens.AsSpan();
            for (var t = 3; t < tokens.Length; t++)
            {
                ref readonly var token = ref tokens[t];
                if (!token.IsAdded || token.Kind != CTokenKind.Identifier || !IsAllocator(fragment.TextOf(token))) continue;
                if (!CallSyntax.IsCall(fragment, tokens, t) || !tokens[t - 1].IsSymbol(')') || !tokens[t - 2].IsSymbol('*')) continue;
                var open = t - 3;
                while (open >= 0 && !tokens[open].IsSymbol('(')) open--;
                if (open < 0) continue;
                context.Report(Descriptor, fragment, tokens[open].Line, tokens[open].Start, token.End, null, fragment.TextOf(token).ToString());
            }
        }
    }

    private static bool IsAllocator(ReadOnlySpan<char> name)
    {
        if (!name.StartsWith("g_")) return false;
        name = name[2..];
        if (name.StartsWith("try_")) name = name[4..];
        if (name.EndsWith("_n")) name = name[..^2];
        return name.SequenceEqual("malloc") || name.SequenceEqual("malloc0") || name.SequenceEqual("realloc");
    }
}
