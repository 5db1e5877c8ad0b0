using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>if (p)</c> guarding a call that accepts NULL: <c>kfree(p);</c> on the next line.</summary>
[DiffLintRule]
public sealed class NeedlessIfRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3194", "needless-if", "NULL test before a NULL-safe release",
        "{0}(NULL) is safe and this check is probably not required", "NEEDLESS_IF", """
            ## What it does
            Reports `kfree(x);`, `usb_free_urb(x);`, `debugfs_remove(x);`, `debugfs_remove_recursive(x);`,
            `kmem_cache_destroy(x);`, `mempool_destroy(x);` or `dma_pool_destroy(x);` when the line before holds
            `if (x)` with the same `x` (a name with `->`, `.` and `[...]` members).

            ## Why it matters
            These functions return at once when given NULL; the test repeats theirs and adds a branch and two
            lines to read.

            ## Example
            ```diff
            +	if (priv->buf)
            +		kfree(priv->buf);
            ```
            Write `kfree(priv->buf);`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterCallAction(Analyze, RegisteredNames.Of("kfree", "usb_free_urb", "debugfs_remove", "debugfs_remove_recursive",
            "kmem_cache_destroy", "mempool_destroy", "dma_pool_destroy"));

    private void Analyze(CallContext call)
    {
        var fragment = call.Fragment;
        var code = call.Code;
        var open = call.CodeIndex + 1;
        var close = LineCode.LvalueEnd(fragment, code, open + 1);
        if (close < 0 || close + 1 >= code.Length || !code[close].IsSymbol(')') || !code[close + 1].IsSymbol(';')) return;
        var line = call.NameToken.Line;
        if (line == 0) return;
        var argument = fragment.Lines.ItemRef(line).Text[code[open + 1].Start..code[close - 1].End];
        // The line before is read only when it has an 'if' (a kfree() line rarely follows one).
        if (!HasIf(fragment, fragment.TokensOf(line - 1))) return;
        using var previousCode = LineCode.Of(fragment, line - 1);
        ReadOnlySpan<CToken> previous = previousCode;
        for (var t = 0; t + 1 < previous.Length; t++)
        {
            if (previous[t].Kind != CTokenKind.Keyword || !fragment.Is(previous[t], "if") || !previous[t + 1].IsSymbol('(')) continue;
            var end = LineCode.LvalueEnd(fragment, previous, t + 2);
            if (end < 0 || end >= previous.Length || !previous[end].IsSymbol(')')) continue;
            var tested = fragment.Lines.ItemRef(line - 1).Text[previous[t + 2].Start..previous[end - 1].End];
            if (tested.SequenceEqual(argument))
            {
                call.Report(Descriptor, call.Callee.ToString());
                return;
            }
        }
    }

    private static bool HasIf(CFragment fragment, ReadOnlySpan<CToken> tokens)
    {
        foreach (ref readonly var token in tokens)
        {
            if (token.Kind == CTokenKind.Keyword && fragment.Is(token, "if")) return true;
        }

        return false;
    }
}
