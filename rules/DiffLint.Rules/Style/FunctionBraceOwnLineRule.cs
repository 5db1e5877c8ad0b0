using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a function definition whose opening <c>{</c> is on the line of its declarator.</summary>
[DiffLintRule]
public sealed class FunctionBraceOwnLineRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3022",
        name: "function-brace-own-line",
        title: "Function open brace goes on the next line",
        messageFormat: "Open brace '{{' of function {0} should be on the next line",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "OPEN_BRACE",
        qemuCheckpatchType: "Q_FUNC_BRACE_NEXT_LINE",
        documentation: """
            ## What it does
            Reports the `{` of a function definition when it shares a line with the parameter list. A function
            whose whole body sits on that same line (`static int f(void) { return 0; }`) is left alone, as
            checkpatch does. Only definitions the hunk shows from their first line are judged.

            ## Why it matters
            Kernel and QEMU style open a function body on a line of its own, unlike blocks inside it: functions
            stand out, and `grep '^{'`-based tools find them.

            ## Example
            ```diff
            +static inline u32 ror(u32 val, u16 ror) {
            ```
            should put `{` on the next line.

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterFunctionAction(Analyze);

    /// <summary>A function definition whose body opens on an added line after other code, and closes on another line.</summary>
    private void Analyze(FunctionContext context)
    {
        var function = context.Function;
        var fragment = context.Fragment;
        if (function.NameToken < 0 || function.BodyOpen < 0) return;
        var open = function.BodyOpen;
        if (CodeTokens.StartsLine(fragment, open) || !CodeTokens.IsOnNewLine(fragment, open)) return;
        var tokens = fragment.Tokens;
        if (function.BodyClose >= 0 && tokens[function.BodyClose].Line == tokens[open].Line) return;
        context.Report(Descriptor, tokens[open], function.Name);
    }
}
