using DiffLint.Core.CSyntax;
using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Profiles;

namespace DiffLint.Rules.Whitespace;

/// <summary>Reports indentation made of spaces where a tab would fit, in tab-indented projects.</summary>
[DiffLintRule]
public sealed class CodeIndentRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL2004",
        name: "code-indent-spaces",
        title: "Indentation uses spaces where a tab fits",
        messageFormat: "Indentation should use tabs where possible",
        category: "Whitespace",
        defaultSeverity: Severity.Error,
        checkpatchType: "CODE_INDENT",
        checkpatchMessage: "code indent should use tabs where possible",
        offersFix: true,
        profiles: ["kernel", "git", "uboot"],
        documentation: """
            ## What it does
            Reports an added line of a C, Perl or device-tree source file whose indentation contains a full tab
            width of spaces (8), or a space followed by a tab before the code, in the projects that indent with
            tabs (kernel, git, U-Boot).

            ## Why it matters
            These projects indent with tabs only; spaces make the code shift when read at another tab width and
            usually mean the code was pasted from elsewhere.

            ## Example
            ```diff
            +        return 0;
            ```
            The fix (offered in SARIF `fixes`) rewrites the indentation as tabs then spaces, keeping its width.

            ## Configuration
            Only in the kernel, git and U-Boot profiles; the tab width is the profile's `TabWidth`.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterAddedLineAction(Analyze);

    private void Analyze(AddedLineContext context)
    {
        var text = context.Text;
        var indent = SourceFiles.IndentLength(text);
        if (indent == 0 || context.Profile.Indentation != IndentationStyle.Tabs) return;
        var leading = text[..indent];
        // Most indentation is tabs alone, which neither test below can fault: one search for a space rules it out.
        if (!leading.Contains(' ')) return;
        var tabWidth = context.Profile.TabWidth;
        var spacesBeforeTab = leading.IndexOf(" \t", StringComparison.Ordinal) >= 0 && indent < text.Length && !IsLineEnd(text[indent..]);
        if (!spacesBeforeTab && LongestSpaceRun(leading) < tabWidth) return;
        if (!SourceFiles.HasTabIndentation(context.File.Path)) return;

        var fix = LineFix.Replace(context, "Indent with tabs", 0, indent,
            LineFix.TabIndentation(SourceFiles.Columns(leading, tabWidth), tabWidth));
        context.Report(Descriptor, 0, indent, fix);
    }

    private static int LongestSpaceRun(ReadOnlySpan<char> leading)
    {
        int longest = 0, run = 0;
        foreach (var c in leading)
        {
            run = c == ' ' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    private static bool IsLineEnd(ReadOnlySpan<char> rest) => rest.TrimEnd("\r\f\v").IsEmpty;
}
