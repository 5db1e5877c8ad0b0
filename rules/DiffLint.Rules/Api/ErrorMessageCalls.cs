using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>
/// A call of an error function in a fragment: the token of its name, the first and last string literal of its format
/// (-1 when it has none), and whether the token after them is visible (a ',' or ')'), so the last is known to be the last.
/// </summary>
internal readonly record struct ErrorCall(int Name, int First, int Last, bool EndSeen);

/// <summary>A rule's check of one <see cref="ErrorCall"/>.</summary>
internal delegate void ErrorCallCheck(in CallContext context, ErrorCall call);

/// <summary>
/// Calls of QEMU's error and warning functions, and the format string of each: the first run of string literals
/// among the call's top-level arguments (<c>"offset %" PRIx64 " out of range"</c>, macros between literals included).
/// Shared by the rules that judge error messages.
/// </summary>
internal static class ErrorMessageCalls
{
    /// <summary>Functions whose message is a whole sentence fragment that the function ends itself.</summary>
    private static readonly string[] Reporting =
    [
        "error_setg", "error_setg_errno", "error_setg_win32", "error_setg_file_open", "error_set", "error_vreport",
        "warn_vreport", "info_vreport", "error_report", "warn_report", "info_report", "error_report_once",
        "warn_report_once",
    ];

    /// <summary>Functions whose message is a prefix to another one (it typically ends in <c>": "</c>), and <c>g_test_message</c>.</summary>
    private static readonly string[] Prefixing = ["error_prepend", "warn_reportf_err", "error_reportf_err", "g_test_message"];

    /// <summary>
    /// Registers <paramref name="check"/> for each call of an error function in the fragments: one whose message is
    /// complete (<c>error_setg</c>, <c>error_report</c>...), and with <paramref name="includePrefixes"/> also one whose
    /// message is a prefix (<c>error_prepend</c>...) or <c>g_test_message</c>. Calls on context lines count too: a call
    /// whose name is on a line the patch leaves alone can have its message on a line the patch writes.
    /// </summary>
    public static void Register(RuleRegistration registration, bool includePrefixes, ErrorCallCheck check) =>
        registration.RegisterCallAction(call =>
        {
            var (first, last, endSeen) = Format(call.Fragment.Tokens.AsSpan(), call.Open);
            check(call, new ErrorCall(call.Name, first, last, endSeen));
        }, CallLines.All, includePrefixes ? [.. Reporting, .. Prefixing] : Reporting);

    /// <summary>
    /// The format of the call whose '(' is at <paramref name="open"/>: the indexes of its first and last string literal,
    /// and whether the token after the run is visible (a ',' or ')'), so the last literal is known to be the last.
    /// </summary>
    private static (int First, int Last, bool EndSeen) Format(ReadOnlySpan<CToken> tokens, int open)
    {
        int depth = 0, first = -1, last = -1;
        for (var t = open + 1; t < tokens.Length; t++)
        {
            ref readonly var token = ref tokens[t];
            if (token.IsComment || token.Kind == CTokenKind.Continuation) continue;
            if (token.IsSymbol('(')) depth++;
            else if (token.IsSymbol(')') && --depth < 0) return (first, last, first >= 0);
            if (depth > 0) continue;
            if (token.Kind == CTokenKind.String)
            {
                if (first < 0) first = t;
                last = t;
            }
            else if (first >= 0 && token.Kind != CTokenKind.Identifier)
            {
                return (first, last, true);
            }
        }

        return (first, last, false);
    }
}
