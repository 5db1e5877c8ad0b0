using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Style;

/// <summary>Reports a bare <c>return;</c> as the last statement of a function.</summary>
[DiffLintRule]
public sealed class ReturnVoidRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3149",
        name: "return-void",
        title: "return; at the end of a void function",
        messageFormat: "void function return statements are not generally useful",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "RETURN_VOID",
        documentation: """
            ## What it does
            Reports, on the closing brace of a function (a `}` in the first column), an added `return;` indented by one tab right before it, unless the line before the `return` is a label (`out:`), which needs a statement. As in kernel checkpatch, the finding is on the brace line and only when the patch adds that line too.

            ## Why it matters
            A void function returns at its closing brace anyway; the `return;` is noise.

            ## Example
            ```diff
            +	foo_stop(foo);
            +	return;
             }
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterSymbolAction(Analyze, "}");

    private void Analyze(CTokenContext brace)
    {
        var fragment = brace.Fragment;
        var l = brace.Line;
        if (l == 0 || !IsClosingBraceLine(fragment, l, brace.Index)) return;
        ref readonly var braceLine = ref fragment.Lines.ItemRef(l);
        ref readonly var previous = ref fragment.Lines.ItemRef(l - 1);
        if (!previous.IsJudged || previous.HunkLine != braceLine.HunkLine - 1 || !IsBareReturn(fragment, l - 1)) return;
        var before = braceLine.HunkLine - 2;
        var hunkLines = fragment.Hunk.Lines;
        if (before < 0 || hunkLines[before].Kind == DiffLineKind.Removed || IsLabel(hunkLines[before].Span)) return;
        brace.Report(Descriptor, 0, 1, null);
    }

    /// <summary>The <c>}</c> at <paramref name="brace"/> starts line <paramref name="line"/> in the first column, with nothing but comments after it.</summary>
    private static bool IsClosingBraceLine(CFragment fragment, int line, int brace)
    {
        ref readonly var at = ref fragment.Lines.ItemRef(line);
        if (at.FirstToken != brace || at.StartsInside(CLexState.BlockComment)) return false;
        var tokens = fragment.Tokens;
        if (tokens[brace].Start != 0) return false;
        for (var t = brace + 1; t < at.EndToken; t++)
        {
            if (!tokens[t].IsComment) return false;
        }

        return true;
    }

    /// <summary>One tab, <c>return</c>, <c>;</c> and nothing else.</summary>
    private static bool IsBareReturn(CFragment fragment, int line)
    {
        var at = fragment.Lines[line];
        var text = at.Text;
        if (at.TokenCount != 2 || text.Length < 2 || text[0] != '\t') return false;
        var tokens = fragment.Tokens;
        return tokens[at.FirstToken].Start == 1 && fragment.Is(tokens[at.FirstToken], "return") && tokens[at.FirstToken + 1].IsSymbol(';');
    }

    /// <summary>A line starting with a name and a colon: a label, or <c>default:</c>.</summary>
    private static bool IsLabel(ReadOnlySpan<char> text)
    {
        var at = 0;
        while (at < text.Length && char.IsWhiteSpace(text[at])) at++;
        var name = at;
        while (at < text.Length && (char.IsAsciiLetterOrDigit(text[at]) || text[at] == '_')) at++;
        if (at == name || char.IsAsciiDigit(text[name])) return false;
        while (at < text.Length && char.IsWhiteSpace(text[at])) at++;
        return at < text.Length && text[at] == ':';
    }
}
