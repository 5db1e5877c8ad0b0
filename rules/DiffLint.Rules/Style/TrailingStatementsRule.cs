using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// Reports a statement on the same line as the condition of <c>if</c>/<c>for</c>/<c>while</c>/iterator macro,
/// after <c>else</c>, or after a <c>case</c>/<c>default</c> label.
/// </summary>
[DiffLintRule]
public sealed class TrailingStatementsRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3025",
        name: "trailing-statements",
        title: "Statement on the line of its condition",
        messageFormat: "Trailing statements should be on the next line",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "TRAILING_STATEMENTS",
        qemuCheckpatchType: "Q_TRAILING_STATEMENTS",
        documentation: """
            ## What it does
            Reports, on the keyword, a body that is not a `{` block and starts on the line where the condition
            of `if`, `for`, `while` or a `for_each` macro closes (an empty loop body `;` included), or on the line of
            an `else` (`else if` excepted), and a statement after a `case x:` or `default:` label on the same line
            (`case x: return y;` is accepted, as checkpatch does). The `while (...);` that ends a do-while is not
            a loop and is not reported, also when the hunk starts inside the do-while.

            ## Why it matters
            A statement tucked behind its condition is easy to miss when reading, and a breakpoint or a coverage
            report cannot tell the test from the action. Kernel and QEMU style want it on the next line.

            ## Example
            ```diff
            +	while (read(fd, buf, sizeof(buf)) > 0);
            +	case 8: bytes = 1; break;
            ```

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterControlAction(AnalyzeControl, CControlKind.If, CControlKind.Else, CControlKind.For, CControlKind.While,
            CControlKind.IteratorMacro);
        registration.RegisterIdentifierAction(AnalyzeLabel, RegisteredNames.Of("case", "default"));
    }

    /// <summary>An unbraced body on the line of its condition (or of its <c>else</c>).</summary>
    private void AnalyzeControl(ControlContext context)
    {
        var fragment = context.Fragment;
        var control = context.Control;
        if (control.BodyStart < 0 || control.Braced || control.IsElseIf(fragment) || CodeTokens.IsDoWhileTrailer(fragment, control)) return;
        var tokens = fragment.Tokens;
        var headerEnd = control.Kind == CControlKind.Else ? control.Keyword : control.ConditionClose;
        if (headerEnd < 0 || tokens[headerEnd].Line != tokens[control.BodyStart].Line) return;
        if (!CodeTokens.IsOnNewLine(fragment, control.Keyword)) return;
        context.Report(Descriptor, context.Keyword);
    }

    /// <summary>A statement after a <c>case</c> or <c>default</c> label on its line.</summary>
    private void AnalyzeLabel(CTokenContext label)
    {
        var fragment = label.Fragment;
        var t = label.Index;
        if (label.Token.Kind != CTokenKind.Keyword || label.Token.InDirective || !CodeTokens.IsOnNewLine(fragment, t)) return;
        var colon = LabelColon(fragment, t);
        if (colon < 0) return;
        var tokens = fragment.Tokens;
        var next = CodeTokens.Next(fragment, colon);
        if (next < 0 || tokens[next].Line != tokens[colon].Line || tokens[next].IsSymbol('{') || tokens[next].InDirective) return;
        if (fragment.Is(tokens[next], "return")) return;
        label.Report(Descriptor);
    }

    /// <summary>The <c>:</c> ending the label that starts at <paramref name="keyword"/>, brackets skipped; -1 if none.</summary>
    private static int LabelColon(CFragment fragment, int keyword)
    {
        var tokens = fragment.Tokens;
        for (var t = CodeTokens.Next(fragment, keyword); t >= 0; t = CodeTokens.Next(fragment, t))
        {
            var token = tokens[t];
            if (token.IsSymbol(':')) return t;
            if (token.IsSymbol(';') || token.IsSymbol('{') || token.IsSymbol('}') || token.IsSymbol('?')) return -1;
            if (token.IsSymbol('(') || token.IsSymbol('['))
            {
                t = fragment.Structure.MatchOf(t);
                if (t < 0) return -1;
            }
        }

        return -1;
    }
}
