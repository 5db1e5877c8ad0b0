using System.Collections.Immutable;
using System.Text.RegularExpressions;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports <c>a &amp; b &gt;&gt; c</c>, where the shift binds before the mask.</summary>
[DiffLintRule]
public sealed class MaskThenShiftRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3165",
        name: "mask-then-shift",
        title: "Mask then right shift without parentheses",
        messageFormat: "Possible precedence defect with mask then right shift - may need parentheses",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "MASK_THEN_SHIFT",
        documentation: """
            ## What it does
            Reports, once a line, `x & y >> n` where `x` and `y` are names, members or calls (`reg & mask >> 4`, `readl(p) & FOO(3) >> 2`), as kernel checkpatch does. A number as mask (`x & 0xf0 >> 4`) and `x & &y` are left alone, as there.

            ## Why it matters
            `>>` binds tighter than `&`, so `reg & mask >> 4` shifts the mask, not the masked value; the intent was most likely `(reg & mask) >> 4`.

            ## Example
            ```diff
            +	mode = val & FOO_MODE_MASK >> FOO_MODE_SHIFT;
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
                if (!line.IsJudged) continue;
                for (var t = line.FirstToken + 3; t < line.EndToken; t++)
                {
                    if (!fragment.Is(tokens[t], ">>") || tokens[t].Kind != CTokenKind.Operator) continue;
                    var operand = OperandStart(fragment, TypeWords.Adjacent(fragment, t));
                    if (operand < 0) continue;
                    var mask = TypeWords.Adjacent(fragment, operand);
                    if (mask < 0 || !fragment.Is(tokens[mask], "&")) continue;
                    if (tokens[operand].IsSymbol('&')) continue;
                    if (OperandStart(fragment, TypeWords.Adjacent(fragment, mask)) < 0) continue;
                    context.Report(Descriptor, fragment, tokens[mask]);
                    break;
                }
            }
        }
    }

    /// <summary>
    /// The first token of the name, member access or call ending at token <paramref name="last"/>, with a <c>*</c> or
    /// <c>&amp;</c> before it (checkpatch's <c>$LvalOrFunc</c>); -1 when none ends there.
    /// </summary>
    private static int OperandStart(CFragment fragment, int last)
    {
        if (last < 0) return -1;
        var tokens = fragment.Tokens;
        var end = last;
        if (tokens[last].IsSymbol(')'))
        {
            var open = fragment.Structure.MatchOf(last);
            if (open < 0 || tokens[open].Line != tokens[last].Line) return -1;
            end = TypeWords.Adjacent(fragment, open);
            if (end < 0) return -1;
        }

        var start = LvalTokens.Start(fragment, end);
        if (start < 0) return -1;
        var prefix = TypeWords.Adjacent(fragment, start);
        if (prefix >= 0 && (tokens[prefix].IsSymbol('*') || tokens[prefix].IsSymbol('&')))
        {
            var beforePrefix = TypeWords.Adjacent(fragment, prefix);
            if (beforePrefix >= 0 && fragment.Is(tokens[beforePrefix], "&")) return prefix;
        }

        return start;
    }
}
