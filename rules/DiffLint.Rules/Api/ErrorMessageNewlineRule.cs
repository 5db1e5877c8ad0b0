using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports a <c>\n</c> in the message of QEMU's error and warning functions, across string continuations.</summary>
[DiffLintRule]
public sealed class ErrorMessageNewlineRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = QemuApiDescriptor.Create("DL4008", "error-message-newline",
        "Newline in an error message", "Error messages should not contain newlines ({0})", "Q_ERROR_MSG_NEWLINE", """
            ## What it does
            Reports a `\n` in the message string of `error_setg()`, `error_setg_errno()`, `error_set()`,
            `error_prepend()`, `error_report()`, `warn_report()`, `info_report()`, their `v`/`f_err` variants and
            `g_test_message()`. The message may start on a later line than the call and be split into several
            literals (`"abc" "def\n"`, with `PRIx64`-style macros between); every literal of the format is read.

            ## Why it matters
            These functions add the newline themselves (and `error_setg()` messages are embedded in longer
            messages); a trailing `\n` prints an empty line or breaks the sentence.

            ## Example
            ```diff
            +        error_report(
            +            "so_ffamily unknown, unable to save so_faddr and so_fport\n");
            ```

            ## Configuration
            QEMU profile only.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => ErrorMessageCalls.Register(registration, includePrefixes: true, Check);

    /// <summary>Reports the first literal of the format that the patch adds with a <c>\n</c> in it.</summary>
    private static void Check(in CallContext context, ErrorCall call)
    {
        var fragment = context.Fragment;
        for (var l = call.First; l >= 0 && l <= call.Last; l++)
        {
            ref readonly var literal = ref fragment.Tokens.ItemRef(l);
            if (literal.Kind != CTokenKind.String || !literal.IsAdded || !HasNewlineEscape(fragment.TextOf(literal))) continue;
            context.Report(Descriptor, literal, fragment.TextOf(fragment.Tokens[call.Name]).ToString());
            break;
        }
    }

    private static bool HasNewlineEscape(ReadOnlySpan<char> literal)
    {
        for (var i = 0; i + 1 < literal.Length; i++)
        {
            if (literal[i] != '\\') continue;
            if (literal[i + 1] == 'n') return true;
            i++;
        }

        return false;
    }
}
