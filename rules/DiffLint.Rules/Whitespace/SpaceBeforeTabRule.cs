using DiffLint.Core.CSyntax;
using System.Collections.Immutable;
using DiffLint.Core.Analysis;

namespace DiffLint.Rules.Whitespace;

/// <summary>Reports a space directly before a tab in tab-indented projects.</summary>
[DiffLintRule]
public sealed class SpaceBeforeTabRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL2003",
        name: "space-before-tab",
        title: "Space before tab",
        messageFormat: "Space before a tab",
        category: "Whitespace",
        defaultSeverity: Severity.Warning,
        checkpatchType: "SPACE_BEFORE_TAB",
        checkpatchMessage: "please, no space before tabs",
        profiles: ["kernel", "git", "uboot"],
        documentation: """
            ## What it does
            Reports an added line of a C, Perl or device-tree source file where a space comes directly before a
            tab, in the projects that indent with tabs (kernel, git, U-Boot).

            ## Why it matters
            A space before a tab is invisible at most tab stops, so it survives review and makes alignment depend
            on the reader's tab width; `git diff --check` flags it too.

            ## Example
            ```diff
            +int a; ␠	/* count */
            ```

            ## Configuration
            Only in the kernel, git and U-Boot profiles; QEMU bans tabs altogether (DL2006).
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterAddedLineAction(Analyze);

    private void Analyze(AddedLineContext context)
    {
        var at = context.Text.IndexOf(" \t", StringComparison.Ordinal);
        if (at < 0 || !SourceFiles.HasTabIndentation(context.File.Path)) return;
        var start = at;
        while (start > 0 && context.Text[start - 1] == ' ') start--;
        context.Report(Descriptor, start, at + 2, null);
    }
}
