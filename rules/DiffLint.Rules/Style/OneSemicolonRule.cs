using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a line that ends in two semicolons.</summary>
[DiffLintRule]
public sealed class OneSemicolonRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3141",
        name: "one-semicolon",
        title: "Statement ended by two semicolons",
        messageFormat: "Statements terminations use 1 semicolon",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "ONE_SEMICOLON",
        documentation: """
            ## What it does
            Reports an added line whose code ends in `;;` (blanks allowed between them), as kernel checkpatch does;
            a comment after them hides them from checkpatch and is left alone here too.

            ## Why it matters
            The second `;` is an empty statement: harmless mostly, but noise, and after a declaration it can
            make the declarations-before-code rule of older compilers trip.

            ## Example
            ```diff
            +	ret = foo_init(dev);;
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCodeLineAction(Analyze);

    private void Analyze(CodeLineContext line)
    {
        var tokens = line.Tokens;
        if (tokens.Length < 2 || !tokens[^1].IsSymbol(';') || !tokens[^2].IsSymbol(';')) return;
        line.Report(Descriptor, tokens[^1]);
    }
}
