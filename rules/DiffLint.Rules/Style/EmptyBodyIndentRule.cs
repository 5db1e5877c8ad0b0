using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports <c>if (...);</c> (or a loop with an empty body) followed by a line indented as if it were the body.</summary>
[DiffLintRule]
public sealed class EmptyBodyIndentRule : PatchRule
{
    private const int CheckpatchTabWidth = 8;

    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3062",
        name: "empty-body-indent",
        title: "Empty body with an indented next line",
        messageFormat: "trailing semicolon indicates no statements, indent implies otherwise",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "TRAILING_SEMICOLON",
        profiles: ["kernel", "git", "uboot"],
        documentation: """
            ## What it does
            Reports, on the keyword, an `if`, `for`, `while`, `switch` or `for_each` iterator whose condition is
            closed by `);` (the `;` right after the `)`, the body empty) when the next line is indented deeper than
            the keyword's line. The `} while (...);` that ends a do-while is not a loop and is not reported.

            ## Why it matters
            The indentation says the next line is the body; the semicolon says there is none. Either the `;` is a
            typo and the body runs unconditionally, or the indentation misleads every reader.

            ## Example
            ```diff
            +	if (dev->busy);
            +		foo_reset(dev);
            ```

            ## Configuration
            Kernel, git and U-Boot profiles; under the QEMU profile DL4044 reports the same, as QEMU's script does.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterControlAction(AnalyzeControl, CControlKind.If, CControlKind.For, CControlKind.While, CControlKind.Switch,
            CControlKind.IteratorMacro);
        registration.RegisterStatementAction(AnalyzeIteratorCall);
    }

    /// <summary>A control whose body is the <c>;</c> right after its condition.</summary>
    private void AnalyzeControl(ControlContext context)
    {
        var control = context.Control;
        var fragment = context.Fragment;
        if (control.ConditionClose < 0 || control.BodyStart < 0) return;
        if (!fragment.Tokens[control.BodyStart].IsSymbol(';') || control.BodyStart != control.ConditionClose + 1) return;
        if (CodeTokens.IsDoWhileTrailer(fragment, control)) return;
        if (NextLineIsDeeper(fragment, control.Keyword, control.BodyStart)) context.Report(Descriptor, context.Keyword);
    }

    /// <summary>An iterator macro closed by <c>);</c> reads as a call statement, not as a control.</summary>
    private void AnalyzeIteratorCall(StatementContext context)
    {
        var fragment = context.Fragment;
        var tokens = fragment.Tokens;
        var statement = context.Statement;
        ref readonly var name = ref context.FirstToken;
        if (name.Kind != CTokenKind.Identifier || !DeepIndentationRule.IsIteratorName(fragment.TextOf(name))) return;
        var open = statement.First + 1;
        if (open >= tokens.Length || !tokens[open].IsSymbol('(')) return;
        var close = fragment.Structure.MatchOf(open);
        if (close < 0 || close + 1 != statement.Last || !context.IsTerminated) return;
        if (NextLineIsDeeper(fragment, statement.First, statement.Last)) context.Report(Descriptor, name);
    }

    /// <summary>The line after the one holding <paramref name="semicolon"/> is indented deeper than the line of <paramref name="keyword"/>.</summary>
    private static bool NextLineIsDeeper(CFragment fragment, int keyword, int semicolon)
    {
        var next = fragment.Tokens[semicolon].Line + 1;
        if (next >= fragment.Lines.Length) return false;
        return CodeTokens.IndentOf(fragment, next, CheckpatchTabWidth) > CodeTokens.IndentOf(fragment, fragment.Tokens[keyword].Line, CheckpatchTabWidth);
    }
}
