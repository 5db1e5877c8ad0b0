using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports a log continuation: <c>pr_cont()</c> or <c>printk(KERN_CONT ...)</c>.</summary>
[DiffLintRule]
public sealed class LoggingContinuationRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3173", "logging-continuation", "Log continuation",
        "Avoid logging continuation uses where feasible", "LOGGING_CONTINUATION", """
            ## What it does
            Reports calls to `pr_cont()` and `printk()` whose first argument is `KERN_CONT`, once per line.

            ## Why it matters
            A continuation is appended to the last message only if nothing else logged in between: on an SMP
            machine, or from an interrupt, another CPU's message lands in the middle and both come out garbled.
            Build the whole line in a buffer and print it with one call.

            ## Example
            ```diff
            +	for (i = 0; i < n; i++)
            +		pr_cont(" %02x", buf[i]);
            ```
            Print the bytes with `print_hex_dump()` or `%*ph`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterCallAction(Analyze, RegisteredNames.Of("pr_cont", "printk"));

    private void Analyze(CallContext call)
    {
        if (IsContinuation(call.Fragment, call.Code, call.CodeIndex) && FirstOnLine.Is(IsContinuation, call.Fragment, call.Code, call.CodeIndex))
            call.Report(Descriptor);
    }

    /// <summary><c>pr_cont(</c>, or <c>printk(KERN_CONT</c>, at <paramref name="t"/> of the line's code.</summary>
    private static bool IsContinuation(CFragment fragment, ReadOnlySpan<CToken> code, int t)
    {
        if (code[t].Kind != CTokenKind.Identifier || t + 1 >= code.Length || !code[t + 1].IsSymbol('(')) return false;
        var name = fragment.TextOf(code[t]);
        if (name is "pr_cont") return true;
        return name is "printk" && t + 2 < code.Length && fragment.Is(code[t + 2], "KERN_CONT");
    }
}
