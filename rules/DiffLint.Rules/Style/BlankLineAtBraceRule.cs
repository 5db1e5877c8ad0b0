using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a blank line right after an open brace or right before a close brace.</summary>
[DiffLintRule]
public sealed class BlankLineAtBraceRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3109",
        name: "blank-line-at-brace",
        title: "Blank line after an open brace or before a close brace",
        messageFormat: "{0}",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "BRACES",
        documentation: """
            ## What it does
            Reports an added blank line right after a line (removed lines aside, as checkpatch reads the patch)
            that ends with `{` ("Blank lines aren't necessary after
            an open brace '{'", on the blank line), and an added line holding only `}` right after a blank line
            ("Blank lines aren't necessary before a close
            brace '}'", on the brace). A comment after the `{` or the `}` makes checkpatch, and this rule, look away.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            A blank line at the edge of a block separates nothing; kernel blocks start and end with code.

            ## Example
            ```diff
            +static int acme_probe(struct platform_device *pdev)
            +{
            +
            +	return 0;
            +
            +}
            ```

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCodeLineAction(Analyze);

    private void Analyze(CodeLineContext context)
    {
        if (context.Line == 0) return;
        var fragment = context.Fragment;
        ref readonly var line = ref context.CLine;
        // checkpatch's previous line skips removed lines.
        ref readonly var above = ref fragment.Lines.ItemRef(context.Line - 1);
        if (line.Text.IsWhiteSpace())
        {
            if (above.TokenCount > 0 && fragment.Tokens[above.EndToken - 1].IsSymbol('{'))
                context.Report(Descriptor, 0, 0, null, "Blank lines aren't necessary after an open brace '{'");
        }
        else if (line.TokenCount == 1 && fragment.Tokens[line.FirstToken].IsSymbol('}') && above.Text.IsWhiteSpace())
        {
            context.Report(Descriptor, fragment.Tokens[line.FirstToken], "Blank lines aren't necessary before a close brace '}'");
        }
    }
}
