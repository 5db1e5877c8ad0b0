using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a blank before <c>[</c> where it is not a declaration, a designated initialiser or the start of the line.</summary>
[DiffLintRule]
public sealed class BracketSpaceRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3167",
        name: "bracket-space",
        title: "Space before [",
        messageFormat: "space prohibited before open square bracket '['",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "BRACKET_SPACE",
        documentation: """
            ## What it does
            Reports each `[` on an added line that follows a blank, except when it starts the line, when the text before the blank ends in `{`, `,` or `:` (designated initialisers, asm operands) or with a type (`int [4]` in a cast), as kernel checkpatch does.

            ## Why it matters
            Kernel style writes `a[i]`: the subscript belongs to the name.

            ## Example
            ```diff
            +	val = regs [i];
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterSymbolAction(Analyze, "[");

    private void Analyze(CTokenContext context)
    {
        ref readonly var bracket = ref context.Token;
        var text = context.LineText;
        if (bracket.Start == 0 || text[bracket.Start - 1] is not (' ' or '\t') || text[..bracket.Start].IsWhiteSpace()) return;
        var before = text[..bracket.Start].TrimEnd(" \t");
        if (before[^1] is '{' or ',' or ':') return;
        var fragment = context.Fragment;
        var previous = context.Index - 1;
        if (previous >= fragment.Lines.ItemRef(context.Line).FirstToken && fragment.Tokens[previous].IsCode && TypeWords.TypeStart(fragment, previous) >= 0) return;
        context.Report(Descriptor);
    }
}
