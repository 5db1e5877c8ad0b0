using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports __inline or __inline__ instead of inline.</summary>
[DiffLintRule]
public sealed class PlainInlineRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3145",
        name: "plain-inline",
        title: "__inline or __inline__ instead of inline",
        messageFormat: "plain inline is preferred over {0}",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "INLINE",
        documentation: """
            ## What it does
            Reports `__inline__` or `__inline` in the code of an added line, once a line, outside `include/uapi/` (headers that user space compiles with strict standard modes keep the reserved spellings), as kernel checkpatch does.

            ## Why it matters
            Kernel code is built as GNU C, where `inline` is a keyword; the underscored spellings are noise.

            ## Example
            ```diff
            +static __inline__ int foo_ready(struct foo *foo)
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterIdentifierAction(Analyze, RegisteredNames.Of("__inline__", "__inline"));

    private void Analyze(CTokenContext inline)
    {
        // Once a line: an earlier one has the report. Looking back stops at the nearest one, so a line of many costs
        // linear time.
        var fragment = inline.Fragment;
        var tokens = fragment.Tokens;
        for (var t = inline.Index - 1; t >= fragment.Lines.ItemRef(inline.Line).FirstToken; t--)
        {
            if (tokens[t].Kind is CTokenKind.Keyword or CTokenKind.Identifier && fragment.TextOf(tokens[t]) is "__inline__" or "__inline") return;
        }

        if (inline.Source.File.Path.Contains("include/uapi/", StringComparison.Ordinal)) return;
        inline.Report(Descriptor, inline.Text.ToString());
    }
}
