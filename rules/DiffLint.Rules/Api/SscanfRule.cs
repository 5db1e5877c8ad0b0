using System.Collections.Immutable;
using System.Text.RegularExpressions;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>sscanf()</c> whose result is not checked, and <c>sscanf()</c> of one number, which <c>kstrto*()</c> parses.</summary>
[DiffLintRule]
public sealed partial class SscanfRule : PatchRule
{
    private const string Documentation = """
        ## What it does
        Reads a `sscanf()` call on the line where its statement starts, as checkpatch reads the statement:
        - DL3217: its result is neither assigned (`n = sscanf(...)`) nor compared (`sscanf(...) != 1`,
          `2 == sscanf(...)`);
        - DL3218: its format is one conversion of an integer alone, such as `"%d"`, `"%lu"`, `"%hhx"` or `"%llx"`,
          with nothing else in the string.

        ## Why it matters
        `sscanf()` returns how many fields it converted; unchecked, the variables keep whatever they held when
        the input does not parse. For a single number `kstrtoint()`, `kstrtoul()` and friends reject trailing
        garbage and overflow and return an error code to pass on.

        ## Example
        ```diff
        +	sscanf(buf, "%d", &val);
        ```
        Write `ret = kstrtoint(buf, 10, &val); if (ret) return ret;`.

        ## Configuration
        Kernel and U-Boot profiles.
        """;

    public static readonly RuleDescriptor Unchecked = KernelApiDescriptor.Create("DL3217", "naked-sscanf", "Unchecked sscanf() result",
        "unchecked sscanf return value", "NAKED_SSCANF", Documentation);

    public static readonly RuleDescriptor SingleNumber = KernelApiDescriptor.Create("DL3218", "sscanf-to-kstrto", "sscanf() of a single number",
        "Prefer kstrto<type> to single variable sscanf", "SSCANF_TO_KSTRTO", Documentation);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Unchecked, SingleNumber];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCallAction(Analyze, "sscanf");

    /// <summary>checkpatch's single-conversion formats: <c>"%(?i:ll[udxi]|[udxi]ll|ll|[hl]h?[udxi]|[udxi][hl]h?|[hl]h?|[udxi])"</c>.</summary>
    [GeneratedRegex("""^"%(?i:ll[udxi]|[udxi]ll|ll|[hl]h?[udxi]|[udxi][hl]h?|[hl]h?|[udxi])"$""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex SingleConversion();

    private void Analyze(CallContext call)
    {
        var fragment = call.Fragment;
        var code = call.Code;
        if (!CallsOnLine.IsFirst(call) || !StatementStart.IsOnLineOf(fragment, call.Name, call.CodeIndex)) return;
        var t = call.CodeIndex;
        var close = CallSyntax.Close(code, t + 1);
        var assignedOrCompared = (t > 0 && (IsComparison(fragment, code[t - 1]) || (code[t - 1].IsSymbol('=') && t > 1 && code[t - 2].Kind == CTokenKind.Identifier)))
            || (close > 0 && close + 1 < code.Length && IsComparison(fragment, code[close + 1]));
        if (!assignedOrCompared && close > 0) call.Report(Unchecked);

        var end = FunctionArguments.End(fragment, code, t + 2);
        if (end > 0 && end + 1 < code.Length && code[end].IsSymbol(',') && code[end + 1].Kind == CTokenKind.String
            && SingleConversion().IsMatch(call.TextOf(code[end + 1])))
            call.Report(SingleNumber);
    }

    private static bool IsComparison(CFragment fragment, in CToken token) =>
        token.Kind == CTokenKind.Operator && fragment.TextOf(token) is "==" or "!=" or "<" or ">" or "<=" or ">=";
}
