using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports a <c>MODULE_LICENSE()</c> string the kernel does not know, and the redundant <c>"GPL v2"</c>.</summary>
[DiffLintRule]
public sealed class ModuleLicenseRule : PatchRule
{
    private const string Documentation = """
        ## What it does
        Reads `MODULE_LICENSE("...")` (one string literal): reports a license string that is not one of
        include/linux/module.h's (`GPL`, `GPL v2`, `GPL and additional rights`, `Dual BSD/GPL`, `Dual MIT/GPL`,
        `Dual MPL/GPL`, `Proprietary`) (DL3189), and `"GPL v2"`, which means the same as `"GPL"` (DL3190).

        ## Why it matters
        The module loader reads the string: an unknown one taints the kernel as proprietary and hides
        GPL-only symbols from the module. `"GPL v2"` says nothing more than `"GPL"` (the license is in the SPDX
        line; commit bf7fbeeae6db explains), and new code uses `"GPL"`.

        ## Example
        ```diff
        +MODULE_LICENSE("GPL v2");
        ```
        Write `MODULE_LICENSE("GPL");`.

        ## Configuration
        Kernel and U-Boot profiles.
        """;

    public static readonly RuleDescriptor UnknownLicense = KernelApiDescriptor.Create("DL3189", "unknown-module-license", "Unknown module license",
        "unknown module license {0}", "MODULE_LICENSE", Documentation);

    public static readonly RuleDescriptor GplVersion = KernelApiDescriptor.Create("DL3190", "module-license-gpl-v2", "MODULE_LICENSE(\"GPL v2\")",
        "Prefer \"GPL\" over \"GPL v2\" - see commit bf7fbeeae6db (\"module: Cure the MODULE_LICENSE \"GPL\" vs. \"GPL v2\" bogosity\")",
        "MODULE_LICENSE", Documentation);

    private static readonly string[] Licenses =
        ["\"GPL\"", "\"GPL v2\"", "\"GPL and additional rights\"", "\"Dual BSD/GPL\"", "\"Dual MIT/GPL\"", "\"Dual MPL/GPL\"", "\"Proprietary\""];

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [UnknownLicense, GplVersion];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "MODULE_LICENSE");

    private void Analyze(CTokenContext name)
    {
        var code = name.Code;
        var t = name.CodeIndex;
        if (t + 3 >= code.Length || !code[t + 1].IsSymbol('(') || code[t + 2].Kind != CTokenKind.String || !code[t + 3].IsSymbol(')')) return;
        var license = name.TextOf(code[t + 2]);
        if (!IsKnown(license)) name.Report(UnknownLicense, license.ToString());
        if (license is "\"GPL v2\"") name.Report(GplVersion);
    }

    private static bool IsKnown(ReadOnlySpan<char> license)
    {
        foreach (var known in Licenses)
        {
            if (license.SequenceEqual(known)) return true;
        }

        return false;
    }
}
