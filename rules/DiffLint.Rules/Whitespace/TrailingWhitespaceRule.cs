using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using Microsoft.CodeAnalysis.Text;

namespace DiffLint.Rules.Whitespace;

/// <summary>Reports added lines that end in spaces or tabs.</summary>
[DiffLintRule]
public sealed class TrailingWhitespaceRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL2001",
        name: "trailing-whitespace",
        title: "Trailing whitespace",
        messageFormat: "Trailing whitespace",
        category: "Whitespace",
        defaultSeverity: Severity.Error,
        checkpatchType: "TRAILING_WHITESPACE",
        checkpatchMessage: "trailing whitespace",
        qemuCheckpatchType: "Q_TRAILING_WHITESPACE",
        offersFix: true,
        documentation: """
            ## What it does
            Reports an added line that ends in spaces or tabs, including a blank line made only of whitespace.
            A carriage return at the very end is left to the DOS line-ending check; whitespace before it is
            reported here.

            ## Why it matters
            Trailing whitespace is invisible noise that later shows up in other people's diffs; `git am
            --whitespace=error` and most maintainers reject it.

            ## Example
            ```diff
            +	return 0;␠␠
            ```
            The fix (offered in SARIF `fixes`) deletes the trailing run.

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterAddedLineAction(Analyze);

    private void Analyze(AddedLineContext context)
    {
        var text = context.Text;
        var end = text.Length;
        if (end > 0 && text[end - 1] == '\r') end--;
        var start = end;
        while (start > 0 && (text[start - 1] == ' ' || text[start - 1] == '\t')) start--;
        if (start == end) return;

        var line = context.Line.NewLine - 1;
        var fix = new CodeFix("Remove trailing whitespace", context.File.Path,
            new LinePositionSpan(new LinePosition(line, start), new LinePosition(line, end)), "");
        context.Report(Descriptor, start, end, fix);
    }
}
