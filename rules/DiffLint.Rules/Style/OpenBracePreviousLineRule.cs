using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// Reports a <c>{</c> put on its own line after a control statement's header, or after the <c>=</c> of an
/// initializer: both styles keep it on the line before.
/// </summary>
[DiffLintRule]
public sealed class OpenBracePreviousLineRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3021",
        name: "open-brace-previous-line",
        title: "Open brace belongs on the previous line",
        messageFormat: "That open brace { should be on the previous line",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "OPEN_BRACE",
        checkpatchMessage: "that open brace {{ should be on the previous line",
        qemuCheckpatchType: "Q_OPEN_BRACE_PREV_LINE",
        documentation: """
            ## What it does
            Reports the block of `if`, `else`, `for`, `while`, `do`, `switch` or a `for_each` iterator macro
            whose `{` starts a line of its own after the header: the finding is on the keyword, as checkpatch
            places it. Also reports a `{` that starts a line right after a line ending in `=` (an initializer),
            on the brace. Function definitions are the opposite case (DL3022).

            ## Why it matters
            Kernel and QEMU style put the opening brace of blocks and initializers at the end of the line that
            introduces them (K&R); a brace on its own line there reads as GNU style and costs a line.

            ## Example
            ```diff
            +	if (first)
            +	{
            ```
            should be `if (first) {`.

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterControlAction(AnalyzeControl);
        registration.RegisterSymbolAction(AnalyzeInitializer, "{");
    }

    /// <summary>A control statement whose braced body opens on a line of its own.</summary>
    private void AnalyzeControl(ControlContext context)
    {
        var control = context.Control;
        var fragment = context.Fragment;
        if (!control.Braced || control.BodyStart < 0) return;
        var headerEnd = control.Kind is CControlKind.Else or CControlKind.Do ? control.Keyword : control.ConditionClose;
        if (headerEnd < 0 || !CodeTokens.StartsLine(fragment, control.BodyStart)) return;
        if (!CodeTokens.IsOnNewLine(fragment, control.Keyword) || !fragment.Lines[fragment.Tokens[control.BodyStart].Line].IsNew) return;
        context.Report(Descriptor, context.Keyword);
    }

    /// <summary>An initializer whose <c>{</c> opens a line under its <c>=</c>.</summary>
    private void AnalyzeInitializer(CTokenContext brace)
    {
        var fragment = brace.Fragment;
        var t = brace.Index;
        if (brace.Token.InDirective || !CodeTokens.IsOnNewLine(fragment, t) || !CodeTokens.StartsLine(fragment, t)) return;
        var before = CodeTokens.Previous(fragment, t);
        if (before >= 0 && fragment.Tokens[before].IsSymbol('=') && !fragment.Tokens[before].InDirective) brace.Report(Descriptor);
    }
}
