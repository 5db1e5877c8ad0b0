using System.Collections.Immutable;
using DiffLint.Core.Analysis;

namespace DiffLint.Rules.Whitespace;

/// <summary>Reports carriage returns in added lines.</summary>
[DiffLintRule]
public sealed class DosLineEndingsRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL2002",
        name: "dos-line-endings",
        title: "DOS line ending",
        messageFormat: "DOS line ending (carriage return) in an added line",
        category: "Whitespace",
        defaultSeverity: Severity.Error,
        checkpatchType: "DOS_LINE_ENDINGS",
        qemuCheckpatchType: "Q_DOS_LINE_ENDINGS",
        offersFix: true,
        documentation: """
            ## What it does
            Reports an added line, in any file, that contains a carriage return: a CR-LF line ending, or a stray
            CR inside the line.

            ## Why it matters
            The trees are stored with LF line endings; a CR-LF line usually means the file went through an
            editor or mailer that converted it, and the whole line shows as changed in later diffs.

            ## Example
            ```diff
            +#include "svgamodes.h"␍
            ```
            The fix (offered in SARIF `fixes`) deletes a CR at the end of the line. Unlike checkpatch, DiffLint
            also reports a CR that ends a `//` comment: checkpatch blanks comments before looking for CRs and
            calls such a line "trailing whitespace" instead.

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterAddedLineAction(Analyze);

    private void Analyze(AddedLineContext context)
    {
        var text = context.Text;
        var cr = text.IndexOf('\r');
        if (cr < 0) return;
        var fix = cr == text.Length - 1 ? LineFix.Replace(context, "Remove the carriage return", cr, cr + 1, "") : null;
        context.Report(Descriptor, cr, cr + 1, fix);
    }
}
