using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>0x</c> written before a decimal conversion (<c>"0x%d"</c>).</summary>
[DiffLintRule]
public sealed class HexPrefixedDecimalRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new("DL3186", "printf-0x-decimal", "0x before a decimal conversion",
        "Prefixing 0x with decimal output is defective", "Api", Severity.Error, """
            ## What it does
            Reports a string literal holding `0x` right before a decimal conversion (`d i o u`, with any flags, width,
            precision and `l z t h` length modifiers between, such as `0x%08u`), once per string; `%%` is not a
            conversion.

            ## Why it matters
            The reader takes the number for hexadecimal: `0x10` printed for sixteen reads as 16 and is wrong by a
            factor in every log and bug report. Use `%x` (or `%#x`) for a hexadecimal value.

            ## Example
            ```diff
            +	dev_info(dev, "reg 0x%d = 0x%x\n", reg, val);
            ```
            Write `0x%x` for both.

            ## Configuration
            Kernel and U-Boot profiles.
            """, checkpatchType: "PRINTF_0XDECIMAL", profiles: ["kernel", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterTokenAction(Analyze, CTokenKind.String);

    private void Analyze(CTokenContext literal)
    {
        if (PrintfConversions.HasHexPrefixedDecimal(literal.Fragment, literal.Token)) literal.Report(Descriptor);
    }
}
