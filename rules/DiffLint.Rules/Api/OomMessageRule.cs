using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports an error message printed when a kernel allocation fails: the allocator has already warned.</summary>
[DiffLintRule]
public sealed class OomMessageRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3097", "oom-message", "Out-of-memory message",
        "Possible unnecessary 'out of memory' message", "OOM_MESSAGE", """
            ## What it does
            Reports a logging call (`dev_err()`, `pr_err()`, `netdev_warn()`, `printk()`...) on the line right after
            `if (!p)` or `if (p == NULL)`, when the statement before that `if` assigns `p` the result of a kernel
            allocator (`kmalloc()`, `kzalloc()`, `kcalloc()`, `vmalloc()`, `devm_kzalloc()`, `kstrdup()`,
            `kmemdup()`, `*alloc_skb()`, `dma_alloc_coherent()`...) without `__GFP_NOWARN`.

            ## Why it matters
            A failed allocation already prints a warning with a stack trace and the memory state; the driver's own
            "out of memory" message adds nothing but bytes to the kernel image.

            ## Example
            ```diff
            +	priv = devm_kzalloc(dev, sizeof(*priv), GFP_KERNEL);
            +	if (!priv) {
            +		dev_err(dev, "cannot allocate memory\n");
            +		return -ENOMEM;
            +	}
            ```
            Return `-ENOMEM` without the message.

            ## Configuration
            Kernel and U-Boot profiles. As in checkpatch, the allocation is looked for where checkpatch looks: on the
            line two above the `if`, or on the line before it when the line two above is blank, a brace, or a
            statement that goes on (checkpatch's line arithmetic is one line off). So an allocation right after
            another statement (`ret = 0;` then `p = kzalloc(...);`) is not checked.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCodeLineAction(Analyze);

    private void Analyze(CodeLineContext message)
    {
        // Called for every line: the if on the line above is the cheap first test, the log call (a regex) the last.
        var fragment = message.Fragment;
        var line = message.Line;
        if (line < 3 || !StartsWithIf(fragment, line - 1) || TestedForNull(fragment, line - 1) is not { } tested ||
            !StatementAssignsAllocation(fragment, line - 3, tested)) return;
        var log = LogCall(fragment, line);
        if (log >= 0) message.Report(Descriptor, fragment.Tokens[log]);
    }

    private static bool StartsWithIf(CFragment fragment, int line)
    {
        foreach (ref readonly var token in fragment.TokensOf(line))
        {
            if (token.IsCode) return token.Kind == CTokenKind.Keyword && fragment.Is(token, "if");
        }

        return false;
    }

    /// <summary>The fragment index of the first logging function called on the line, or -1.</summary>
    private static int LogCall(CFragment fragment, int line)
    {
        var first = fragment.Lines[line].FirstToken;
        var tokens = fragment.TokensOf(line);
        for (var t = 0; t + 1 < tokens.Length; t++)
        {
            if (tokens[t].Kind == CTokenKind.Identifier && tokens[t + 1].IsSymbol('(') && LogFunctions.Is(fragment.TextOf(tokens[t]))) return first + t;
        }

        return -1;
    }

    /// <summary>
    /// For a line starting <c>if (!X)</c>, <c>if (X == NULL)</c> or <c>if (NULL == X)</c>, X an lvalue, the texts of
    /// X's tokens; otherwise null.
    /// </summary>
    private static string[]? TestedForNull(CFragment fragment, int line)
    {
        using var code = LineCode.Of(fragment, line);
        if (code.Length < 4 || !fragment.Is(code[0], "if") || !code[1].IsSymbol('(')) return null;
        var t = 2;
        var negated = code[t].IsSymbol('!');
        var nullFirst = !negated && fragment.Is(code[t], "NULL") && t + 1 < code.Length && fragment.Is(code[t + 1], "==");
        if (negated) t++;
        else if (nullFirst) t += 2;
        var end = LineCode.LvalueEnd(fragment, code, t);
        if (end < 0 || end >= code.Length) return null;
        var after = end;
        var nullAfter = !negated && !nullFirst && after + 1 < code.Length && fragment.Is(code[after], "==") && fragment.Is(code[after + 1], "NULL");
        if (nullAfter) after += 2;
        if ((!negated && !nullFirst && !nullAfter) || after >= code.Length || !code[after].IsSymbol(')')) return null;
        var names = new string[end - t];
        for (var k = 0; k < names.Length; k++) names[k] = fragment.TextOf(code[t + k]).ToString();
        return names;
    }

    /// <summary>
    /// checkpatch reads the statement that starts three lines above the message (its line numbers count one line too
    /// many): the allocation is found when that line is blank, a brace or the start of a longer statement and the
    /// allocation follows, or when the allocation itself is on that line. So an allocation right after another
    /// statement is not checked; DiffLint reads the same lines, to report what checkpatch reports.
    /// </summary>
    private static bool StatementAssignsAllocation(CFragment fragment, int start, string[] tested)
    {
        if (AssignsAllocation(fragment, start, tested)) return true;
        using var code = LineCode.Of(fragment, start);
        return (code.IsEmpty || !code[^1].IsSymbol(';')) && AssignsAllocation(fragment, start + 1, tested);
    }

    /// <summary>True when the line assigns <paramref name="tested"/> (after optional type words) the result of an allocator, without <c>__GFP_NOWARN</c>.</summary>
    private static bool AssignsAllocation(CFragment fragment, int line, string[] tested)
    {
        using var code = LineCode.Of(fragment, line);
        var t = 0;
        for (; t < code.Length && !Matches(fragment, code, t, tested); t++)
        {
            if (!(code[t].Kind is CTokenKind.Identifier or CTokenKind.Keyword || code[t].IsSymbol('*'))) return false;
        }

        t += tested.Length;
        if (t >= code.Length || !code[t].IsSymbol('=')) return false;
        t++;
        if (t < code.Length && code[t].IsSymbol('('))
        {
            var close = CallSyntax.Close(code, t);
            if (close < 0) return false;
            t = close + 1;
        }

        if (t + 1 >= code.Length || code[t].Kind != CTokenKind.Identifier || !code[t + 1].IsSymbol('(') ||
            !KernelAllocators.IsAllocator(fragment.TextOf(code[t]))) return false;
        for (var k = t; k < code.Length; k++)
        {
            if (fragment.Is(code[k], "__GFP_NOWARN")) return false;
        }

        return code[^1].IsSymbol(';') || line + 1 >= fragment.Lines.Length || !MentionsNoWarn(fragment, line + 1);
    }

    /// <summary>True when <c>__GFP_NOWARN</c> is on the line: the rest of an allocation's flags.</summary>
    private static bool MentionsNoWarn(CFragment fragment, int line)
    {
        foreach (ref readonly var token in fragment.TokensOf(line))
        {
            if (fragment.Is(token, "__GFP_NOWARN")) return true;
        }

        return false;
    }

    private static bool Matches(CFragment fragment, ReadOnlySpan<CToken> code, int at, string[] tested)
    {
        if (at + tested.Length > code.Length) return false;
        for (var k = 0; k < tested.Length; k++)
        {
            if (!fragment.TextOf(code[at + k]).SequenceEqual(tested[k])) return false;
        }

        return true;
    }
}
