using System.Collections.Immutable;
using System.Text.RegularExpressions;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports a log call that prints only the function's name (<c>pr_debug("%s\n", __func__);</c>): ftrace does that.</summary>
[DiffLintRule]
public sealed partial class FunctionTraceLogRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3196", "tracing-logging", "Function-entry log message",
        "Unnecessary ftrace-like logging - prefer using ftrace", "TRACING_LOGGING", """
            ## What it does
            Reports a call whose last arguments are a format of `%s` alone (give or take `()`, a newline and up to
            three trace words or marks around it: `enter`, `exit`, `start`, `done`, `called`, `-->`, `[`, `:`...)
            and `__func__`, as in `dev_dbg(dev, "%s\n", __func__);` or `pr_info("--> %s()\n", __func__);`. The
            format is the first string of its parentheses and the statement ends there, as checkpatch reads it.

            ## Why it matters
            Such a line only says that a function ran. The function tracer says it for every function, with
            timestamps and without a rebuild, and costs nothing when off; the messages stay in the code for good.

            ## Example
            ```diff
            +	dev_dbg(&pdev->dev, "%s: enter\n", __func__);
            ```

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "__func__");

    /// <summary>checkpatch's format: up to three tags, <c>%s</c>, an optional <c>()</c>, up to three tags, an optional <c>\n</c>.</summary>
    [GeneratedRegex("""^(?i:[=-]*>|<[=-]*|\[|\]|start|called|entered|entry|enter|in|inside|here|begin|exit|end|done|leave|completed|out|return|[.!:\s]*){0,3}%s(?:\s*\(\s*\)\s*)?(?i:[=-]*>|<[=-]*|\[|\]|start|called|entered|entry|enter|in|inside|here|begin|exit|end|done|leave|completed|out|return|[.!:\s]*){0,3}(?:\\n)?$""",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex TraceFormat();

    private void Analyze(CTokenContext func)
    {
        var code = func.Code;
        var t = func.CodeIndex;
        // "format", __func__);
        if (t < 2 || t + 2 >= code.Length || !code[t - 1].IsSymbol(',') || code[t - 2].Kind != CTokenKind.String || !code[t + 1].IsSymbol(')')
            || !code[t + 2].IsSymbol(';'))
            return;
        var format = func.TextOf(code[t - 2]);
        if (format.Length < 2 || format[0] != '"' || format[^1] != '"' || !TraceFormat().IsMatch(format[1..^1]) || !FirstStringAfterParenthesis(code, t - 2))
            return;
        func.Report(Descriptor, code[t - 2]);
    }

    /// <summary>checkpatch's <c>\([^"]*"</c>: a '(' before the string with no other string or character literal between them.</summary>
    private static bool FirstStringAfterParenthesis(ReadOnlySpan<CToken> code, int literal)
    {
        for (var t = literal - 1; t >= 0; t--)
        {
            if (code[t].IsSymbol('(')) return true;
            if (code[t].Kind is CTokenKind.String or CTokenKind.Char) return false;
        }

        return false;
    }
}
