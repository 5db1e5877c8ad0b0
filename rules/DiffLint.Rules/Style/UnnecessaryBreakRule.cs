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

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "break");

    /// <summary>A line of tabs and <c>break;</c> under a line, as indented, that leaves with goto, return or break.</summary>
    private void Analyze(CTokenContext keyword)
    {
        var fragment = keyword.Fragment;
        var tokens = fragment.Tokens;
        var l = keyword.Line;
        ref readonly var line = ref fragment.Lines.ItemRef(l);
        if (l == 0 || line.TokenCount != 2 || line.FirstToken != keyword.Index || !tokens[keyword.Index + 1].IsSymbol(';')) return;
        var tabs = line.Text[..keyword.Token.Start];
        if (tabs.IsEmpty || tabs.ContainsAnyExcept('\t')) return;
        ref readonly var previous = ref fragment.Lines.ItemRef(l - 1);
        if (!previous.IsAdded || previous.TokenCount == 0) return;
        ref readonly var leaving = ref tokens.ItemRef(previous.FirstToken);
        if (leaving.Start != tabs.Length || !previous.Text.StartsWith(tabs)) return;
        var word = fragment.TextOf(leaving);
        if (word is not ("goto" or "return" or "break")) return;
        keyword.Report(Descriptor, word.ToString());
    }
}
