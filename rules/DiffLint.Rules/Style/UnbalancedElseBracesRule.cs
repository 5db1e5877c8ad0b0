using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a line that is only <c>} else</c> or only <c>else {</c>: braces on one side of the else only.</summary>
[DiffLintRule]
public sealed class UnbalancedElseBracesRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3108",
        name: "unbalanced-else-braces",
        title: "Braces on one side of an else only",
        messageFormat: "Unbalanced braces around else statement",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "BRACES",
        documentation: """
            ## What it does
            Reports an added line that holds only `} else` or only `else {` (blanks and comments aside): one arm of the if/else has braces and the other has none.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            Kernel style puts braces on both arms or on neither; `} else` followed by an unbraced statement (or
            the reverse) is the shape that hides a misplaced statement.

            ## Example
            ```diff
            +	} else
            +		priv->ready = true;
            ```

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        foreach (var fragment in context.Fragments)
        {
            foreach (var line in fragment.Lines)
            {
                if (!line.IsJudged || line.TokenCount < 2) continue;
                // Comments do not count: checkpatch reads the line with them blanked.
                int first = -1, second = -1, count = 0;
                for (var t = line.FirstToken; t < line.EndToken; t++)
                {
                    if (!fragment.Tokens[t].IsCode) continue;
                    if (++count == 1) first = t;
                    else second = t;
                }

                if (count != 2) continue;
                Check(context, fragment, fragment.Tokens[first], fragment.Tokens[second]);
            }
        }
    }

    private static void Check(CSourceContext context, CFragment fragment, in CToken first, in CToken second)
    {
        var braceFirst = first.IsSymbol('}') && second.Kind == CTokenKind.Keyword && fragment.Is(second, "else");
        var braceLast = first.Kind == CTokenKind.Keyword && fragment.Is(first, "else") && second.IsSymbol('{');
        if (braceFirst) context.Report(Descriptor, fragment, second);
        else if (braceLast) context.Report(Descriptor, fragment, first);
    }
}
