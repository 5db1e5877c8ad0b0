using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// QEMU's statement-shape checks: <c>;;</c>, <c>while (0);</c>, <c>if (x);</c> above an indented line, and
/// <c>case</c> labels indented differently from their <c>switch</c>.
/// </summary>
[DiffLintRule]
public sealed class QemuStatementRule : PatchRule
{
    public static readonly RuleDescriptor DoubleSemicolon = Create("DL4042", "double-semicolon",
        "Superfluous trailing semicolon", "superfluous trailing semicolon", "Q_DOUBLE_SEMICOLON", """
            ## What it does
            Reports a line that ends in two semicolons (`x = 1;;`), blanks between them included.

            ## Why it matters
            The second `;` is an empty statement: harmless after an assignment, but after a declaration it is
            rejected by some compilers (`-Wpedantic`), and it usually marks an edit that went wrong.

            ## Example
            ```diff
            +    s->ctrl = val;;
            ```

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor While0Semicolon = Create("DL4043", "while0-semicolon",
        "Semicolon after while (0)", "suspicious ; after while (0)", "Q_WHILE0_SEMICOLON", """
            ## What it does
            Reports `while (0);` and `while (false);`: the end of a `do { } while (0)` with its semicolon.

            ## Why it matters
            `do { } while (0)` exists only to make a macro one statement; the caller writes the `;`. With the `;`
            in the macro, `if (x) MACRO(); else ...` no longer compiles. Outside a macro the loop does nothing a
            plain block would not.

            ## Example
            ```diff
            +#define RESET(s) do { (s)->a = 0; (s)->b = 0; } while (0);
            ```

            Unlike checkpatch, which also judges context lines here, only lines the patch adds are reported.

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor TrailingSemicolonIndent = Create("DL4044", "trailing-semicolon-indent",
        "Empty conditional body followed by an indented line", "trailing semicolon indicates no statements, indent implies otherwise",
        "Q_TRAILING_SEMICOLON_INDENT", """
            ## What it does
            Reports `if (...);`, `while (...);` or `for (...);` ending its line when the next line is indented
            deeper than the statement: the `;` is the whole body, but the indentation says the next line was meant
            to be.

            ## Why it matters
            `if (err);` followed by an indented `return err;` returns unconditionally: a classic bug the compiler
            only warns about with `-Wempty-body`.

            ## Example
            ```diff
            +    if (s->irq_pending);
            +        qemu_irq_raise(s->irq);
            ```

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor SwitchCaseIndent = Create("DL4045", "switch-case-indent",
        "case indented differently from its switch", "switch and case should be at the same indent", "Q_SWITCH_CASE_INDENT", """
            ## What it does
            Reports a `switch` whose `case` or `default:` labels (added lines, at the switch's own nesting level) are
            not at the indentation of the `switch` line, once per `switch`: on the `switch` when the patch adds it,
            otherwise on the first misplaced label.

            ## Why it matters
            QEMU (like the kernel) does not indent `case` labels; the body of each case carries one level. Mixed
            indentation in one switch makes fall-through and nesting hard to read.

            ## Example
            ```diff
            +    switch (addr) {
            +        case REG_CTRL:
            ```

            ## Configuration
            QEMU profile only.
            """);

    private static RuleDescriptor Create(string id, string name, string title, string message, string qemuType, string documentation) =>
        new(id, name, title, message, "Style", Severity.Error, documentation, qemuCheckpatchType: qemuType, profiles: ["qemu"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [DoubleSemicolon, While0Semicolon, TrailingSemicolonIndent, SwitchCaseIndent];

    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterCodeLineAction(AnalyzeLine);
        registration.RegisterIdentifierAction(AnalyzeWhile, "while");
        registration.RegisterControlAction(AnalyzeControl, CControlKind.If, CControlKind.While, CControlKind.For, CControlKind.Switch);
    }

    /// <summary>A line whose code ends with two semicolons.</summary>
    private void AnalyzeLine(CodeLineContext line)
    {
        var code = line.Code;
        if (code.Length >= 2 && code[^1].IsSymbol(';') && code[^2].IsSymbol(';')) line.Report(DoubleSemicolon, code[^1]);
    }

    private void AnalyzeWhile(CTokenContext keyword)
    {
        if (keyword.Token.Kind == CTokenKind.Keyword && IsWhileZeroSemicolon(keyword.Fragment, keyword.Index)) keyword.Report(While0Semicolon);
    }

    private void AnalyzeControl(ControlContext context)
    {
        if (context.Control.Kind == CControlKind.Switch)
        {
            if (context.Control.Braced) CheckCaseIndent(context, context.Fragment, context.Control);
        }
        else
        {
            CheckEmptyBody(context, context.Fragment, context.Control);
        }
    }

    /// <summary><c>while (0);</c> / <c>while (false);</c> written tight inside the parentheses and before the <c>;</c>.</summary>
    private static bool IsWhileZeroSemicolon(CFragment fragment, int keyword)
    {
        var tokens = fragment.Tokens;
        var open = CodeTokens.Next(fragment, keyword);
        if (open < 0 || !tokens[open].IsSymbol('(') || open + 3 >= tokens.Length) return false;
        var value = tokens[open + 1];
        var close = tokens[open + 2];
        var semicolon = tokens[open + 3];
        return (value.Kind == CTokenKind.Number && fragment.Is(value, "0") || value.Kind == CTokenKind.Keyword && fragment.Is(value, "false"))
            && value.Start == tokens[open].End && close.IsSymbol(')') && close.Start == value.End && semicolon.IsSymbol(';')
            && semicolon.Start == close.End && semicolon.Line == close.Line && close.Line == value.Line && value.Line == tokens[open].Line;
    }

    private static void CheckEmptyBody(ControlContext context, CFragment fragment, in CControl control)
    {
        var tokens = fragment.Tokens;
        if (control.BodyStart < 0 || control.ConditionClose < 0 || !tokens[control.BodyStart].IsSymbol(';')) return;
        if (CodeTokens.IsDoWhileTrailer(fragment, control)) return;
        var semicolon = tokens[control.BodyStart];
        if (semicolon.Line != tokens[control.ConditionClose].Line || !CodeTokens.EndsLine(fragment, control.BodyStart)) return;
        var keywordLine = tokens[control.Keyword].Line;
        if (!fragment.Lines[keywordLine].IsJudged || semicolon.Line + 1 >= fragment.Lines.Length) return;
        if (CodeTokens.IndentOf(fragment, semicolon.Line + 1, 8) > CodeTokens.IndentOf(fragment, keywordLine, 8))
        {
            context.Report(TrailingSemicolonIndent, tokens[control.Keyword]);
        }
    }

    private static void CheckCaseIndent(ControlContext context, CFragment fragment, in CControl control)
    {
        var tokens = fragment.Tokens;
        var switchLine = tokens[control.Keyword].Line;
        var indent = CodeTokens.IndentOf(fragment, switchLine, 8);
        var end = control.BodyEnd >= 0 ? control.BodyEnd : tokens.Length;
        var depth = 0;
        for (var t = control.BodyStart + 1; t < end; t++)
        {
            var token = tokens[t];
            if (token.InDirective || !token.IsCode) continue;
            if (token.IsSymbol('{')) depth++;
            else if (token.IsSymbol('}')) depth--;
            if (depth != 0 || token.Kind != CTokenKind.Keyword || !(fragment.Is(token, "case") || fragment.Is(token, "default"))) continue;
            if (!fragment.Lines[token.Line].IsAdded || !CodeTokens.StartsLine(fragment, t)) continue;
            if (CodeTokens.IndentOf(fragment, token.Line, 8) == indent) continue;
            context.Report(SwitchCaseIndent, fragment.Lines[switchLine].IsJudged ? tokens[control.Keyword] : token);
            return;
        }
    }
}
