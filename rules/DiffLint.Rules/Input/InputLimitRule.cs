using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Mime;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Input;

/// <summary>Reports a message that goes beyond one of the reader's limits, so that part of it was not checked.</summary>
[DiffLintRule]
public sealed class InputLimitRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL0003",
        name: "input-limit",
        title: "Input goes beyond a limit and was not checked whole",
        messageFormat: "{0}",
        category: "Input",
        defaultSeverity: Severity.Error,
        documentation: """
            ## What it does
            Reports a message that goes beyond one of DiffLint's input limits: a line, a hunk, a patch or a mail header
            that is too long, MIME parts nested too deep, or a MIME part (the whole body of a mail without parts) that
            decodes to too many bytes. The finding names the limit, the size it found, and how to raise the limit. What
            is beyond the limit is left out (the rest of the line, the later lines of the hunk or of the patch, the rest
            of the header or of the part, the inner parts); the rest of the message and of the input are checked as usual.

            ## Why it matters
            The limits keep a hostile or broken input (a megabyte line of `/*`, a hunk of millions of lines, a
            thousand nested MIME parts) from stalling a bot or a hook or exhausting its memory. No patch meant for
            review comes near them, so a message that does was not written by hand, and what was left out was not
            checked: a reviewer should know.

            ## Example
            ```diff
            @@ -1,1 +1,2000001 @@
             int keep;
            +	x = 1;
            ... (two million added lines)
            ```
            `input limit hunk-lines: hunk '@@ -1,1 +1,2000001 @@' (line 10) has more than 100,000 lines; the lines from
            here to its end are not checked (raise it with --limit hunk-lines=N or difflint_limit_hunk_lines in .editorconfig)`

            ## Configuration
            Each limit is set on the command line with `--limit NAME=VALUE` (repeatable) or in the repository's
            `.editorconfig`, in its `[*]` section, with `difflint_limit_NAME = VALUE` (a `-` in the name becomes `_`).
            A value is a positive number, optionally with a `k`, `M` or `G` suffix (times 1024, 1024², 1024³).

            | limit | .editorconfig key | default | what it bounds |
            |---|---|---|---|
            | `line-length` | `difflint_limit_line_length` | 4M (4,194,304) | characters of one decoded line; a longer line is checked up to the limit |
            | `hunk-lines` | `difflint_limit_hunk_lines` | 100,000 | lines of one hunk; the later lines are read past, not checked |
            | `patch-lines` | `difflint_limit_patch_lines` | 200,000 | diff lines of one patch, all its hunks together; the later lines are read past, not checked |
            | `header-size` | `difflint_limit_header_size` | 256k (262,144) | bytes of one mail header field, folded lines included; it is cut there |
            | `mime-depth` | `difflint_limit_mime_depth` | 16 | levels of nested multipart MIME; deeper parts are left out |
            | `part-size` | `difflint_limit_part_size` | 64M (67,108,864) | bytes of one decoded MIME part, or of a mail's whole body; the text after the limit is left out |
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        foreach (var problem in context.Patch.MailProblems)
        {
            if (problem.Kind == MailProblemKind.InputLimit) context.Report(Descriptor, Locations.AtInputLine(problem.Line), problem.Message);
        }

        foreach (var problem in context.Patch.DiffProblems)
        {
            if (problem.Kind == DiffProblemKind.HunkOverLimit)
                context.Report(Descriptor, Locations.AtInputLine(problem.InputLine, problem.Path), problem.Message);
        }
    }
}
