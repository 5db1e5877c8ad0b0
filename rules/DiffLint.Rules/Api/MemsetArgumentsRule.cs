using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>memset()</c> whose length is 0 or 1: the value and length were probably swapped.</summary>
[DiffLintRule]
public sealed class MemsetArgumentsRule : PatchRule
{
    private const string Documentation = """
        ## What it does
        Reads `memset(dst, value, length)` written on one line with each argument a name, member, call, constant or
        string, as checkpatch reads it: a length of `0` (or `0x0`) is an error (DL3214), a length of `1` (or `0x1`) a
        warning (DL3215).

        ## Why it matters
        `memset(buf, sizeof(buf), 0)` clears nothing: the value and the length are swapped. A one-byte memset is
        almost always the same mistake with a value of 1.

        ## Example
        ```diff
        +	memset(&cfg, sizeof(cfg), 0);
        ```
        Write `memset(&cfg, 0, sizeof(cfg));`.

        ## Configuration
        Kernel and U-Boot profiles.
        """;

    public static readonly RuleDescriptor ZeroLength = new("DL3214", "memset-zero-length", "memset() of zero bytes",
        "memset to 0's uses 0 as the 2nd argument, not the 3rd", "Api", Severity.Error, Documentation, checkpatchType: "MEMSET",
        profiles: ["kernel", "uboot"]);

    public static readonly RuleDescriptor OneByte = KernelApiDescriptor.Create("DL3215", "memset-one-byte", "memset() of one byte",
        "single byte memset is suspicious. Swapped 2nd/3rd argument?", "MEMSET", Documentation);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [ZeroLength, OneByte];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCallAction(Analyze, "memset");

    private void Analyze(CallContext call)
    {
        var fragment = call.Fragment;
        var code = call.Code;
        var t = call.CodeIndex + 2;
        for (var argument = 0; argument < 2; argument++)
        {
            t = FunctionArguments.End(fragment, code, t);
            if (t < 0 || t + 1 >= code.Length || !code[t].IsSymbol(',')) return;
            t++;
        }

        if (t + 1 >= code.Length || code[t].Kind != CTokenKind.Number || !code[t + 1].IsSymbol(')')) return;
        var length = call.TextOf(code[t]);
        if (length is "0" or "0x0" or "0X0") call.Report(ZeroLength);
        else if (length is "1" or "0x1" or "0X1") call.Report(OneByte);
    }
}
