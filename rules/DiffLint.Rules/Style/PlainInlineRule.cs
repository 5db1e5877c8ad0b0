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

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        if (context.File.Path.Contains("include/uapi/", StringComparison.Ordinal)) return;
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
                    if (word is not ("__inline__" or "__inline")) continue;
                    context.Report(Descriptor, fragment, token, word.ToString());
                    break;
                }
            }
        }
    }
}
