using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports a sysctl bound pointing at a private <c>zero</c>, <c>one</c> or <c>int_max</c>.</summary>
[DiffLintRule]
public sealed class SysctlSharedConstantRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3192", "duplicated-sysctl-const", "Private sysctl range constant",
        "duplicated sysctl range checking value '{0}', consider using the shared one in include/linux/sysctl.h", "DUPLICATED_SYSCTL_CONST", """
            ## What it does
            Reports `.extra1 = &zero` or `.extra2 = &one` (also `&int_max`): a `ctl_table` bound that points at a
            variable of the file's own.

            ## Why it matters
            include/linux/sysctl.h has the shared bounds `SYSCTL_ZERO`, `SYSCTL_ONE`, `SYSCTL_INT_MAX` and more:
            one copy for the whole kernel, const, and recognisable to the reader.

            ## Example
            ```diff
            +		.extra1		= &zero,
            ```
            Write `.extra1 = SYSCTL_ZERO,`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterIdentifierAction(Analyze, RegisteredNames.Of("extra1", "extra2"));

    private void Analyze(CTokenContext member)
    {
        var code = member.Code;
        var t = member.CodeIndex;
        if (t == 0 || !code[t - 1].IsSymbol('.') || t + 3 >= code.Length || !code[t + 1].IsSymbol('=') || !code[t + 2].IsSymbol('&')) return;
        var value = member.TextOf(code[t + 3]);
        if (code[t + 3].Kind == CTokenKind.Identifier && value is "zero" or "one" or "int_max") member.Report(Descriptor, value.ToString());
    }
}
