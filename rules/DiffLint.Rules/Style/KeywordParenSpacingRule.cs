using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports <c>if(</c>, <c>for(</c>, <c>while(</c>, <c>switch(</c> and <c>return(</c> written without a space.</summary>
[DiffLintRule]
public sealed class KeywordParenSpacingRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3005",
        name: "keyword-paren-spacing",
        title: "Space between a keyword and its parenthesis",
        messageFormat: "space required between '{0}' and the open parenthesis '('",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "SPACING",
        checkpatchMessage: "space required before the open parenthesis '('",
        qemuCheckpatchType: "Q_SPACE_BEFORE_PAREN",
        documentation: """
            ## What it does
            Reports `if`, `for`, `while`, `switch` and `return` immediately followed by `(`.

            ## Why it matters
            These are statements, not function calls; the space tells them apart at a glance (and `return(x)`
            reads as a call).

            ## Example
            ```diff
            +	switch(type) {
            +	while((c = getopt_long(argc, argv, "hd:", longopts, NULL)) != -1) {
            ```

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterIdentifierAction(Analyze, RegisteredNames.Of("if", "for", "while", "switch", "return"));

    private void Analyze(CTokenContext keyword)
    {
        ref readonly var token = ref keyword.Token;
        var tokens = keyword.Fragment.Tokens;
        if (token.Kind != CTokenKind.Keyword || token.IsUncertain || keyword.Index + 1 >= tokens.Length) return;
        var next = tokens[keyword.Index + 1];
        if (!next.IsSymbol('(') || next.Line != token.Line || next.Start != token.End) return;
        keyword.Report(Descriptor, keyword.Text.ToString());
    }
}
