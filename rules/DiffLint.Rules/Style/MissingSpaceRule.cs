using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a string split across lines with no space at the split.</summary>
[DiffLintRule]
public sealed class MissingSpaceRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3155",
        name: "missing-space",
        title: "String split without a space at the break",
        messageFormat: "break quoted strings at a space character",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "MISSING_SPACE",
        documentation: """
            ## What it does
            Reports an added line that starts (after indentation) with a string beginning with a letter, digit or `_` when the line before ends with a letter, digit or `_` and the closing quote, the last character of that line (an escape such as `\n` before it does not count), as kernel checkpatch does.

            ## Why it matters
            Strings split at a word boundary without a space join into one word (`"could not" "open"` prints `could notopen`); split at a space, the space shows which piece carries it.

            ## Example
            ```diff
            +	pr_err("foo: could not"
            +	       "open the device\n");
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterTokenAction(Analyze, CTokenKind.String);

    /// <summary>A string that starts an indented line, after a line that ends with a word and a quote.</summary>
    private void Analyze(CTokenContext first)
    {
        var fragment = first.Fragment;
        var line = first.Line;
        if (line == 0 || first.Index != fragment.Lines.ItemRef(line).FirstToken || !EndsWordQuote(fragment.Lines.ItemRef(line - 1).Text)) return;
        var text = first.LineText;
        var indent = text.IndexOfAnyExcept(' ', '\t');
        if (indent <= 0 || indent + 1 >= text.Length || text[indent] != '"' || !IsWordChar(text[indent + 1])) return;
        if (first.Token.Start != indent) return;
        first.Report(Descriptor);
    }

    /// <summary>The line ends with a letter, digit or <c>_</c> not escaped by a backslash, then <c>"</c>.</summary>
    private static bool EndsWordQuote(ReadOnlySpan<char> text) =>
        text.Length >= 3 && text[^1] == '"' && IsWordChar(text[^2]) && text[^3] != '\\';

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
