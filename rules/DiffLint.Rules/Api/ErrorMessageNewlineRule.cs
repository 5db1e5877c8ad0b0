using System.Collections.Frozen;
using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports a <c>\n</c> in the message of QEMU's error and warning functions, across string continuations.</summary>
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

    private static readonly FrozenSet<string> Functions = FrozenSet.Create(StringComparer.Ordinal,
    [
        "error_setg", "error_setg_errno", "error_setg_win32", "error_setg_file_open", "error_set", "error_prepend",
        "warn_reportf_err", "error_reportf_err", "error_vreport", "warn_vreport", "info_vreport", "error_report",
        "warn_report", "info_report", "error_report_once", "warn_report_once", "g_test_message",
    ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> FunctionLookup = Functions.GetAlternateLookup<ReadOnlySpan<char>>();

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        foreach (var fragment in context.Fragments)
        {
            var tokens = fragment.Tokens.AsSpan();
            for (var t = 0; t < tokens.Length; t++)
            {
                ref readonly var token = ref tokens[t];
                if (token.Kind != CTokenKind.Identifier || !FunctionLookup.Contains(fragment.TextOf(token))) continue;
                if (!CallSyntax.IsCall(fragment, tokens, t)) continue;
                CheckMessage(context, fragment, tokens, t + 2, fragment.TextOf(token).ToString());
            }
        }
    }

    /// <summary>Reads the first run of string literals among the call's top-level arguments (the format).</summary>
    private static void CheckMessage(CSourceContext context, CFragment fragment, ReadOnlySpan<CToken> tokens, int first, string function)
    {
        var depth = 0;
        var inFormat = false;
        for (var t = first; t < tokens.Length; t++)
        {
            ref readonly var token = ref tokens[t];
            if (token.IsComment || token.Kind == CTokenKind.Continuation) continue;
            if (token.IsSymbol('(')) depth++;
            else if (token.IsSymbol(')') && --depth < 0) return;
            if (depth > 0) continue;
            if (token.Kind == CTokenKind.String)
            {
                inFormat = true;
                if (token.IsAdded && HasNewlineEscape(fragment.TextOf(token)))
                {
                    context.Report(Descriptor, fragment, token, function);
                    return;
                }
            }
            else if (inFormat && token.Kind != CTokenKind.Identifier)
            {
                return;
            }
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
