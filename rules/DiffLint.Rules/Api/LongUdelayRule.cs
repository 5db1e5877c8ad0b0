using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;
using DiffLint.Rules.Style;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>udelay(N)</c> with N over 2000 microseconds.</summary>
[DiffLintRule]
public sealed class LongUdelayRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3175", "long-udelay", "udelay() over 2 ms",
        "long udelay - prefer mdelay; see arch/arm/include/asm/delay.h", "LONG_UDELAY", """
            ## What it does
            Reports `udelay(N)` with N a decimal constant over 2000. As in checkpatch only the first `udelay(N)` of a
            line is looked at, and a delay given as an expression or with a suffix (`udelay(5000UL)`) is not judged.

            ## Why it matters
            Some architectures compute `udelay()` with a multiplication that overflows for long delays (ARM
            refuses to build `udelay()` over 2 ms with a constant); `mdelay()` loops over shorter delays. A wait this
            long should usually sleep (`usleep_range()`, `msleep()`) instead of spinning.

            ## Example
            ```diff
            +	udelay(5000);
            ```
            Write `mdelay(5);`, or sleep when the context allows it.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "udelay");

    private void Analyze(CTokenContext name)
    {
        var fragment = name.Fragment;
        if (!UsleepRangeRule.IsLiteralDelay(fragment, name.Index) || !FirstOnLine.Is(fragment, name.Index, UsleepRangeRule.IsLiteralDelay)) return;
        var digits = fragment.TextOf(fragment.Tokens[name.Index + 2]).TrimStart('0');
        if (digits.Length > 4 || (digits.Length == 4 && int.Parse(digits, provider: System.Globalization.CultureInfo.InvariantCulture) > 2000))
            name.Report(Descriptor);
    }
}
