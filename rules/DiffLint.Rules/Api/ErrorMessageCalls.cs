using System.Collections.Frozen;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>
/// Calls of QEMU's error and warning functions, and the format string of each: the first run of string literals
/// among the call's top-level arguments (<c>"offset %" PRIx64 " out of range"</c>, macros between literals included).
/// Shared by the rules that judge error messages.
/// </summary>
internal static class ErrorMessageCalls
{
    /// <summary>Functions whose message is a whole sentence fragment that the function ends itself.</summary>
    private static readonly FrozenSet<string> Reporting = FrozenSet.Create(StringComparer.Ordinal,
    [
        "error_setg", "error_setg_errno", "error_setg_win32", "error_setg_file_open", "error_set", "error_vreport",
        "warn_vreport", "info_vreport", "error_report", "warn_report", "info_report", "error_report_once",
        "warn_report_once",
    ]);

    /// <summary>Functions whose message is a prefix to another one (it typically ends in <c>": "</c>).</summary>
    private static readonly FrozenSet<string> Prefixing = FrozenSet.Create(StringComparer.Ordinal,
        ["error_prepend", "warn_reportf_err", "error_reportf_err"]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ReportingLookup = Reporting.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PrefixingLookup = Prefixing.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether <paramref name="name"/> names an error function whose message is a complete one (not a prefix).</summary>
    public static bool IsReporting(ReadOnlySpan<char> name) => ReportingLookup.Contains(name);

    /// <summary>Whether <paramref name="name"/> names an error function whose message is a prefix of another message.</summary>
    public static bool IsPrefixing(ReadOnlySpan<char> name) => PrefixingLookup.Contains(name);

    /// <summary>
    /// The format of the call whose '(' is at <paramref name="open"/>: the indexes of its first and last string literal,
    /// and whether the token after the run is visible (a ',' or ')'), so the last literal is known to be the last.
    /// </summary>
    public static (int First, int Last, bool EndSeen) Format(ReadOnlySpan<CToken> tokens, int open)
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
