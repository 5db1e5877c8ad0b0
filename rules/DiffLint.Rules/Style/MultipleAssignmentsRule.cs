using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Chained assignment.</summary>
[DiffLintRule]
public sealed class MultipleAssignmentsRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3120",
        name: "multiple-assignments",
        title: "Chained assignment",
        messageFormat: "multiple assignments should be avoided",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "MULTIPLE_ASSIGNMENTS",
        documentation: """
            ## What it does
            Reports an added line that starts with a chained assignment, `a = b = value` (names and member chains such
            as `priv->x` or `cfg.y[i]` on the left of each `=`).

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            One assignment per statement is easier to read and to change; kernel style avoids chains.

            ## Example
            ```diff
            +	priv->head = priv->tail = 0;
            ```

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCodeLineAction(Analyze);

    private void Analyze(CodeLineContext context)
    {
        ref readonly var line = ref context.CLine;
        if (line.TokenCount < 4) return;
        var fragment = context.Fragment;
        var tokens = fragment.Tokens;
        var first = line.FirstToken;
        var end = line.EndToken;
        var t = LvalueEnd(fragment, first, end);
        if (t < 0 || t + 1 >= end || !tokens[t + 1].IsSymbol('=')) return;
        t = LvalueEnd(fragment, t + 2, end);
        if (t < 0 || t + 1 >= end || !tokens[t + 1].IsSymbol('=')) return;
        context.Report(Descriptor, tokens[first]);
    }

    /// <summary>The last token of a name followed by <c>-&gt;x</c>, <c>.x</c> and <c>[...]</c> written without blanks, or -1.</summary>
    private static int LvalueEnd(CFragment fragment, int first, int end)
    {
        var tokens = fragment.Tokens;
        if (first >= end || !CDeclarationShape.IsWord(tokens[first])) return -1;
        var t = first;
        while (t + 1 < end)
        {
            var next = tokens[t + 1];
            if (next.Start != tokens[t].End) break;
            if (next.Kind == CTokenKind.Operator && (fragment.Is(next, "->") || fragment.Is(next, ".")) && t + 2 < end
                && CDeclarationShape.IsWord(tokens[t + 2]) && tokens[t + 2].Start == next.End)
            {
                t += 2;
                continue;
            }

            if (!next.IsSymbol('[')) break;
            var close = fragment.Structure.MatchOf(t + 1);
            if (close < 0 || close >= end) return -1;
            t = close;
        }

        return t;
    }
}
