using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports <c>#if 1</c>.</summary>
[DiffLintRule]
public sealed class IfOneRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3158",
        name: "if-one",
        title: "#if 1 block",
        messageFormat: "Consider removing the #if 1 and its #endif",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "IF_1",
        documentation: """
            ## What it does
            Reports an added `#if 1` (the literal `1`, not `1U` or an expression that starts with it), as kernel checkpatch does.

            ## Why it matters
            Code under `#if 1` is always built: the conditional is a leftover of debugging and only makes the reader wonder.

            ## Example
            ```diff
            +#if 1
            +	foo_dump_regs(foo);
            +#endif
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
                if (!line.IsJudged || line.TokenCount < 2) continue;
                var directive = tokens[line.FirstToken];
                if (directive.Kind != CTokenKind.Preprocessor || !IsIf(fragment.TextOf(directive))) continue;
                var condition = TypeWords.AdjacentAfter(fragment, line.FirstToken);
                if (condition < 0 || !TypeWords.SpaceBetween(fragment, line.FirstToken) || !fragment.Is(tokens[condition], "1")) continue;
                context.Report(Descriptor, fragment, directive);
            }
        }
    }

    /// <summary><c>#if</c>, blanks allowed after the <c>#</c>.</summary>
    private static bool IsIf(ReadOnlySpan<char> directive) => directive.Length > 1 && directive[1..].TrimStart(" \t") is "if";
}
