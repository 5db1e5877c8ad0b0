using System.Collections.Immutable;
using System.Text.RegularExpressions;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a number cast to a C integer type: <c>(unsigned long)1</c>.</summary>
[DiffLintRule]
public sealed class TypecastIntConstantRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3157",
        name: "typecast-int-constant",
        title: "Integer constant cast to a C90 integer type",
        messageFormat: "Unnecessary typecast of c90 int constant - '{0}{1}' could be '{1}{2}'",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "TYPECAST_INT_CONSTANT",
        documentation: """
            ## What it does
            Reports, once a line, a number right after a cast to a C90 integer type made of `int`, `long`, `long long` and `signed`/`unsigned` (`(int)0`, `(unsigned long) 1`, `(long long)5`), as kernel checkpatch does. The message proposes the number with the suffix of the cast (`U`, `L`, `LL`) appended, as checkpatch writes it: a suffix the number already has is kept, so check the proposal before applying it.

            ## Why it matters
            A suffix says the same thing in less space: `1UL << n` rather than `(unsigned long)1 << n`.

            ## Example
            ```diff
            +	mask = (unsigned long)1 << bit;
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    /// <summary>Checkpatch's <c>$Constant</c>: a hexadecimal or decimal float, a binary, octal, hexadecimal or decimal integer.</summary>
    private static readonly Regex Constant = new(
        @"^(?:0[xX][0-9a-fA-F]+[pP]-?[0-9]+[fFlL]?|(?:[0-9]+\.[0-9]*|[0-9]*\.[0-9]+)(?:[eE]-?[0-9]+)?[fFlL]?|[0-9]+[eE]-?[0-9]+[fFlL]?|" +
        @"(?:0[bB][01]+|0[0-7]+|0[xX][0-9a-fA-F]+|[0-9]+)(?:[lL][lL][uU]|[uU][lL][lL]|[lL][lL]|[lL][uU]|[uU][lL]|[lL]|[uU])?)$",
        RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    private static void Analyze(CSourceContext context)
    {
        foreach (var fragment in context.Fragments)
        {
            var tokens = fragment.Tokens;
            foreach (var line in fragment.Lines)
            {
                if (!line.IsJudged) continue;
                for (var t = line.FirstToken; t + 3 < line.EndToken; t++)
                {
                    if (!tokens[t].IsSymbol('(')) continue;
                    var first = TypeWords.AdjacentAfter(fragment, t);
                    if (first < 0) continue;
                    var last = IntegerTypeRuns.RunEnd(fragment, first);
                    if (last < 0) continue;
                    var close = TypeWords.AdjacentAfter(fragment, last);
                    if (close < 0 || !tokens[close].IsSymbol(')')) continue;
                    var number = TypeWords.AdjacentAfter(fragment, close);
                    if (number < 0 || tokens[number].Kind != CTokenKind.Number) continue;
                    var cast = fragment.Lines[tokens[t].Line].Text[tokens[t].Start..tokens[number].Start].ToString();
                    var words = fragment.Lines[tokens[t].Line].Text[tokens[first].Start..tokens[last].End].ToString();
                    var constant = fragment.TextOf(tokens[number]).ToString();
                    if (!IntegerTypeRuns.C90Type.IsMatch(words) || !Constant.IsMatch(constant)) continue;
                    context.Report(Descriptor, fragment, tokens[t], cast, constant, Suffix(words));
                    break;
                }
            }
        }
    }

    /// <summary><c>U</c> for an unsigned cast, then <c>LL</c> for <c>long long</c> or <c>L</c> for <c>long</c>.</summary>
    private static string Suffix(string words)
    {
        var parts = words.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var longs = parts.Count(part => part == "long");
        var unsigned = parts.Contains("unsigned") ? "U" : "";
        return unsigned + (longs >= 2 ? "LL" : longs == 1 ? "L" : "");
    }
}
