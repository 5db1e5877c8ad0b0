using DiffLint.Core.CSyntax;
using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Core.Profiles;

namespace DiffLint.Rules.Whitespace;

/// <summary>Reports added lines that start with a space in tab-indented projects.</summary>
[DiffLintRule]
public sealed class LeadingSpaceRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL2005",
        name: "leading-space",
        title: "Line starts with a space",
        messageFormat: "Line starts with a space; indent with tabs",
        category: "Whitespace",
        defaultSeverity: Severity.Warning,
        checkpatchType: "LEADING_SPACE",
        checkpatchMessage: "please, no spaces at the start of a line",
        offersFix: true,
        profiles: ["kernel", "git", "uboot"],
        documentation: """
            ## What it does
            Reports an added line of a C, Perl or device-tree source file that starts with a space, in the
            projects that indent with tabs (kernel, git, U-Boot). Comment lines (` * text`, ` /* ... */`),
            indented preprocessor lines (` #define`) and labels (` out:`) are accepted.

            ## Why it matters
            A space-indented line among tab-indented ones looks aligned only at one tab width.

            ## Example
            ```diff
            +    count++;
            ```
            The fix (offered in SARIF `fixes`) rewrites the indentation as tabs then spaces, keeping its width.

            ## Configuration
            Only in the kernel, git and U-Boot profiles.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterHunkAction(Analyze);

    /// <summary>
    /// Walks the post-image lines of the hunk so that lines inside a block comment opened on an earlier line are
    /// known as comment text, and a <c>*</c> that continues an expression is known as code.
    /// </summary>
    private void Analyze(HunkAnalysisContext context)
    {
        if (context.Profile.Indentation != IndentationStyle.Tabs || !SourceFiles.HasTabIndentation(context.File.Path)) return;
        // Most hunks add no line starting with a space: no need to follow comments through them. The others are
        // followed as far as their last such line.
        var last = LastAddedLineStartingWithSpace(context.Hunk);
        if (last < 0) return;
        var inComment = LineTail.StartsInComment(context.Hunk);
        foreach (var line in context.Hunk.Lines.AsSpan(0, last + 1))
        {
            if (line.Kind == DiffLineKind.Removed) continue;
            var text = line.Span;
            var startsInComment = inComment;
            // A comment opens or closes only at a '*': most lines have none and leave the state as it was.
            if (text.Contains('*')) inComment = LineTail.Read(text, inComment).EndsInBlockComment;
            if (line.Kind != DiffLineKind.Added || text.IsEmpty || text[0] != ' ' || startsInComment) continue;
            var spaces = text.IndexOfAnyExcept(' ');
            if (spaces >= 0 && IsExempt(text[spaces..])) continue;

            var indent = SourceFiles.IndentLength(text);
            var tabWidth = context.Profile.TabWidth;
            var fix = LineFix.Replace(context.File, line, "Indent with tabs", 0, indent,
                LineFix.TabIndentation(SourceFiles.Columns(text[..indent], tabWidth), tabWidth));
            context.Report(Descriptor, Locations.InFile(context.File, line, 0, indent), fix);
        }
    }

    /// <summary>The index in the hunk's lines of its last added line that starts with a space, or -1.</summary>
    private static int LastAddedLineStartingWithSpace(Hunk hunk)
    {
        var lines = hunk.Lines;
        for (var l = lines.Length - 1; l >= 0; l--)
        {
            if (lines[l].Kind == DiffLineKind.Added && lines[l].Span is [' ', ..]) return l;
        }

        return -1;
    }

    /// <summary>What may follow leading spaces on a line that starts outside a comment: a comment, a preprocessor line or a label.</summary>
    private static bool IsExempt(ReadOnlySpan<char> rest)
    {
        if (rest[0] == '#') return true;
        if (rest.StartsWith("/*", StringComparison.Ordinal) || rest.StartsWith("//", StringComparison.Ordinal)) return true;
        if (!(char.IsAsciiLetter(rest[0]) || rest[0] == '_')) return false;
        var end = 1;
        while (end < rest.Length && (char.IsAsciiLetterOrDigit(rest[end]) || rest[end] == '_')) end++;
        return end < rest.Length && rest[end] == ':' && (end + 1 == rest.Length || rest[end + 1] != ':');
    }
}
