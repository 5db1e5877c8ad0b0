using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a string literal with blanks right before a <c>\n</c>.</summary>
[DiffLintRule]
public sealed class QuotedNewlineSpaceRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3010",
        name: "space-before-quoted-newline",
        title: "Whitespace before a quoted newline",
        messageFormat: "unnecessary whitespace before a quoted newline",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "QUOTED_WHITESPACE_BEFORE_NEWLINE",
        qemuCheckpatchType: "Q_SPACE_BEFORE_QUOTED_NEWLINE",
        documentation: """
            ## What it does
            Reports a string literal in which spaces or tabs come right before a `\n` escape
            (`"done \n"`), once per literal.

            ## Why it matters
            The blank is printed as trailing whitespace at the end of a log or console line.

            ## Example
            ```diff
            +    dprintf(1, "ati: reading edid blob (rage128) ... \n");
            ```

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterTokenAction(Analyze, CTokenKind.String);

    private void Analyze(CTokenContext literal)
    {
        if (!literal.Token.IsUncertain && HasBlankBeforeNewline(literal.Text)) literal.Report(Descriptor);
    }

    private static bool HasBlankBeforeNewline(ReadOnlySpan<char> literal)
    {
        for (var at = literal.IndexOf("\\n"); at > 0; )
        {
            if (TokenSpacing.IsBlank(literal[at - 1]) && !IsEscaped(literal, at)) return true;
            var next = literal[(at + 2)..].IndexOf("\\n");
            at = next < 0 ? -1 : at + 2 + next;
        }

        return false;
    }

    /// <summary>True when the backslash at <paramref name="at"/> is itself escaped (<c>\\n</c> is a backslash and an n).</summary>
    private static bool IsEscaped(ReadOnlySpan<char> literal, int at)
    {
        var count = 0;
        for (var i = at - 1; i >= 0 && literal[i] == '\\'; i--) count++;
        return count % 2 == 1;
    }
}
