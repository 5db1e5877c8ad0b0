using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>seq_printf(m, "constant text");</c>: <c>seq_puts()</c> prints a string without parsing it.</summary>
[DiffLintRule]
public sealed class SeqPutsRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3208", "prefer-seq-puts", "seq_printf() of a constant string",
        "Prefer seq_puts to seq_printf", "PREFER_SEQ_PUTS", """
            ## What it does
            Reports a line calling `seq_printf()` that ends with a string literal, `)` and `;`, when the line's first
            string literal has no conversion (`%%` being a literal percent sign), as checkpatch reads it.

            ## Why it matters
            `seq_printf()` parses its format; with nothing to format `seq_puts()` copies the string directly, and a
            literal that later gains a `%` cannot be misread as a conversion.

            ## Example
            ```diff
            +	seq_printf(m, "none\n");
            ```
            Write `seq_puts(m, "none\n");`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCallAction(Analyze, "seq_printf");

    private void Analyze(CallContext call)
    {
        var code = call.Code;
        if (code.Length < 3 || code[^3].Kind != CTokenKind.String || !code[^2].IsSymbol(')') || !code[^1].IsSymbol(';')
            || !CallsOnLine.IsFirst(call))
            return;
        foreach (ref readonly var token in code)
        {
            if (token.Kind != CTokenKind.String) continue;
            if (!HasConversion(call.TextOf(token))) call.Report(Descriptor);
            return;
        }
    }

    /// <summary>True when the literal holds a '%' that is not half of a "%%".</summary>
    private static bool HasConversion(ReadOnlySpan<char> literal)
    {
        for (var at = 0; at < literal.Length; at++)
        {
            if (literal[at] != '%') continue;
            if (at + 1 < literal.Length && literal[at + 1] == '%') at++;
            else return true;
        }

        return false;
    }
}
