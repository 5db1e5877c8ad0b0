using DiffLint.Core.CSyntax;
using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Profiles;

namespace DiffLint.Rules.Whitespace;

/// <summary>Reports tabs in added source lines of projects that indent with spaces only.</summary>
[DiffLintRule]
public sealed class TabIndentRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL2006",
        name: "tab-in-source",
        title: "Tab in a space-indented source file",
        messageFormat: "Tab in a source file of a project that indents with 4 spaces and never uses tabs",
        category: "Whitespace",
        defaultSeverity: Severity.Error,
        qemuCheckpatchType: "Q_TAB_INDENT",
        offersFix: true,
        profiles: ["qemu"],
        documentation: """
            ## What it does
            Reports the first tab of an added line in a C, C++, Perl, Python or shell source file of a project
            that indents with four spaces and bans tabs (QEMU). Assembly files, `scripts/checkpatch.pl`,
            `scripts/get_maintainer.pl` and `target/hexagon/imported/` keep their tabs.

            ## Why it matters
            QEMU's coding style forbids tabs anywhere in source files: they render differently in every editor
            and mix badly with the 4-space indentation.

            ## Example
            ```diff
            +	s->irq = irq;
            ```
            When the tabs are in the indentation, the fix (offered in SARIF `fixes`) replaces the indentation
            with spaces of the same width.

            ## Configuration
            Only in the QEMU profile; the width a tab stands for is the profile's `TabWidth`.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterAddedLineAction(Analyze);

    private void Analyze(AddedLineContext context)
    {
        var text = context.Text;
        var tab = text.IndexOf('\t');
        if (tab < 0 || context.Profile.Indentation != IndentationStyle.FourSpaces || !SourceFiles.BansTabs(context.File.Path)) return;

        var indent = SourceFiles.IndentLength(text);
        var fix = tab < indent
            ? LineFix.Replace(context, "Indent with spaces", 0, indent,
                new string(' ', SourceFiles.Columns(text[..indent], context.Profile.TabWidth)))
            : null;
        context.Report(Descriptor, tab, tab + 1, fix);
    }
}
