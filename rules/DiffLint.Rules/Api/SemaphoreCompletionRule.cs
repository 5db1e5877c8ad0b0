using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports a semaphore initialised locked (<c>sema_init(&amp;s, 0)</c>): a completion in disguise.</summary>
[DiffLintRule]
public sealed class SemaphoreCompletionRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3181", "consider-completion", "Semaphore initialised locked",
        "consider using a completion", "CONSIDER_COMPLETION", """
            ## What it does
            Reports a line starting with `sema_init` (or a name that begins so) whose last argument is `0`: a
            `, 0)` on the line, as checkpatch reads it (at most one blank on either side of the `0`).

            ## Why it matters
            A semaphore that starts locked is used to wait for an event another thread signals: that is what a
            completion is for. `complete()`/`wait_for_completion()` say so, are lighter, and are understood by
            lockdep.

            ## Example
            ```diff
            +	sema_init(&priv->done, 0);
            ```
            Write `init_completion(&priv->done);`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCodeLinePrefixAction(Analyze, "sema_init");

    private void Analyze(CodeLineContext line)
    {
        var code = line.Code;
        if (code.Length < 4 || code[0].Kind != CTokenKind.Identifier || !line.TextOf(code[0]).StartsWith("sema_init")) return;
        for (var t = 1; t + 2 < code.Length; t++)
        {
            if (code[t].IsSymbol(',') && code[t + 1].Kind == CTokenKind.Number && line.TextOf(code[t + 1]) is "0" && code[t + 2].IsSymbol(')')
                && code[t + 1].Start - code[t].End <= 1 && code[t + 2].Start - code[t + 1].End <= 1)
            {
                line.Report(Descriptor, code[0]);
                return;
            }
        }
    }
}
