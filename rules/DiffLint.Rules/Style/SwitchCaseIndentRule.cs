using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a <c>switch</c> whose added <c>case</c>/<c>default</c> labels are not at its indentation.</summary>
[DiffLintRule]
public sealed class SwitchCaseIndentRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3172",
        name: "switch-case-indent",
        title: "case labels not at the indentation of their switch",
        messageFormat: "switch and case should be at the same indent",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "SWITCH_CASE_INDENT_LEVEL",
        documentation: """
            ## What it does
            Reports, on an added `switch (...) {` line, a `case` or `default:` label of that switch (not one in a
            block nested in it) on an added line whose indentation differs from the `switch` line's, as kernel
            checkpatch does. Checkpatch also reports when only the labels are added and the `switch` line is
            context; DiffLint reports on added lines only, so that case is not reported.

            ## Why it matters
            Kernel style puts `case` labels at the `switch`'s own indentation, which saves a level for the code
            under them; mixed indentation in one switch reads as nesting that is not there.

            ## Example
            ```diff
            +	switch (cmd) {
            +		case FOO_START:
            +			foo_start(foo);
            +			break;
            +	}
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterControlAction(Analyze, CControlKind.Switch);

    private void Analyze(ControlContext context)
    {
        var fragment = context.Fragment;
        var control = context.Control;
        if (!control.Braced || control.ConditionClose < 0) return;
        var tokens = fragment.Tokens;
        var line = context.Keyword.Line;
        if (tokens[control.ConditionClose].Line != line || tokens[control.BodyStart].Line != line) return;
        if (!fragment.Lines.ItemRef(line).IsJudged) return;
        var tabWidth = context.Source.Profile.TabWidth;
        if (HasMisplacedLabel(fragment, line, CodeTokens.IndentOf(fragment, line, tabWidth), tabWidth)) context.Report(Descriptor, context.Keyword);
    }

    /// <summary>
    /// Reads the lines after the switch line until its block closes, counting braces as checkpatch does, and tells
    /// whether an added line of the block's own level starts with a label indented otherwise than the switch.
    /// </summary>
    private static bool HasMisplacedLabel(CFragment fragment, int switchLine, int indent, int tabWidth)
    {
        var tokens = fragment.Tokens;
        var level = LevelAfter(fragment, switchLine, 0);
        for (var l = switchLine + 1; l < fragment.Lines.Length && level > 0; l++)
        {
            level = LevelAfter(fragment, l, level);
            var line = fragment.Lines[l];
            if (level > 1 || !line.IsAdded || line.TokenCount == 0) continue;
            var first = tokens[line.FirstToken];
            if (!IsLabelStart(fragment, line, first)) continue;
            if (CodeTokens.IndentOf(fragment, l, tabWidth) != indent) return true;
        }

        return false;
    }

    /// <summary>The brace level at the end of line <paramref name="line"/>, from <paramref name="level"/> at its start.</summary>
    private static int LevelAfter(CFragment fragment, int line, int level)
    {
        var at = fragment.Lines[line];
        for (var t = at.FirstToken; t < at.EndToken; t++)
        {
            var token = fragment.Tokens[t];
            if (token.IsSymbol('{')) level++;
            else if (token.IsSymbol('}') && level > 0 && --level == 0) return 0;
        }

        return level;
    }

    /// <summary><c>case</c> and a blank, or <c>default:</c> with no blank before the colon.</summary>
    private static bool IsLabelStart(CFragment fragment, in CLine line, in CToken first)
    {
        if (first.Kind != CTokenKind.Keyword) return false;
        var text = line.Text;
        if (fragment.Is(first, "case")) return first.End < text.Length && text[first.End] is ' ' or '\t';
        return fragment.Is(first, "default") && first.End < text.Length && text[first.End] == ':';
    }
}
