using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a member access split after its <c>-&gt;</c> or <c>.</c>.</summary>
[DiffLintRule]
public sealed class MultilineDereferenceRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3154",
        name: "multiline-dereference",
        title: "Dereference split across lines",
        messageFormat: "Avoid multiple line dereference - prefer '{0}'",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "MULTILINE_DEREFERENCE",
        documentation: """
            ## What it does
            Reports an added line that starts with a name when the added line before it ends with a name (or indexed name) and `->` or `.`, as kernel checkpatch does; the message gives the access written on one line.

            ## Why it matters
            Splitting `a->b` after the arrow makes the access hard to read and to grep for.

            ## Example
            ```diff
            +	ret = dev->
            +		ops->start(dev);
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCodeLineAction(Analyze);

    private void Analyze(CodeLineContext context)
    {
        var fragment = context.Fragment;
        var l = context.Line;
        if (l == 0) return;
        ref readonly var line = ref context.CLine;
        ref readonly var previous = ref fragment.Lines.ItemRef(l - 1);
        if (!previous.IsAdded || line.TokenCount == 0 || previous.TokenCount < 2) return;
        var tokens = fragment.Tokens;
        var access = previous.EndToken - 1;
        if (!LvalTokens.IsMemberOperator(fragment, tokens[access])) return;
        var first = line.FirstToken;
        if (tokens[first].Kind is not (CTokenKind.Identifier or CTokenKind.Keyword) || tokens[first].InDirective) return;
        var start = LvalTokens.Start(fragment, access - 1);
        if (start < 0) return;
        var end = LvalTokens.End(fragment, first);
        var before = TypeWords.TextOf(fragment, start, access);
        var after = TypeWords.TextOf(fragment, first, end);
        var reference = string.Concat(before, after).Replace(" ", "", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal);
        context.Report(Descriptor, tokens[first], reference);
    }
}
