using System.Collections.Immutable;
using DiffLint.Core.Analysis;

namespace DiffLint.Rules.Whitespace;

/// <summary>Reports an added last line without a newline at the end of the file.</summary>
[DiffLintRule]
public sealed class MissingEofNewlineRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL2013",
        name: "missing-eof-newline",
        title: "No newline at end of file",
        messageFormat: "Added line without a newline at the end of the file",
        category: "Whitespace",
        defaultSeverity: Severity.Warning,
        checkpatchType: "MISSING_EOF_NEWLINE",
        checkpatchMessage: "adding a line without newline at end of file",
        qemuCheckpatchType: "Q_NO_EOF_NEWLINE",
        offersFix: true,
        documentation: """
            ## What it does
            Reports an added line followed by `\ No newline at end of file`: the patch leaves the file without a
            final newline.

            ## Why it matters
            POSIX text files end in a newline; without it, the next patch that appends a line also changes this
            one, and some tools drop or merge the last line.

            ## Example
            ```diff
            +#endif /* ARMV8_CPU_H */
            \ No newline at end of file
            ```
            The fix (offered in SARIF `fixes`) appends the newline.

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterAddedLineAction(Analyze);

    private void Analyze(AddedLineContext context)
    {
        if (!context.Line.NoNewlineAtEnd) return;
        var end = context.Text.Length;
        context.Report(Descriptor, 0, end, LineFix.Replace(context, "Add a newline at the end of the file", end, end, "\n"));
    }
}
