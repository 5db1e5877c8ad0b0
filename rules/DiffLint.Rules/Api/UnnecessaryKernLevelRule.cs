using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports a <c>KERN_&lt;LEVEL&gt;</c> passed to a logging function that has its own level (<c>pr_err(KERN_ERR ...)</c>).</summary>
[DiffLintRule]
public sealed class UnnecessaryKernLevelRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3193", "unnecessary-kern-level", "KERN_<LEVEL> in a levelled log call",
        "Possible unnecessary {0}", "UNNECESSARY_KERN_LEVEL", """
            ## What it does
            Reports a `KERN_<LEVEL>` word after a call of a logging function (checkpatch's `$logFunctions`: `pr_err`,
            `dev_warn`, `netdev_info_once`, `WARN`, `panic`, `seq_printf`...) on a line that calls no `printk()`
            variant (`printk`, `dev_printk`, `printk_once`...), whose level argument is where `KERN_*` belongs. Like
            checkpatch it names the last `KERN_` word of the line and reports the line once.

            ## Why it matters
            `pr_err()` and `dev_err()` already give the message its level; a `KERN_ERR` in the format is printed as
            garbage or, with another level, contradicts the function's.

            ## Example
            ```diff
            +	dev_err(dev, KERN_ERR "probe failed\n");
            ```
            Write `dev_err(dev, "probe failed\n");`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCodeLinePrefixAction(Analyze, "KERN_");

    private void Analyze(CodeLineContext line)
    {
        var code = line.Code;
        // Called for the lines with a word starting KERN_: a level among them is the first test, the log functions' names the dearer one.
        if (!HasLevel(line, code)) return;
        var logCall = -1;
        var level = -1;
        for (var t = 0; t < code.Length; t++)
        {
            if (code[t].Kind != CTokenKind.Identifier) continue;
            var word = line.TextOf(code[t]);
            var called = t + 1 < code.Length && code[t + 1].IsSymbol('(');
            if (called && IsPrintk(word)) return;
            if (logCall < 0 && called && LogFunctions.Is(word)) logCall = t;
            else if (logCall >= 0 && IsLevel(word)) level = t;
        }

        if (level >= 0) line.Report(Descriptor, code[level], line.TextOf(code[level]).ToString());
    }

    private static bool HasLevel(CodeLineContext line, ReadOnlySpan<CToken> code)
    {
        foreach (ref readonly var token in code)
        {
            if (token.Kind == CTokenKind.Identifier && token.First == 'K' && IsLevel(line.TextOf(token))) return true;
        }

        return false;
    }

    /// <summary>checkpatch's <c>printk(?:_ratelimited|_once)?\s*\(</c>, which has no <c>\b</c>: <c>dev_printk</c> too.</summary>
    private static bool IsPrintk(ReadOnlySpan<char> name) =>
        name.EndsWith("printk") || name.EndsWith("printk_ratelimited") || name.EndsWith("printk_once");

    /// <summary><c>KERN_</c> and capitals.</summary>
    private static bool IsLevel(ReadOnlySpan<char> word) =>
        word.Length > 5 && word.StartsWith("KERN_") && word[5..].IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZ") < 0;
}
