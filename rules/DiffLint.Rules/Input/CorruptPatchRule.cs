using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Input;

/// <summary>Reports hunks whose body disagrees with the counts in their <c>@@</c> header.</summary>
[DiffLintRule]
public sealed class CorruptPatchRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL0001",
        name: "corrupt-patch",
        title: "Patch is corrupt",
        messageFormat: "{0}",
        category: "Input",
        defaultSeverity: Severity.Error,
        checkpatchType: "CORRUPTED_PATCH",
        qemuCheckpatchType: "Q_CORRUPT_PATCH",
        documentation: """
            ## What it does
            Reports a hunk whose lines do not match the counts of its `@@ -a,b +c,d @@` header: a line inside the
            hunk that is not context (` `), added (`+`) or removed (`-`), a hunk that ends before its counts are
            met, diff lines after a hunk whose counts are already met, an unparsable `@@` line, or a diff that is
            cut short. Each finding points at the exact line of the input where the text went wrong.

            ## Why it matters
            `git am` refuses such a patch. The usual cause is a mail client that wrapped long lines, stripped
            trailing spaces, or turned tabs into spaces, or a patch edited by hand without fixing the header.
            Unlike checkpatch, which reports this once per run, DiffLint reports every damaged hunk and keeps
            analysing the rest of the input.

            ## Example
            ```diff
            @@ -1,3 +1,3 @@
             int a;
            -int b;
            +int b = some_function_with_a_long_name(argument_one,
            argument_two);
             int c;
            ```
            The mail client wrapped the added line: `argument_two);` is not a diff line.

            ## Configuration
            None. Send patches with `git send-email`, or see git's `Documentation/email-clients.txt`.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        foreach (var problem in context.Patch.DiffProblems)
        {
            // A hunk over the reader's limit is whole, only not all kept: DL0003 reports it.
            if (problem.Kind == DiffProblemKind.HunkOverLimit) continue;
            context.Report(Descriptor, Locations.AtInputLine(problem.InputLine, problem.Path), problem.Message);
        }
    }
}
