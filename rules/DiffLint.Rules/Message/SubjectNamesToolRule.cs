using System.Collections.Immutable;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Message;

/// <summary>Reports a subject that names the checker that found the problem (checkpatch, sparse, smatch).</summary>
[DiffLintRule]
public sealed class SubjectNamesToolRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL1025",
        name: "subject-names-tool",
        title: "Subject names the tool, not the change",
        messageFormat: "Subject mentions '{0}': describe the change, not the tool that found it",
        category: "Message",
        defaultSeverity: Severity.Warning,
        checkpatchType: "EMAIL_SUBJECT",
        checkpatchMessage: "A patch subject line should describe the change not the tool that found it",
        documentation: """
            ## What it does
            Reports a subject that mentions checkpatch, sparse or smatch (other than as the `checkpatch:` area prefix of a
            patch to the tool itself).

            ## Why it matters
            "Fix checkpatch warnings" says nothing about what changed; the log should say what the change does (fix the
            indentation, use `kmalloc_array()`, ...). The tool can be credited in the body.

            ## Example
            ```
            Subject: [PATCH] staging: foo: fix checkpatch warnings
            ```

            ## Configuration
            """);

    private static readonly string[] Tools = ["checkpatch", "sparse", "smatch"];

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (!patch.HasCommitMessage) return;
        var subject = patch.Subject.Raw.AsSpan();
        foreach (var tool in Tools)
        {
            var from = 0;
            while (from < subject.Length)
            {
                var at = IgnoreCaseSearch.IndexOf(subject[from..], tool);
                if (at < 0) break;
                at += from;
                var end = at + tool.Length;
                from = end;
                // A whole word, followed by something other than ':' (checkpatch: prefix) or the end of the subject.
                if (at > 0 && IsWordChar(subject[at - 1]) || end >= subject.Length || IsWordChar(subject[end]) || subject[end] == ':') continue;
                context.Report(Descriptor, Locations.AtSubject(patch), subject.Slice(at, tool.Length).ToString());
                return;
            }
        }
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
