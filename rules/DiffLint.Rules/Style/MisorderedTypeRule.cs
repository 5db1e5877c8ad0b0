using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports integer type words out of their usual order: <c>int unsigned</c>, <c>long signed</c>.</summary>
[DiffLintRule]
public sealed class MisorderedTypeRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3152",
        name: "misordered-type",
        title: "Integer type words out of order",
        messageFormat: "type '{0}' should be specified in [[un]signed] [short|int|long|long long] order",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "MISORDERED_TYPE",
        documentation: """
            ## What it does
            Reports, on added lines, integer type words in an order kernel checkpatch calls misordered: the signedness after the size or after `int`, or `int` before `short`/`long` (`int unsigned`, `long signed`, `char unsigned`, `int short`).

            ## Why it matters
            C accepts any order, but readers (and grep) expect `unsigned long`, not `long unsigned`.

            ## Example
            ```diff
            +	int unsigned count;
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterIdentifierAction(Analyze, RegisteredNames.Of("char", "short", "int", "long", "signed", "unsigned"));

    /// <summary>A run of integer type words starting at the word.</summary>
    private void Analyze(CTokenContext word)
    {
        var fragment = word.Fragment;
        var last = IntegerTypeRuns.RunEnd(fragment, word.Index);
        // One word alone is never misordered and never has both int and a size.
        if (last <= word.Index) return;
        var run = IntegerTypeRuns.RunText(fragment, word.Index, last);
        for (var match = IntegerTypeRuns.MisorderedType.Match(run); match.Success; match = match.NextMatch())
        {
            word.Report(Descriptor, match.Value.Trim());
        }
    }
}
