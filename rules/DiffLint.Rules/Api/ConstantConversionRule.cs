using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports the <c>__constant_</c> byte-order helpers (<c>__constant_htons()</c>) outside the UAPI headers.</summary>
[DiffLintRule]
public sealed class ConstantConversionRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3209", "constant-conversion", "__constant_ byte-order helper",
        "{0} should be {1}", "CONSTANT_CONVERSION", """
            ## What it does
            Reports a call of `__constant_htons()`, `__constant_ntohs()`, `__constant_cpu_to_le32()`,
            `__constant_be16_to_cpu()` and the other `__constant_` forms of the byte-order helpers (16, 32 and 64
            bits, little and big endian), outside `include/uapi/`. Once per line. (checkpatch's pattern also matches
            these names at the end of a longer identifier; DiffLint takes the names alone.)

            ## Why it matters
            The plain helpers (`htons()`, `cpu_to_le32()`) fold constants at compile time themselves; the
            `__constant_` forms exist for the UAPI headers and are noise elsewhere.

            ## Example
            ```diff
            +	.type = __constant_htons(ETH_P_IP),
            ```
            Write `htons(ETH_P_IP)`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    private static readonly string[] Helpers =
    [
        "__constant_htons", "__constant_ntohs",
        "__constant_le16_to_cpu", "__constant_le32_to_cpu", "__constant_le64_to_cpu", "__constant_be16_to_cpu", "__constant_be32_to_cpu",
        "__constant_be64_to_cpu", "__constant_cpu_to_le16", "__constant_cpu_to_le32", "__constant_cpu_to_le64", "__constant_cpu_to_be16",
        "__constant_cpu_to_be32", "__constant_cpu_to_be64",
    ];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, Helpers);

    private void Analyze(CTokenContext name)
    {
        if (!IsHelperCall(name.Fragment, name.Code, name.CodeIndex) || name.Source.File.Path.StartsWith("include/uapi/", StringComparison.Ordinal)
            || !FirstOnLine.Is(IsHelperCall, name.Fragment, name.Code, name.CodeIndex))
            return;
        var helper = name.Text.ToString();
        name.Report(Descriptor, helper, helper["__constant_".Length..]);
    }

    /// <summary>checkpatch's <c>(__constant_(?:htons|ntohs|[bl]e(?:16|32|64)_to_cpu|cpu_to_[bl]e(?:16|32|64)))\s*\(</c> at <paramref name="t"/>.</summary>
    private static bool IsHelperCall(CFragment fragment, ReadOnlySpan<CToken> code, int t)
    {
        if (code[t].Kind != CTokenKind.Identifier || t + 1 >= code.Length || !code[t + 1].IsSymbol('(')) return false;
        var name = fragment.TextOf(code[t]);
        foreach (var helper in Helpers)
        {
            if (name.SequenceEqual(helper)) return true;
        }

        return false;
    }
}
