using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a string literal that continues the string literal ending the line before it.</summary>
[DiffLintRule]
public sealed class SplitStringRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3054",
        name: "split-string",
        title: "Quoted string split across lines",
        messageFormat: "quoted string split across lines",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "SPLIT_STRING",
        documentation: """
            ## What it does
            Reports an added line that starts with a string literal when the line before it (added or context)
            ends with a string literal: the two are pasted into one string by the compiler. Not reported when the
            first piece ends with an escape that ends a line or a field (`\n`, `\t`, `\r`, an octal or hex escape)
            or with `;` or `{` (inline assembly, one instruction per piece), as in checkpatch.

            ## Why it matters
            A message split over lines cannot be found with grep: `git grep "failed to map"` misses
            `"failed to " "map"`. Kernel style lets user-visible strings run past the line length instead.

            ## Example
            ```diff
            +		dev_err(dev, "failed to map the register "
            +			"window\n");
            ```

            ## Configuration
            Kernel, git and U-Boot profiles (QEMU's checkpatch has no such check).
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterTokenAction(Analyze, CTokenKind.String);

    private void Analyze(CTokenContext literal)
    {
        var fragment = literal.Fragment;
        var line = literal.Line;
        if (line == 0 || fragment.Lines.ItemRef(line).FirstToken != literal.Index || !StartsQuoted(literal.Text)) return;
        ref readonly var previous = ref fragment.Lines.ItemRef(line - 1);
        if (previous.TokenCount == 0) return;
        ref readonly var last = ref fragment.Tokens.ItemRef(previous.EndToken - 1);
        if (last.Kind != CTokenKind.String || (last.Flags & CTokenFlags.ContinuesOnNextLine) != 0) return;
        var text = fragment.TextOf(last);
        if (!text.EndsWith("\"") || EndsAtBreak(text)) return;
        literal.Report(Descriptor);
    }

    /// <summary><c>"</c>, <c>L"</c> or <c>u"</c>: the literal forms checkpatch recognises at the start of a line.</summary>
    private static bool StartsQuoted(ReadOnlySpan<char> literal) =>
        literal.StartsWith("\"") || literal.StartsWith("L\"") || literal.StartsWith("u\"");

    /// <summary>
    /// The literal ends with <c>\n</c>, <c>\t</c>, <c>\r</c>, an octal (<c>\0</c>..<c>\377</c>) or hex (<c>\xff</c>) escape,
    /// or with <c>;</c> or <c>{</c> and blanks: a natural place to break a string.
    /// </summary>
    private static bool EndsAtBreak(ReadOnlySpan<char> literal)
    {
        var body = literal[..^1];
        var trimmed = body.TrimEnd(" \t");
        if (trimmed.EndsWith(";") || trimmed.EndsWith("{")) return true;
        if (body.Length >= 2 && body[^2] == '\\' && body[^1] is 'n' or 't' or 'r') return true;
        for (var digits = 1; digits <= 3 && digits < body.Length; digits++)
        {
            if (!char.IsBetween(body[^digits], '0', '7')) break;
            if (body[^(digits + 1)] == '\\') return true;
        }

        for (var digits = 1; digits <= 2 && digits + 1 < body.Length; digits++)
        {
            if (!char.IsAsciiHexDigit(body[^digits])) break;
            if (body[^(digits + 1)] == 'x' && body[^(digits + 2)] == '\\') return true;
        }

        return false;
    }
}
