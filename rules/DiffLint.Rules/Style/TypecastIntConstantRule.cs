using System.Collections.Immutable;
using System.Text.RegularExpressions;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a number cast to a C integer type: <c>(unsigned long)1</c>.</summary>
[DiffLintRule]
public sealed partial class TypecastIntConstantRule : PatchRule
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

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterIdentifierAction(Analyze, RegisteredNames.Of("char", "short", "int", "long", "signed", "unsigned"));

    /// <summary>Checkpatch's <c>$Constant</c>: a hexadecimal or decimal float, a binary, octal, hexadecimal or decimal integer.
    /// Anchored at both ends, so one token is read in linear time; the timeout is generous because a short one fired
    /// under load and became an internal error (DL9001).</summary>
    [GeneratedRegex(
        @"^(?:0[xX][0-9a-fA-F]+[pP]-?[0-9]+[fFlL]?|(?:[0-9]+\.[0-9]*|[0-9]*\.[0-9]+)(?:[eE]-?[0-9]+)?[fFlL]?|[0-9]+[eE]-?[0-9]+[fFlL]?|" +
        @"(?:0[bB][01]+|0[0-7]+|0[xX][0-9a-fA-F]+|[0-9]+)(?:[lL][lL][uU]|[uU][lL][lL]|[lL][lL]|[lL][uU]|[uU][lL]|[lL]|[uU])?)$",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex Constant { get; }

    /// <summary>An integer type word: the cast's first word when the token before it is the <c>(</c>.</summary>
    private void Analyze(CTokenContext word)
    {
        var fragment = word.Fragment;
        var open = word.Index - 1;
        if (!IsCastConstant(fragment, open, out var last, out var number) || !FirstOnLine.Is(fragment, open, IsCastConstant)) return;
        var tokens = fragment.Tokens;
        var text = word.LineText;
        var cast = text[tokens[open].Start..tokens[number].Start].ToString();
        var words = text[tokens[word.Index].Start..tokens[last].End].ToString();
        word.Source.Report(Descriptor, fragment, tokens[open], cast, fragment.TextOf(tokens[number]).ToString(), Suffix(words));
    }

    private static bool IsCastConstant(CFragment fragment, int open) => IsCastConstant(fragment, open, out _, out _);

    /// <summary>
    /// A <c>(</c> at <paramref name="open"/>, a C90 integer type ending at <paramref name="last"/>, <c>)</c> and a
    /// constant at <paramref name="number"/>, with only blanks between them.
    /// </summary>
    private static bool IsCastConstant(CFragment fragment, int open, out int last, out int number)
    {
        last = number = -1;
        var tokens = fragment.Tokens;
        if (open < 0 || !tokens[open].IsSymbol('(') || open + 3 >= fragment.Lines.ItemRef(tokens[open].Line).EndToken) return false;
        var first = TypeWords.AdjacentAfter(fragment, open);
        if (first < 0) return false;
        last = IntegerTypeRuns.RunEnd(fragment, first);
        if (last < 0) return false;
        var close = TypeWords.AdjacentAfter(fragment, last);
        if (close < 0 || !tokens[close].IsSymbol(')')) return false;
        number = TypeWords.AdjacentAfter(fragment, close);
        if (number < 0 || tokens[number].Kind != CTokenKind.Number) return false;
        var words = fragment.Lines.ItemRef(tokens[open].Line).Text[tokens[first].Start..tokens[last].End];
        return IntegerTypeRuns.C90Type.IsMatch(words) && Constant.IsMatch(fragment.TextOf(tokens[number]));
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
