using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Style;

/// <summary>Reports a <c>break;</c> right after a <c>goto</c>, <c>return</c> or <c>break</c> at the same indentation.</summary>
[DiffLintRule]
public sealed class UnnecessaryBreakRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3150",
        name: "unnecessary-break",
        title: "break after goto, return or break",
        messageFormat: "break is not useful after a {0}",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "UNNECESSARY_BREAK",
        documentation: """
            ## What it does
            Reports an added line holding only `break;`, indented with tabs, when the line before it is an added line that starts, at exactly the same tabs, with `goto`, `return` or `break`, as kernel checkpatch does.

            ## Why it matters
            The `break` can never run: the line before has already left.

            ## Example
            ```diff
            +	case FOO_RESET:
            +		return foo_reset(foo);
            +		break;
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
            var lines = fragment.Lines;
            var tokens = fragment.Tokens;
            for (var l = 1; l < lines.Length; l++)
            {
                var line = lines[l];
                if (!line.IsJudged || line.TokenCount != 2) continue;
                var keyword = tokens[line.FirstToken];
                if (!fragment.Is(keyword, "break") || !tokens[line.FirstToken + 1].IsSymbol(';')) continue;
                var tabs = line.Text[..keyword.Start];
                if (tabs.IsEmpty || tabs.ContainsAnyExcept('\t')) continue;
                var previous = lines[l - 1];
                if (!previous.IsAdded || previous.TokenCount == 0) continue;
                var leaving = tokens[previous.FirstToken];
                if (leaving.Start != tabs.Length || !previous.Text.StartsWith(tabs)) continue;
                var word = fragment.TextOf(leaving);
                if (word is not ("goto" or "return" or "break")) continue;
                context.Report(Descriptor, fragment, keyword, word.ToString());
            }
        }
    }
}
