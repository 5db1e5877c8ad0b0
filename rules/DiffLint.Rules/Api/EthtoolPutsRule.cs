using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>ethtool_sprintf()</c> that only copies a string: <c>ethtool_puts()</c> does that.</summary>
[DiffLintRule]
public sealed class EthtoolPutsRule : PatchRule
{
    private const string Documentation = """
        ## What it does
        Reports `ethtool_sprintf(data, name)`, a call with two arguments (DL3212), and `ethtool_sprintf(data, "%s",
        name)` (DL3213), each argument a name, member, call, constant or string as checkpatch reads it.

        ## Why it matters
        With no format, or the format `"%s"` alone, `ethtool_puts()` copies the string without parsing it, and a
        name that holds a `%` cannot be misread as a conversion.

        ## Example
        ```diff
        +		ethtool_sprintf(&data, "%s", priv->stats[i].name);
        ```
        Write `ethtool_puts(&data, priv->stats[i].name);`.

        ## Configuration
        Kernel and U-Boot profiles.
        """;

    public static readonly RuleDescriptor TwoArguments = KernelApiDescriptor.Create("DL3212", "ethtool-sprintf-two-arguments",
        "ethtool_sprintf() with two arguments", "Prefer ethtool_puts over ethtool_sprintf with only two arguments", "PREFER_ETHTOOL_PUTS",
        Documentation);

    public static readonly RuleDescriptor StandaloneString = KernelApiDescriptor.Create("DL3213", "ethtool-sprintf-string",
        "ethtool_sprintf() of \"%s\"", "Prefer ethtool_puts over ethtool_sprintf with standalone \"%s\" specifier", "PREFER_ETHTOOL_PUTS",
        Documentation);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [TwoArguments, StandaloneString];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCallAction(Analyze, "ethtool_sprintf");

    private void Analyze(CallContext call)
    {
        var fragment = call.Fragment;
        var code = call.Code;
        var first = FunctionArguments.End(fragment, code, call.CodeIndex + 2);
        if (first < 0 || first + 1 >= code.Length || !code[first].IsSymbol(',')) return;
        var second = FunctionArguments.End(fragment, code, first + 1);
        if (second < 0 || second >= code.Length) return;
        if (code[second].IsSymbol(')'))
        {
            call.Report(TwoArguments);
        }
        else if (code[second].IsSymbol(',') && second == first + 2 && call.TextOf(code[first + 1]) is "\"%s\""
            && FunctionArguments.End(fragment, code, second + 1) is var third and > 0 && third < code.Length && code[third].IsSymbol(')'))
        {
            call.Report(StandaloneString);
        }
    }
}
