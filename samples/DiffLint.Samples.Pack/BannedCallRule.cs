using System.Collections.Frozen;
using System.Collections.Immutable;
using DiffLint.Core.Analysis;

namespace DiffLint.Samples.Pack;

/// <summary>Reports a call to a function the (fictional) ACME project bans, with the one to call instead.</summary>
[DiffLintRule]
public sealed class BannedCallRule : PatchRule
{
    private static readonly FrozenDictionary<string, string> Replacements = new Dictionary<string, string>
    {
        ["strcpy"] = "acme_strlcpy",
        ["sprintf"] = "acme_snprintf",
        ["malloc"] = "acme_alloc",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static readonly RuleDescriptor Descriptor = new(
        id: "ACME001",
        name: "acme-banned-call",
        title: "Call to a function ACME bans",
        messageFormat: "{0}() is banned in ACME code; call {1}() instead",
        category: "Api",
        defaultSeverity: Severity.Error,
        helpUri: "https://acme.example/difflint/ACME001",
        documentation: """
            ## What it does
            Reports an added call to `strcpy`, `sprintf` or `malloc`.

            ## Why it matters
            ACME's wrappers check sizes and account every allocation to its subsystem.

            ## Example
            ```diff
            +	strcpy(name, dev->name);
            ```
            should be `acme_strlcpy(name, dev->name, sizeof(name));`.

            ## Configuration
            None.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterCallAction(context =>
        {
            var callee = context.Callee.ToString();
            context.Report(Descriptor, callee, Replacements[callee]);
        }, [.. Replacements.Keys]);
}
