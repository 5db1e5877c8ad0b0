using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports <c>x == NULL</c> and <c>x != NULL</c>, which the kernel writes <c>!x</c> and <c>x</c>.</summary>
[DiffLintRule]
public sealed class ComparisonToNullRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3105",
        name: "comparison-to-null",
        title: "Comparison to NULL",
        messageFormat: "Comparison to NULL could be written \"{0}\"",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "COMPARISON_TO_NULL",
        documentation: """
            ## What it does
            Reports a name, a member chain (`dev->priv`, `cfg.ops[i]`) or a call (`find_dev(id)`) compared to `NULL`
            with `==` or `!=`, and says how to write it: `!dev->priv` or `dev->priv`. The suggestion names what
            stands before the comparison as checkpatch does: for a call, the function's name only. `NULL == x` is
            not reported.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            A pointer is a truth value in C; kernel code tests it directly, and strict maintainers ask for the
            shorter form.

            ## Example
            ```diff
            +	if (priv->regmap == NULL)
            ```
            should be `if (!priv->regmap)`.

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "NULL");

    /// <summary><c>lvalue == NULL</c> or <c>lvalue != NULL</c>, the operator right before <c>NULL</c> on its line.</summary>
    private void Analyze(CTokenContext context)
    {
        var fragment = context.Fragment;
        var tokens = fragment.Tokens;
        var t = context.Index - 1;
        if (t < 1) return;
        var token = tokens[t];
        if (token.Kind != CTokenKind.Operator || token.Length != 2 || token.First is not ('=' or '!') || fragment.TextOf(token)[1] != '=') return;
        if (token.Line != context.Line) return;
        ref readonly var line = ref fragment.Lines.ItemRef(context.Line);
        var last = t - 1;
        if (tokens[last].Line != token.Line) return;
        if (tokens[last].IsSymbol(')'))
        {
            // A call: checkpatch names the function, not its arguments.
            last = fragment.Structure.MatchOf(last) - 1;
            if (last < line.FirstToken) return;
        }

        var first = LvalueStart(fragment, last, line.FirstToken);
        if (first < 0) return;
        var name = line.Text[tokens[first].Start..tokens[last].End].ToString();
        context.Source.Report(Descriptor, fragment, tokens[first], (token.First == '=' ? "!" : "") + name);
    }

    /// <summary>
    /// The first token of the lvalue ending at <paramref name="last"/> (a name followed by <c>-&gt;name</c>,
    /// <c>.name</c> and <c>[...]</c> without blanks around <c>-&gt;</c> and <c>.</c>), or -1.
    /// </summary>
    internal static int LvalueStart(CFragment fragment, int last, int lineStart)
    {
        var tokens = fragment.Tokens;
        var t = last;
        while (true)
        {
            while (t >= lineStart && tokens[t].IsSymbol(']'))
            {
                var open = fragment.Structure.MatchOf(t);
                if (open <= lineStart || tokens[open].Line != tokens[t].Line) return -1;
                t = open - 1;
            }

            if (t < lineStart || !CDeclarationShape.IsWord(tokens[t])) return -1;
            var member = t - 1;
            if (member <= lineStart || tokens[member].End != tokens[t].Start || tokens[member].Kind != CTokenKind.Operator
                || !(fragment.Is(tokens[member], "->") || fragment.Is(tokens[member], "."))) return t;
            var owner = member - 1;
            if (tokens[owner].End != tokens[member].Start || !(CDeclarationShape.IsWord(tokens[owner]) || tokens[owner].IsSymbol(']'))) return t;
            t = owner;
        }
    }
}
