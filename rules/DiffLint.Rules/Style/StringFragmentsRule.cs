using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports two string literals side by side on one line.</summary>
[DiffLintRule]
public sealed class StringFragmentsRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3156",
        name: "string-fragments",
        title: "Adjacent strings on one line",
        messageFormat: "Consecutive strings are generally better as a single string",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "STRING_FRAGMENTS",
        documentation: """
            ## What it does
            Reports an added line with two string literals next to each other (only blanks between; the second plain, `L` or `u`), once a line, as kernel checkpatch does. A macro between them (`"x=%" PRIu64 "\n"`) or a comment separates them.

            ## Why it matters
            `"foo" "bar"` on one line is one string written in two pieces: it is harder to read and to grep for.

            ## Example
            ```diff
            +	pr_info("foo: " "ready\n");
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterTokenAction(Analyze, CTokenKind.String);

    private void Analyze(CTokenContext literal)
    {
        if (StartsPair(literal.Fragment, literal.Index) && FirstOnLine.Is(literal.Fragment, literal.Index, StartsPair)) literal.Report(Descriptor);
    }

    /// <summary>Token <paramref name="t"/> is a whole string literal and the next token on its line is another, plain or wide.</summary>
    private static bool StartsPair(CFragment fragment, int t)
    {
        var tokens = fragment.Tokens;
        if (t + 1 >= fragment.Lines.ItemRef(tokens[t].Line).EndToken) return false;
        ref readonly var first = ref tokens.ItemRef(t);
        ref readonly var second = ref tokens.ItemRef(t + 1);
        if (first.Kind != CTokenKind.String || second.Kind != CTokenKind.String) return false;
        return !IsContinued(first) && !IsContinued(second) && IsPlainOrWide(fragment.TextOf(second));
    }

    private static bool IsContinued(in CToken token) =>
        (token.Flags & (CTokenFlags.ContinuedFromPreviousLine | CTokenFlags.ContinuesOnNextLine | CTokenFlags.Unterminated)) != 0;

    /// <summary>A string with no prefix, or with <c>L</c> or <c>u</c> (not <c>u8</c> or <c>U</c>).</summary>
    private static bool IsPlainOrWide(ReadOnlySpan<char> text) =>
        text.Length > 0 && (text[0] == '"' || (text.Length > 1 && text[0] is 'L' or 'u' && text[1] == '"'));
}
