using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports the non-standard printf length modifiers <c>%L</c> and <c>%Z</c> on integer conversions.</summary>
[DiffLintRule]
public sealed class NonStandardLengthModifierRule : PatchRule
{
    private const string Documentation = """
        ## What it does
        Reports a string literal holding a conversion with the length modifier `L` (DL3184) or `Z` (DL3185) on an
        integer conversion (`d i o u x X`), such as `%Lu` or `%Zd`, after flags, width and precision; `%%` is not a
        conversion. Each is reported once per line, as checkpatch does.

        ## Why it matters
        C defines `L` for `long double` only and has no `Z`: `%Lu` and `%Zd` are glibc and old-kernel
        spellings that compilers warn about and other printf implementations misread. The standard forms are
        `%llu` for `long long` and `%zd`/`%zu` for `ssize_t`/`size_t`.

        ## Example
        ```diff
        +	pr_info("size %Zu, offset %Lx\n", size, offset);
        ```
        Write `%zu` and `%llx`.

        ## Configuration
        Kernel and U-Boot profiles.
        """;

    public static readonly RuleDescriptor LongModifier = KernelApiDescriptor.Create("DL3184", "printf-l", "%L on an integer conversion",
        "%L{0} is non-standard C, use %ll{0}", "PRINTF_L", Documentation);

    public static readonly RuleDescriptor SizeModifier = KernelApiDescriptor.Create("DL3185", "printf-z", "%Z on an integer conversion",
        "%Z{0} is non-standard C, use %z{0}", "PRINTF_Z", Documentation);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [LongModifier, SizeModifier];

    public override void Initialize(RuleRegistration registration) => registration.RegisterTokenAction(Analyze, CTokenKind.String);

    private void Analyze(CTokenContext literal)
    {
        var fragment = literal.Fragment;
        ReportFirst(literal, fragment, 'L', LongModifier);
        ReportFirst(literal, fragment, 'Z', SizeModifier);
    }

    /// <summary>Reports the string's conversion with <paramref name="modifier"/> unless a string before it on the line has one.</summary>
    private static void ReportFirst(CTokenContext literal, CFragment fragment, char modifier, RuleDescriptor rule)
    {
        if (PrintfConversions.WithModifier(fragment, literal.Token, modifier) is not { } conversion) return;
        var code = literal.Code;
        for (var t = literal.CodeIndex - 1; t >= 0; t--)
        {
            if (code[t].Kind == CTokenKind.String && PrintfConversions.WithModifier(fragment, code[t], modifier) is not null) return;
        }

        literal.Report(rule, conversion.ToString());
    }
}
