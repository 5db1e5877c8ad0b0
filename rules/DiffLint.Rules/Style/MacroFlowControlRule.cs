using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a macro that contains <c>return</c> or <c>goto</c>.</summary>
[DiffLintRule]
public sealed class MacroFlowControlRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3060",
        name: "macro-flow-control",
        title: "Macro with flow control",
        messageFormat: "Macros with flow control statements should be avoided",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "MACRO_WITH_FLOW_CONTROL",
        documentation: """
            ## What it does
            Reports, on the `#define` line, an added macro that contains `return` or `goto` (outside comments and
            strings). As in checkpatch, a macro that pastes tokens with `##` (other than `## __VA_ARGS__` or
            `## args`) is left alone: such macros usually define whole functions.

            ## Why it matters
            A macro that returns from or jumps out of its caller looks like a function call at the call site; the
            control flow of the caller cannot be read from its own code, and cleanups before the exit are easily
            skipped.

            ## Example
            ```diff
            +#define CHECK(x)	do { if (!(x)) return -EINVAL; } while (0)
            ```

            ## Configuration
            Kernel, git and U-Boot profiles (QEMU's checkpatch has no such check).
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterMacroAction(Analyze);

    private void Analyze(MacroContext context)
    {
        var macro = context.Macro;
        var fragment = context.Fragment;
        if (macro.Directive < 0 || macro.NameToken < 0 || !CodeTokens.IsOnNewLine(fragment, macro.Directive)) return;
        var tokens = fragment.Tokens;
        var end = MacroValue.EndToken(fragment, macro);
        bool flow = false, pastes = false, pastesArguments = false;
        for (var t = macro.Directive; t < end; t++)
        {
            var token = tokens[t];
            if (token.Kind == CTokenKind.Keyword && (fragment.Is(token, "return") || fragment.Is(token, "goto"))) flow = true;
            if (token.Kind != CTokenKind.Operator || !fragment.Is(token, "##")) continue;
            pastes = true;
            var next = CodeTokens.Next(fragment, t);
            if (next >= 0 && next < end && (fragment.Is(tokens[next], "__VA_ARGS__") || fragment.Is(tokens[next], "args"))) pastesArguments = true;
        }

        if (!flow || (pastes && !pastesArguments)) return;
        context.Report(Descriptor, tokens[macro.NameToken]);
    }
}
