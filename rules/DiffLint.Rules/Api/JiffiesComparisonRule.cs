using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>jiffies</c> compared with <c>==</c>, <c>!=</c>, <c>&lt;</c>, <c>&gt;</c>, <c>&lt;=</c> or <c>&gt;=</c>.</summary>
[DiffLintRule]
public sealed class JiffiesComparisonRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3174", "jiffies-comparison", "Comparison of jiffies",
        "Comparing jiffies is almost always wrong; prefer time_after, time_before and friends", "JIFFIES_COMPARISON", """
            ## What it does
            Reports `jiffies` (a member of that name too, as checkpatch reads it) as an operand of a comparison
            operator (`==`, `!=`, `<`, `>`, `<=`, `>=`), once per line.

            ## Why it matters
            `jiffies` wraps around (five minutes after boot on 32-bit machines, by design); `jiffies > timeout` is
            wrong across the wrap. `time_after()`, `time_before()` and friends compare the difference, which is
            right across it.

            ## Example
            ```diff
            +	if (jiffies > priv->deadline)
            ```
            Write `if (time_after(jiffies, priv->deadline))`.

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "jiffies");

    private void Analyze(CTokenContext name)
    {
        if (IsCompared(name.Fragment, name.Code, name.CodeIndex) && FirstOnLine.Is(IsCompared, name.Fragment, name.Code, name.CodeIndex))
            name.Report(Descriptor);
    }

    /// <summary>The identifier <c>jiffies</c> at <paramref name="t"/> with a comparison operator right before or after it.</summary>
    private static bool IsCompared(CFragment fragment, ReadOnlySpan<CToken> code, int t) =>
        code[t].Kind == CTokenKind.Identifier && fragment.Is(code[t], "jiffies")
        && ((t > 0 && IsComparison(fragment, code[t - 1])) || (t + 1 < code.Length && IsComparison(fragment, code[t + 1])));

    private static bool IsComparison(CFragment fragment, in CToken token) =>
        token.Kind == CTokenKind.Operator && fragment.TextOf(token) is "==" or "!=" or "<" or ">" or "<=" or ">=";
}
