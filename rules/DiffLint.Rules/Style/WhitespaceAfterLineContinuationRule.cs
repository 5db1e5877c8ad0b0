using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports blanks after the backslash that should continue a <c>#define</c>.</summary>
[DiffLintRule]
public sealed class WhitespaceAfterLineContinuationRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3153",
        name: "whitespace-after-line-continuation",
        title: "Whitespace after a #define line continuation",
        messageFormat: "Whitespace after \\ makes next lines useless",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "WHITESPACE_AFTER_LINE_CONTINUATION",
        documentation: """
            ## What it does
            Reports an added `#define` line whose last non-blank character is a backslash followed by blanks, as kernel checkpatch does (it reads the line that holds `#define`, not the continuation lines after it).

            ## Why it matters
            A backslash continues the line only when the newline follows it directly; with blanks between, compilers warn and may end the macro there.

            ## Example
            ```diff
            +#define FOO_INIT(x) \
            +	{ .val = (x) }
            ```
            with two blanks after the backslash.

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterTokenAction(Analyze, CTokenKind.Preprocessor);

    /// <summary>A <c>#define</c> line whose continuation backslash has blanks after it.</summary>
    private void Analyze(CTokenContext directive)
    {
        var fragment = directive.Fragment;
        ref readonly var line = ref fragment.Lines.ItemRef(directive.Line);
        if (line.FirstToken != directive.Index || line.TokenCount < 2 || !IsDefine(directive.Text)) return;
        var text = line.Text;
        var end = text.TrimEnd(" \t").Length;
        if (end == text.Length || end == 0 || text[end - 1] != '\\') return;
        ref readonly var last = ref fragment.Tokens.ItemRef(line.EndToken - 1);
        if (last.IsComment || last.Kind is CTokenKind.String or CTokenKind.Char || last.End != end) return;
        directive.Report(Descriptor, end - 1, text.Length, null);
    }

    /// <summary><c>#define</c>, blanks allowed after the <c>#</c>.</summary>
    private static bool IsDefine(ReadOnlySpan<char> directive) => directive.Length > 1 && directive[1..].TrimStart(" \t") is "define";
}
