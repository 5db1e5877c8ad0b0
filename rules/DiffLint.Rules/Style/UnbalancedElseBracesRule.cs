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

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "else");

    /// <summary>
    /// An <c>else</c> whose line holds one other code token: <c>}</c> before it or <c>{</c> after it. Comments do not
    /// count: checkpatch reads the line with them blanked.
    /// </summary>
    private void Analyze(CTokenContext keyword)
    {
        if (keyword.Code.Length != 2 || keyword.Token.Kind != CTokenKind.Keyword) return;
        var braceFirst = keyword.CodeIndex == 1 && keyword.Code[0].IsSymbol('}');
        var braceLast = keyword.CodeIndex == 0 && keyword.Code[1].IsSymbol('{');
        if (braceFirst || braceLast) keyword.Report(Descriptor);
    }
}
