using System.Collections.Immutable;
using System.Text.RegularExpressions;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports the first use in a patch of each identifier written in CamelCase.</summary>
[DiffLintRule]
public sealed partial class CamelCaseRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3102",
        name: "camel-case",
        title: "CamelCase identifier",
        messageFormat: "Avoid CamelCase: <{0}>",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "CAMELCASE",
        documentation: """
            ## What it does
            Reports an identifier that mixes case inside a word (`fooBar`, `DBusMessage`, `PRIu64`) the first time an
            added line of the patch uses it; later uses are not reported again. Identifiers are read from the code
            (not from strings or comments), as checkpatch does, a member chain at a time (`dev->fooBar[i]`). Left
            alone, as in checkpatch: generated names such as `FOO_BAR_Baz`, the `PageFoo`/`SetPageFoo` family,
            `ETHTOOL_LINK_MODE_*`, names whose only mixed case is a unit (`max_uV`, `RANGE_mA_VALUE`, `size_MiB`,
            `freq_KHz`).

            checkpatch also remembers the CamelCase names of the kernel's include files when it runs inside a tree;
            DiffLint reads the patch only, so a name from a header is reported once per patch.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            Kernel names are lower case with underscores; a CamelCase name usually comes from code written for
            another project, and reviewers ask for it to be renamed.

            ## Example
            ```diff
            +	int maxValue = 0;
            ```
            should be `max_value`.

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    // The names checkpatch leaves alone, matched against a whole member chain; short strings, no backtracking. Built on
    // first use, not with the rule's descriptor: a NonBacktracking regex costs milliseconds to build, and every run
    // reads every descriptor at start, strict or not.
    [GeneratedRegex(
        @"^(?:[A-Z]+_){1,5}[A-Z]{1,3}[a-z]|^(?:Clear|Set|TestClear|TestSet|)Page[A-Z]|^ETHTOOL_LINK_MODE_"
        + @"|^(?:[a-z0-9_]*|[A-Z0-9_]*)?_?[a-z][A-Z](?:_[a-z0-9_]+|_[A-Z0-9_]+)?$"
        + @"|^(?:[a-z_]*?)_?(?:[KMGT]iB|[KMGT]?Hz)(?:_[a-z_]+)?$",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex Exempt { get; }

    // The CamelCase names met so far in the patch, reported or not (checkpatch reports each once per run, in input order).
    private static readonly PatchValueProvider<HashSet<string>> Seen = new(_ => new HashSet<string>(StringComparer.Ordinal));

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterFragmentAction(Analyze);

    /// <summary>
    /// Reads every added line, moved ones too: checkpatch reports a name once, where it first meets it, and a report
    /// on a moved line is dropped rather than moved to a later line.
    /// </summary>
    private void Analyze(CFragmentContext context)
    {
        HashSet<string>? seen = null;
        var fragment = context.Fragment;
        var tokens = fragment.Tokens;
        foreach (ref readonly var line in fragment.Lines.AsSpan())
        {
            if (!line.IsAdded) continue;
            var end = line.EndToken;
            for (var t = line.FirstToken; t < end; t++)
            {
                if (!CDeclarationShape.IsWord(tokens[t])) continue;
                var last = MemberChainEnd(fragment, t, end);
                var chain = line.Text[tokens[t].Start..tokens[last].End];
                if (IsCamel(chain) && !Exempt.IsMatch(chain))
                {
                    for (var w = t; w <= last; w++)
                    {
                        if (!CDeclarationShape.IsWord(tokens[w])) continue;
                        var word = fragment.TextOf(tokens[w]);
                        if (!IsCamel(word)) continue;
                        seen ??= context.Source.GetValue(Seen);
                        if (!seen.Add(word.ToString())) continue;
                        if (line.IsJudged) context.Report(Descriptor, tokens[w], word.ToString());
                    }
                }

                t = last;
            }
        }
    }

    /// <summary>
    /// The last token of checkpatch's lvalue starting at word <paramref name="first"/>: the word followed by
    /// <c>-&gt;name</c>, <c>.name</c> and <c>[...]</c> written without blanks.
    /// </summary>
    private static int MemberChainEnd(CFragment fragment, int first, int end)
    {
        var tokens = fragment.Tokens;
        var last = first;
        while (last + 1 < end && tokens[last + 1].Start == tokens[last].End)
        {
            var next = tokens[last + 1];
            if (next.Kind == CTokenKind.Operator && (fragment.Is(next, "->") || fragment.Is(next, ".")) && last + 2 < end
                && CDeclarationShape.IsWord(tokens[last + 2]) && tokens[last + 2].Start == next.End)
            {
                last += 2;
                continue;
            }

            if (!next.IsSymbol('[')) break;
            var close = fragment.Structure.MatchOf(last + 1);
            if (close < 0 || close >= end) break;
            last = close;
        }

        return last;
    }

    /// <summary>An upper-case letter next to a lower-case one, in either order.</summary>
    private static bool IsCamel(ReadOnlySpan<char> text)
    {
        for (var i = 1; i < text.Length; i++)
        {
            if ((char.IsAsciiLetterUpper(text[i - 1]) && char.IsAsciiLetterLower(text[i]))
                || (char.IsAsciiLetterLower(text[i - 1]) && char.IsAsciiLetterUpper(text[i])))
                return true;
        }

        return false;
    }
}
