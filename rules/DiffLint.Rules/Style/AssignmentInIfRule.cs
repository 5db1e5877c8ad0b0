using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports an <c>if</c> whose condition contains an assignment (<c>=</c> or a compound assignment).</summary>
[DiffLintRule]
public sealed class AssignmentInIfRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3026",
        name: "assignment-in-if",
        title: "Assignment in if condition",
        messageFormat: "Do not use assignment in an if condition ('{0}')",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "ASSIGN_IN_IF",
        checkpatchMessage: "do not use assignment in if condition",
        qemuCheckpatchType: "Q_ASSIGN_IN_IF",
        documentation: """
            ## What it does
            Reports an `if` (or `else if`) whose parenthesised condition contains an assignment operator
            (`=`, `+=`, `|=`, `<<=` ...) at any depth, macro bodies included. The finding is on the `if`.
            Comparisons (`==`, `<=`, `!=`) are separate tokens and never match.

            ## Why it matters
            `if ((x = f()))` hides a side effect in a test and is one typo away from `==`; kernel and QEMU style
            assign first and test on the next line.

            ## Example
            ```diff
            +	if ((d = readdir(dir)) == NULL)
            ```
            should be
            ```diff
            +	d = readdir(dir);
            +	if (!d)
            ```

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "if");

    private void Analyze(CTokenContext context)
    {
        var fragment = context.Fragment;
        if (!CodeTokens.IsOnNewLine(fragment, context.Index) || !CodeTokens.TryParenthesesAfter(fragment, context.Index, out var open, out var close)) return;
        var assignment = FirstAssignment(fragment, open + 1, close);
        if (assignment >= 0) context.Report(Descriptor, fragment.TextOf(fragment.Tokens[assignment]).ToString());
    }

    private static int FirstAssignment(CFragment fragment, int from, int to)
    {
        var tokens = fragment.Tokens;
        for (var t = from; t < to; t++)
        {
            var token = tokens[t];
            if (token.Kind != CTokenKind.Operator || !IsAssignment(fragment.TextOf(token))) continue;
            return t;
        }

        return -1;
    }

    private static bool IsAssignment(ReadOnlySpan<char> op) =>
        op is "=" or "+=" or "-=" or "*=" or "/=" or "%=" or "&=" or "|=" or "^=" or "<<=" or ">>=";
}
