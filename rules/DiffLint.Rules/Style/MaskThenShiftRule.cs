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

    public override void Initialize(RuleRegistration registration) => registration.RegisterSymbolAction(Analyze, ">>");

    private void Analyze(CTokenContext shift)
    {
        var fragment = shift.Fragment;
        var first = fragment.Lines.ItemRef(shift.Line).FirstToken;
        var mask = MaskBefore(fragment, first, shift.Index);
        if (mask < 0) return;
        // Once a line: an earlier shift of a mask has the report. Looking back stops at the nearest one, so a line of
        // many costs linear time.
        for (var t = shift.Index - 1; t >= first + 3; t--)
        {
            if (MaskBefore(fragment, first, t) >= 0) return;
        }

        shift.Source.Report(Descriptor, fragment, fragment.Tokens.ItemRef(mask));
    }

    /// <summary>
    /// The <c>&amp;</c> of <c>a &amp; b &gt;&gt;</c> when token <paramref name="shift"/> is such a <c>&gt;&gt;</c>, three
    /// tokens or more into the line that starts at token <paramref name="first"/>; -1 otherwise.
    /// </summary>
    private static int MaskBefore(CFragment fragment, int first, int shift)
    {
        var tokens = fragment.Tokens;
        if (shift < first + 3 || !fragment.Is(tokens[shift], ">>") || tokens[shift].Kind != CTokenKind.Operator) return -1;
        var operand = OperandStart(fragment, TypeWords.Adjacent(fragment, shift));
        if (operand < 0) return -1;
        var mask = TypeWords.Adjacent(fragment, operand);
        if (mask < 0 || !fragment.Is(tokens[mask], "&")) return -1;
        if (tokens[operand].IsSymbol('&')) return -1;
        return OperandStart(fragment, TypeWords.Adjacent(fragment, mask)) < 0 ? -1 : mask;
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
