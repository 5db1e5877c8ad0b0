using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a <c>goto</c> label that does not start in the first column.</summary>
[DiffLintRule]
public sealed class IndentedLabelRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3055",
        name: "indented-label",
        title: "Indented label",
        messageFormat: "labels should not be indented",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "INDENTED_LABEL",
        documentation: """
            ## What it does
            Reports an added line that starts, after whitespace or a comment, with a name immediately followed by
            `:` (`	out:`), as checkpatch does. One single space of indentation is accepted, and `default:`, bit fields
            (`x:3`) and names followed by a space before the `:` (the `?:` of a conditional) are not reported.

            ## Why it matters
            Kernel style puts labels in the first column so the exits of a function stand out from its code.

            ## Example
            ```diff
            +	err_free:
            +		kfree(buf);
            ```
            should be `err_free:` at the start of the line.

            ## Configuration
            Kernel, git and U-Boot profiles (QEMU's checkpatch has no such check).
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterSymbolAction(Analyze, ":");

    /// <summary>The colon of <c>name:</c>, the name being the line's first code token.</summary>
    private void Analyze(CTokenContext colon)
    {
        var fragment = colon.Fragment;
        if (colon.CodeIndex != 1 || !fragment.Tokens.ItemRef(colon.Index - 1).IsCode) return;
        var label = colon.Code[0];
        if (label.Kind is not (CTokenKind.Identifier or CTokenKind.Keyword) || colon.Token.Start != label.End) return;
        if (label.Start == 0 || fragment.Is(label, "default")) return;
        var text = colon.LineText;
        if (label.Start == 1 && text[0] == ' ') return;
        var after = text[colon.Token.End..].TrimStart(" \t");
        if (!after.IsEmpty && char.IsAsciiDigit(after[0])) return;
        colon.Source.Report(Descriptor, fragment, label);
    }
}
