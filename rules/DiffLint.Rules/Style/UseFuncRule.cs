using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports __FUNCTION__ instead of __func__.</summary>
[DiffLintRule]
public sealed class UseFuncRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3148",
        name: "use-func",
        title: "__FUNCTION__ instead of __func__",
        messageFormat: "__func__ should be used instead of gcc specific __FUNCTION__",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "USE_FUNC",
        documentation: """
            ## What it does
            Reports `__FUNCTION__` in the code of an added line (not in comments or strings), once a line, as kernel checkpatch does.

            ## Why it matters
            `__FUNCTION__` is a GCC spelling of what C99 calls `__func__`; the kernel uses the standard one.

            ## Example
            ```diff
            +	pr_debug("%s: start\n", __FUNCTION__);
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "__FUNCTION__");

    private void Analyze(CTokenContext name)
    {
        if (FirstOnLine.Is(name.Fragment, name.Index, IsFunctionName)) name.Report(Descriptor);
    }

    private static bool IsFunctionName(CFragment fragment, int t)
    {
        ref readonly var token = ref fragment.Tokens.ItemRef(t);
        return token.Kind is CTokenKind.Keyword or CTokenKind.Identifier && fragment.Is(token, "__FUNCTION__");
    }
}
