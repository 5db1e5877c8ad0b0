using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>msleep(N);</c> with N below 20: it sleeps for about 20 ms anyway.</summary>
[DiffLintRule]
public sealed class MsleepRule : PatchRule
{
    public static readonly RuleDescriptor Msleep = KernelApiDescriptor.Create("DL3093", "msleep-short", "msleep() below 20 ms",
        "msleep < 20ms can sleep for up to 20ms; see Documentation/timers/timers-howto.rst", "MSLEEP", """
            ## What it does
            Reports `msleep(N);` with a decimal constant N below 20, written without spaces as checkpatch reads it.

            ## Why it matters
            `msleep()` rounds up to jiffies: at HZ=100, `msleep(1)` sleeps 20 ms. Short waits use
            `usleep_range()` (or `fsleep()`), which use high-resolution timers.

            ## Example
            ```diff
            +	msleep(1);
            ```
            Write `usleep_range(1000, 2000);`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Msleep];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCallAction(Analyze, "msleep");

    private void Analyze(CallContext call)
    {
        if (IsShortSleep(call.Fragment, call.Code, call.CodeIndex + 1)) call.Report(Msleep);
    }

    /// <summary><c>(N);</c> at <paramref name="open"/> with nothing between the tokens and N a decimal below 20.</summary>
    private static bool IsShortSleep(CFragment fragment, ReadOnlySpan<CToken> code, int open)
    {
        if (open + 3 >= code.Length || code[open + 1].Kind != CTokenKind.Number || !code[open + 2].IsSymbol(')') || !code[open + 3].IsSymbol(';'))
            return false;
        if (code[open + 1].Start != code[open].End || code[open + 2].Start != code[open + 1].End || code[open + 3].Start != code[open + 2].End)
            return false;
        var digits = fragment.TextOf(code[open + 1]);
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }

        return digits.TrimStart('0').Length <= 2 && int.Parse(digits, provider: System.Globalization.CultureInfo.InvariantCulture) < 20;
    }
}
