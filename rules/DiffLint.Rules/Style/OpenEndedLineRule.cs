using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a line of code that ends with an open <c>(</c> or <c>[</c>.</summary>
[DiffLintRule]
public sealed class OpenEndedLineRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3106",
        name: "open-ended-line",
        title: "Line ends with an open parenthesis or bracket",
        messageFormat: "Lines should not end with a '{0}'",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "OPEN_ENDED_LINE",
        documentation: """
            ## What it does
            Reports an added line whose last code character (trailing blanks aside) is `(` or `[`: the first
            argument or index went to the next line. A `(` inside a string or a comment does not count, nor does one
            followed by a comment, as in checkpatch.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            Kernel style breaks long calls after an argument and aligns the rest with the open parenthesis; a line
            ending in `(` usually means the call was wrapped to dodge the line-length limit instead.

            ## Example
            ```diff
            +	ret = devm_request_threaded_irq(
            +		dev, irq, NULL, acme_irq, IRQF_ONESHOT, "acme", priv);
            ```

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCodeLineAction(Analyze);

    private void Analyze(CodeLineContext line)
    {
        var tokens = line.Tokens;
        if (tokens.IsEmpty) return;
        ref readonly var last = ref tokens[^1];
        if (last.IsSymbol('(') || last.IsSymbol('[')) line.Report(Descriptor, last, last.First.ToString());
    }
}
