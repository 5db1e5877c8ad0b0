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

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        foreach (var fragment in context.Fragments)
        {
            var tokens = fragment.Tokens;
            for (var line = 0; line < fragment.Lines.Length; line++)
            {
                var cLine = fragment.Lines[line];
                if (!cLine.IsJudged) continue;
                var name = cLine.FirstToken;
                while (name < cLine.EndToken && tokens[name].IsComment) name++;
                if (name + 1 >= cLine.EndToken) continue;
                var label = tokens[name];
                var colon = tokens[name + 1];
                if (label.Kind is not (CTokenKind.Identifier or CTokenKind.Keyword) || !colon.IsSymbol(':') || colon.Start != label.End) continue;
                if (label.Start == 0 || fragment.Is(label, "default")) continue;
                var text = cLine.Text;
                if (label.Start == 1 && text[0] == ' ') continue;
                var after = text[colon.End..].TrimStart(" \t");
                if (!after.IsEmpty && char.IsAsciiDigit(after[0])) continue;
                context.Report(Descriptor, fragment, label);
            }
        }
    }
}
