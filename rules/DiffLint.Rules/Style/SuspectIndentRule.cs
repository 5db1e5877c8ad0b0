using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;
using DiffLint.Core.Profiles;

namespace DiffLint.Rules.Style;

/// <summary>
/// Reports a control statement whose first body statement is not indented deeper than the keyword's line, or
/// not by a whole indentation step.
/// </summary>
[DiffLintRule]
public sealed class SuspectIndentRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3033",
        name: "suspect-indent",
        title: "Suspect indentation of a conditional body",
        messageFormat: "Suspect code indent for conditional statements ({0}, {1})",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "SUSPECT_CODE_INDENT",
        checkpatchMessage: "suspect code indent for conditional statements ({0}, {1})",
        qemuCheckpatchType: "Q_SUSPECT_INDENT",
        documentation: """
            ## What it does
            Looks at the first statement of the body of `if`, `else`, `for`, `while`, `do`, `switch` and `for_each`
            macros when it starts a line of its own: it is reported when its indentation (in columns, tabs to
            the profile's tab width) is not deeper than that of the keyword's line, or not a whole number of
            indentation steps (4 columns in 4-space profiles, one tab otherwise). The message gives both
            indentations, as checkpatch does. Labels and preprocessor lines are not statements and are skipped.
            The finding is on the keyword when the patch writes that line, otherwise on the body line the patch
            writes (checkpatch then points at the unchanged keyword line). Re-indented code is not judged.

            ## Why it matters
            Indentation that does not follow the block structure makes the code read differently from how it
            runs, the classic example being a second statement indented under an unbraced `if`.

            ## Example
            ```diff
            +    if ((NULL == BootList.first->next) && !tpm_can_show_menu()) {
            +       printf("\n");
            ```
            The body is indented 7 columns, the `if` 4.

            ## Configuration
            The indentation step comes from the profile (`Indentation`, `TabWidth`).
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterControlAction(Analyze);

    private void Analyze(ControlContext context)
    {
        var fragment = context.Fragment;
        var control = context.Control;
        if (control.BodyStart < 0 || control.IsElseIf(fragment) || CodeTokens.IsDoWhileTrailer(fragment, control)) return;
        var tokens = fragment.Tokens;
        var first = control.Braced ? CodeTokens.Next(fragment, control.BodyStart) : control.BodyStart;
        if (first < 0 || (control.Braced && first == control.BodyEnd)) return;
        ref readonly var statement = ref tokens.ItemRef(first);
        if (statement.InDirective || IsLabel(fragment, first) || !CodeTokens.StartsLine(fragment, first)) return;
        ref readonly var keyword = ref context.Keyword;
        if (statement.Line == keyword.Line) return;
        ref readonly var keywordLine = ref fragment.Lines.ItemRef(keyword.Line);
        ref readonly var bodyLine = ref fragment.Lines.ItemRef(statement.Line);
        if (!keywordLine.IsNew && !bodyLine.IsNew) return;
        if (keywordLine.Move == MoveKind.Reindented || bodyLine.Move == MoveKind.Reindented) return;
        var profile = context.Source.Profile;
        var tabWidth = profile.TabWidth;
        var step = profile.Indentation == IndentationStyle.FourSpaces ? 4 : tabWidth;
        var indent = CodeTokens.IndentOf(fragment, keyword.Line, tabWidth);
        var bodyIndent = CodeTokens.IndentOf(fragment, statement.Line, tabWidth);
        if (bodyIndent > indent && bodyIndent % step == 0) return;
        if (keywordLine.IsNew) context.Report(Descriptor, keyword, indent, bodyIndent);
        else context.Source.Report(Descriptor, fragment, statement.Line, 0, statement.End, null, indent, bodyIndent);
    }

    private static bool IsLabel(CFragment fragment, int token)
    {
        var t = fragment.Tokens[token];
        if (t.Kind == CTokenKind.Keyword) return fragment.Is(t, "case") || fragment.Is(t, "default");
        var next = CodeTokens.Next(fragment, token);
        return t.Kind == CTokenKind.Identifier && next >= 0 && fragment.Tokens[next].IsSymbol(':');
    }
}
