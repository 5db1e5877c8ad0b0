using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports the obsolete <c>__devinit</c>/<c>__devexit</c> section markers.</summary>
public sealed class HotplugSectionRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3164",
        name: "hotplug-section",
        title: "Obsolete __devinit section marker",
        messageFormat: "Using {0} is unnecessary",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "HOTPLUG_SECTION",
        documentation: """
            ## What it does
            Reports `__devinit`, `__devexit` and their `data`/`const` forms in the code of an added line, once a line, as kernel checkpatch does.

            ## Why it matters
            The markers went away with CONFIG_HOTPLUG in Linux 3.8; they are defined as nothing and new code should not carry them.

            ## Example
            ```diff
            +static int __devinit foo_probe(struct pci_dev *pdev)
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        foreach (var fragment in context.Fragments)
        {
            var tokens = fragment.Tokens;
            foreach (var line in fragment.Lines)
            {
                if (!line.IsJudged) continue;
                for (var t = line.FirstToken; t < line.EndToken; t++)
                {
                    var token = tokens[t];
                    if (token.Kind is not (CTokenKind.Keyword or CTokenKind.Identifier)) continue;
                    var word = fragment.TextOf(token);
                    if (!IsHotplugMarker(word)) continue;
                    context.Report(Descriptor, fragment, token, word.ToString());
                    break;
                }
            }
        }
    }

    /// <summary><c>__devinit</c>, <c>__devexit</c>, and each with <c>data</c> or <c>const</c> after it.</summary>
    private static bool IsHotplugMarker(ReadOnlySpan<char> word) =>
        word is "__devinit" or "__devexit" or "__devinitdata" or "__devexitdata" or "__devinitconst" or "__devexitconst";
}
