using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Line starting with an assignment operator.</summary>
[DiffLintRule]
public sealed class AssignmentContinuationsRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3119",
        name: "assignment-continuations",
        title: "Line starting with an assignment operator",
        messageFormat: "Assignment operator '{0}' should be on the previous line",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "ASSIGNMENT_CONTINUATIONS",
        documentation: """
            ## What it does
            Reports an added, indented line whose first code is an assignment operator (`=`, `+=`, `<<=`, …) with
            something after it: the operator belongs at the end of the line before, next to what it assigns to.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            A line that starts with `=` hides what is assigned to; kernel style breaks after the operator.

            ## Example
            ```diff
            +	priv->timeout
            +		= msecs_to_jiffies(ACME_TIMEOUT_MS);
            ```

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterSymbolAction(Analyze, RegisteredNames.Of("=", "*=", "/=", "%=", "+=", "-=", "<<=", ">>=", "&=", "^=", "|="));

    /// <summary>The operator is the line's first code, indented, with something after it.</summary>
    private void Analyze(CTokenContext context)
    {
        ref readonly var token = ref context.Token;
        var text = context.LineText;
        if (context.CodeIndex != 0 || token.Start == 0 || token.End >= text.Length || !text[..token.Start].IsWhiteSpace()) return;
        context.Report(Descriptor, context.Text.ToString());
    }
}
