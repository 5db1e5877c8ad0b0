using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Comparison to true or false.</summary>
[DiffLintRule]
public sealed class BoolComparisonRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3123",
        name: "bool-comparison",
        title: "Comparison to true or false",
        messageFormat: "Using comparison to {0} is error prone",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "BOOL_COMPARISON",
        documentation: """
            ## What it does
            Reports an added line whose first comparison of two names (`==` or `!=` between names, member chains or
            `true`/`false`, in any case) compares with `true` or `false`: `if (ready == true)`. As in checkpatch only the
            first such comparison of a line is looked at.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            Any non-zero value is true in C, so `x == true` is not the same as `x` when `x` is not a `bool`; the plain
            test, or `!x`, says what is meant.

            ## Example
            ```diff
            +	if (priv->ready == true)
            ```

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterSymbolAction(Analyze, RegisteredNames.Of("==", "!="));

    private void Analyze(CTokenContext context)
    {
        var fragment = context.Fragment;
        var tokens = fragment.Tokens;
        ref readonly var line = ref fragment.Lines.ItemRef(context.Line);
        var t = context.Index;
        if (!ComparesNames(fragment, t, line)) return;
        // checkpatch names the left side when it is true or false, else the right one.
        var named = IsBool(fragment.TextOf(tokens[t - 1])) ? tokens[t - 1] : tokens[t + 1];
        if (!IsBool(fragment.TextOf(named))) return;
        // checkpatch reads the first such comparison of the line only.
        for (var earlier = t - 1; earlier > line.FirstToken; earlier--)
        {
            if (ComparesNames(fragment, earlier, line)) return;
        }

        context.Source.Report(Descriptor, fragment, named, fragment.TextOf(named).ToString());
    }

    /// <summary>Token <paramref name="t"/> is <c>==</c> or <c>!=</c> between a name (or indexed name) and a word, on <paramref name="line"/>.</summary>
    private static bool ComparesNames(CFragment fragment, int t, in CLine line)
    {
        if (t <= line.FirstToken || t + 1 >= line.EndToken) return false;
        var tokens = fragment.Tokens;
        var token = tokens[t];
        if (token.Kind != CTokenKind.Operator || !(fragment.Is(token, "==") || fragment.Is(token, "!="))) return false;
        return EndsLvalue(fragment, t - 1, line.FirstToken) && CDeclarationShape.IsWord(tokens[t + 1]);
    }

    /// <summary>Token <paramref name="index"/> ends a name or member chain: a word, or the <c>]</c> of an index applied to one.</summary>
    private static bool EndsLvalue(CFragment fragment, int index, int lineStart)
    {
        var tokens = fragment.Tokens;
        if (CDeclarationShape.IsWord(tokens[index])) return true;
        if (!tokens[index].IsSymbol(']')) return false;
        var open = fragment.Structure.MatchOf(index);
        return open > lineStart && tokens[open].Line == tokens[index].Line && CDeclarationShape.IsWord(tokens[open - 1])
            && tokens[open - 1].End == tokens[open].Start;
    }

    private static bool IsBool(ReadOnlySpan<char> word) =>
        word.Equals("true", StringComparison.OrdinalIgnoreCase) || word.Equals("false", StringComparison.OrdinalIgnoreCase);
}
