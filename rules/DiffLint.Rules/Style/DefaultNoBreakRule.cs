using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a <c>default:</c> label followed by an empty statement.</summary>
[DiffLintRule]
public sealed class DefaultNoBreakRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3151",
        name: "default-no-break",
        title: "default: followed by an empty statement",
        messageFormat: "switch default: should use break",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "DEFAULT_NO_BREAK",
        documentation: """
            ## What it does
            Reports `default:` followed by a lone `;`, as kernel checkpatch does: on the line of the statement that holds it, that is on the first of the plain `case X:` labels written right before it, when that line is added.

            ## Why it matters
            An empty statement after `default:` is there only because a label needs one; `break;` says what happens.

            ## Example
            ```diff
            +	default:
            +		;
            +	}
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
            for (var t = 0; t < tokens.Length; t++)
            {
                if (!fragment.Is(tokens[t], "default") || tokens[t].Kind != CTokenKind.Keyword || tokens[t].InDirective) continue;
                var colon = CodeTokens.Next(fragment, t);
                if (colon < 0 || !fragment.Is(tokens[colon], ":")) continue;
                var empty = CodeTokens.Next(fragment, colon);
                if (empty < 0 || !tokens[empty].IsSymbol(';')) continue;
                var start = FirstLabel(fragment, t);
                if (start < 0 || !CodeTokens.StartsLine(fragment, start)) continue;
                context.Report(Descriptor, fragment, tokens[start]);
            }
        }
    }

    /// <summary>
    /// The first token of the statement that holds <c>default</c> at <paramref name="label"/>: the first of the plain
    /// <c>case NAME:</c> labels right before it, or <c>default</c> itself; -1 when a label of another shape comes before.
    /// </summary>
    private static int FirstLabel(CFragment fragment, int label)
    {
        var tokens = fragment.Tokens;
        var start = label;
        while (true)
        {
            var colon = CodeTokens.Previous(fragment, start);
            if (colon < 0 || tokens[colon].IsSymbol(';') || tokens[colon].IsSymbol('{') || tokens[colon].IsSymbol('}')) return start;
            if (!fragment.Is(tokens[colon], ":")) return -1;
            var value = CodeTokens.Previous(fragment, colon);
            if (value < 0 || tokens[value].Kind is not (CTokenKind.Identifier or CTokenKind.Number)) return -1;
            var keyword = CodeTokens.Previous(fragment, value);
            if (keyword < 0 || !fragment.Is(tokens[keyword], "case")) return -1;
            start = keyword;
        }
    }
}
