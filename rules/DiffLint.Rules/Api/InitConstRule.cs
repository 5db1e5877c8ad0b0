using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>__initdata</c> on a const definition and <c>__initconst</c> on one without const.</summary>
[DiffLintRule]
public sealed class InitConstRule : PatchRule
{
    private const string Documentation = """
        ## What it does
        Reports, once per line, `__initdata` (or `__meminitdata`, `__cpuinitdata`, `__devinitdata`,
        `__net_initdata`) on a line with `const` (DL3210), and `__initconst` (and its prefixed forms) on a line
        without `const` (DL3211).

        ## Why it matters
        Const data goes in the `.init.rodata` section (`__initconst`), writable data in `.init.data`
        (`__initdata`); mixing them makes the linker report a section type conflict, or puts const data where
        it can be written.

        ## Example
        ```diff
        +static const char banner[] __initdata = "foo";
        ```
        Write `__initconst`.

        ## Configuration
        Kernel and U-Boot profiles.
        """;

    public static readonly RuleDescriptor ConstInitData = new("DL3210", "const-initdata", "__initdata on const data",
        "Use of const init definition must use {0}initconst", "Api", Severity.Error, Documentation, checkpatchType: "INIT_ATTRIBUTE",
        profiles: ["kernel", "uboot"]);

    public static readonly RuleDescriptor InitConstWithoutConst = new("DL3211", "initconst-without-const", "__initconst without const",
        "Use of {0} requires a separate use of const", "Api", Severity.Error, Documentation, checkpatchType: "INIT_ATTRIBUTE",
        profiles: ["kernel", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [ConstInitData, InitConstWithoutConst];

    private static readonly string[] DataAttributes = ["__initdata", "__meminitdata", "__cpuinitdata", "__devinitdata", "__net_initdata"];

    private static readonly string[] ConstAttributes = ["__initconst", "__meminitconst", "__cpuinitconst", "__devinitconst", "__net_initconst"];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, [.. DataAttributes, .. ConstAttributes]);

    private void Analyze(CTokenContext attribute)
    {
        var code = attribute.Code;
        var text = attribute.Text;
        var isConst = false;
        for (var t = 0; t < code.Length; t++)
        {
            if (t < attribute.CodeIndex && code[t].Kind == CTokenKind.Identifier && IsSameKind(attribute.TextOf(code[t]), text)) return;
            isConst |= code[t].Kind == CTokenKind.Keyword && attribute.Fragment.Is(code[t], "const");
        }

        if (text.EndsWith("initdata") && isConst) attribute.Report(ConstInitData, text[..^"initdata".Length].ToString());
        else if (text.EndsWith("initconst") && !isConst) attribute.Report(InitConstWithoutConst, text.ToString());
    }

    /// <summary>Both data or both const attributes: an earlier one on the line was the one reported.</summary>
    private static bool IsSameKind(ReadOnlySpan<char> word, ReadOnlySpan<char> attribute) =>
        IsOneOf(word, DataAttributes) ? IsOneOf(attribute, DataAttributes) : IsOneOf(word, ConstAttributes) && IsOneOf(attribute, ConstAttributes);

    private static bool IsOneOf(ReadOnlySpan<char> word, string[] names)
    {
        foreach (var name in names)
        {
            if (word.SequenceEqual(name)) return true;
        }

        return false;
    }
}
