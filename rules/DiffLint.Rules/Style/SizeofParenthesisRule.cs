using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports <c>sizeof x</c> and <c>sizeof *p</c> where kernel style writes <c>sizeof(x)</c>.</summary>
[DiffLintRule]
public sealed class SizeofParenthesisRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3011",
        name: "sizeof-parenthesis",
        title: "sizeof without parentheses",
        messageFormat: "sizeof {0} should be sizeof({0})",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "SIZEOF_PARENTHESIS",
        profiles: ["kernel", "uboot"],
        documentation: """
            ## What it does
            Reports `sizeof` applied to an expression without parentheses (`sizeof buf`, `sizeof *p`,
            `sizeof dev->name`). Only for the kernel and U-Boot, whose coding style asks for `sizeof(x)`.

            ## Why it matters
            `sizeof` looks like a function in kernel code; `sizeof *p + 1` is easy to misread as `sizeof(*p + 1)`.

            ## Example
            ```diff
            +	memset(&addr, 0, sizeof addr);
            ```

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "sizeof");

    private void Analyze(CTokenContext keyword)
    {
        if (keyword.Token.Kind != CTokenKind.Keyword || keyword.Token.IsUncertain) return;
        var last = OperandEnd(keyword.Fragment, keyword.Index + 1);
        if (last < 0) return;
        var end = keyword.Fragment.Tokens[last].End;
        var operand = keyword.LineText[keyword.Fragment.Tokens[keyword.Index + 1].Start..end];
        keyword.Report(Descriptor, keyword.Token.Start, end, null, operand.ToString());
    }

    /// <summary>The last token of an unparenthesized operand starting at <paramref name="first"/> on the same line (<c>*p</c>, <c>a.b[i]</c>, <c>p-&gt;x</c>), or -1.</summary>
    private static int OperandEnd(CFragment fragment, int first)
    {
        var tokens = fragment.Tokens.AsSpan();
        var line = tokens[first - 1].Line;
        var i = first;
        while (i < tokens.Length && tokens[i].Line == line && tokens[i].IsSymbol('*')) i++;
        if (i >= tokens.Length || tokens[i].Line != line || tokens[i].Kind != CTokenKind.Identifier) return -1;
        var last = i;
        while (last + 1 < tokens.Length && tokens[last + 1].Line == line)
        {
            var next = tokens[last + 1];
            if ((fragment.Is(next, "->") || fragment.Is(next, ".")) && last + 2 < tokens.Length && tokens[last + 2].Kind == CTokenKind.Identifier)
            {
                last += 2;
                continue;
            }

            if (!next.IsSymbol('[')) break;
            var close = fragment.Structure.MatchOf(last + 1);
            if (close < 0 || tokens[close].Line != line) break;
            last = close;
        }

        return last;
    }
}
