using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports __DATE__, __TIME__ or __TIMESTAMP__.</summary>
[DiffLintRule]
public sealed class DateTimeRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3163",
        name: "date-time",
        title: "__DATE__, __TIME__ or __TIMESTAMP__",
        messageFormat: "Use of the '{0}' macro makes the build non-deterministic",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "DATE_TIME",
        documentation: """
            ## What it does
            Reports each `__DATE__`, `__TIME__` and `__TIMESTAMP__` in the code of an added line, as kernel checkpatch does.

            ## Why it matters
            They put the build time into the binary, so two builds of the same source differ: reproducible builds break.

            ## Example
            ```diff
            +	pr_info("foo driver built " __DATE__ " " __TIME__ "\n");
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterIdentifierAction(Analyze, RegisteredNames.Of("__DATE__", "__TIME__", "__TIMESTAMP__"));

    private void Analyze(CTokenContext context) => context.Report(Descriptor, context.Text.ToString());
}
