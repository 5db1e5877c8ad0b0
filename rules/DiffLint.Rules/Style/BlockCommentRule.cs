using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// Reports the layout of multi-line <c>/* */</c> comments: text after the opening <c>/*</c> (QEMU), text before the
/// closing <c>*/</c>, continuation lines without a leading <c>*</c>, and <c>*</c>s out of line with the one above.
/// </summary>
[DiffLintRule]
public sealed class BlockCommentRule : PatchRule
{
    public static readonly RuleDescriptor Leading = new(
        id: "DL3041",
        name: "block-comment-leading",
        title: "Block comment text on the opening line",
        messageFormat: "Block comments use a leading /* on a separate line",
        category: "Style",
        defaultSeverity: Severity.Warning,
        qemuCheckpatchType: "Q_BLOCK_COMMENT_LEADING",
        profiles: ["qemu"],
        documentation: """
            ## What it does
            Reports a multi-line `/* */` comment whose opening line has text after the `/*` (or `/**`). A comment
            that opens and closes on one line is fine.

            ## Why it matters
            QEMU's coding style puts `/*` alone on the first line of a multi-line comment, so the text of every
            line starts in the same column behind ` * `.

            ## Example
            ```diff
            +    /* Find the mode that matches the image
            +     * dimensions. */
            ```
            Write:
            ```c
                /*
                 * Find the mode that matches the image
                 * dimensions.
                 */
            ```

            ## Configuration
            QEMU profile only (the kernel asks for it in networking code only).
            """);

    public static readonly RuleDescriptor Trailing = new(
        id: "DL3042",
        name: "block-comment-trailing",
        title: "Block comment text on the closing line",
        messageFormat: "Block comments use a trailing */ on a separate line",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "BLOCK_COMMENT_STYLE",
        qemuCheckpatchType: "Q_BLOCK_COMMENT_TRAILING",
        documentation: """
            ## What it does
            Reports the last line of a multi-line `/* */` comment when text comes before its `*/`. A closing
            `**/` (the end of a banner) is accepted, as checkpatch does.

            Lines are judged from the C tokens, so a `*/` inside a string or after a `//` is not taken for the end
            of a comment.

            ## Why it matters
            The kernel and QEMU close multi-line comments with `*/` alone on its line.

            ## Example
            ```diff
            +	/*
            +	 * Wait for the hardware to settle. */
            ```
            Move `*/` to a line of its own.

            ## Configuration
            """);

    public static readonly RuleDescriptor Star = new(
        id: "DL3043",
        name: "block-comment-star",
        title: "Block comment line without a leading *",
        messageFormat: "Block comments use * on subsequent lines",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "BLOCK_COMMENT_STYLE",
        qemuCheckpatchType: "Q_BLOCK_COMMENT_STAR",
        documentation: """
            ## What it does
            Reports the line after the opening `/*` of a multi-line comment when it does not start with `*`
            (once per comment: that line shows which style the comment uses).

            ## Why it matters
            Both the kernel and QEMU start every continuation line of a block comment with ` * `.

            ## Example
            ```diff
            +	/*
            +	   Wait for the hardware to settle.
            +	 */
            ```

            ## Configuration
            """);

    public static readonly RuleDescriptor Align = new(
        id: "DL3044",
        name: "block-comment-align",
        title: "Block comment * out of line",
        messageFormat: "Block comments should align the * on each line",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "BLOCK_COMMENT_STYLE",
        qemuCheckpatchType: "Q_BLOCK_COMMENT_ALIGN",
        documentation: """
            ## What it does
            Reports a continuation line of a block comment whose leading `*` is not in the column of the `*` on
            the line above (the `*` of `/*` on the first line), tabs expanded to the profile's tab width.

            ## Why it matters
            The stars form the left edge of the comment; a misaligned one is usually a tab/space mix-up.

            ## Example
            ```diff
            +	/*
            +	* Wait for the hardware to settle.
            +	 */
            ```

            ## Configuration
            Tab width from the profile.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Leading, Trailing, Star, Align];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        var tabWidth = context.Profile.TabWidth;
        foreach (var fragment in context.Fragments)
        {
            var tokens = fragment.Tokens.AsSpan();

            // Column of the '*' that the next comment line should align with; -1 outside a comment or when unknown.
            var starColumn = -1;
            for (var t = 0; t < tokens.Length; t++)
            {
                ref readonly var token = ref tokens[t];
                if (token.Kind != CTokenKind.Comment || token.IsUncertain)
                {
                    starColumn = -1;
                    continue;
                }

                var text = fragment.TextOf(token);
                var continued = (token.Flags & CTokenFlags.ContinuedFromPreviousLine) != 0;
                var continues = (token.Flags & CTokenFlags.ContinuesOnNextLine) != 0;
                if (!continued)
                {
                    if (!continues) continue;
                    if (token.IsAdded && HasTextAfterOpener(text)) context.Report(Leading, fragment, token);
                    starColumn = Column(fragment.Lines[token.Line].Text, token.Start + 1, tabWidth);
                    if (t + 1 < tokens.Length) CheckFirstContinuation(context, fragment, tokens[t + 1]);
                    continue;
                }

                var body = text.TrimStart(" \t");
                var indent = text.Length - body.Length;
                if (body.StartsWith('*'))
                {
                    var column = Column(fragment.Lines[token.Line].Text, indent, tabWidth);
                    if (token.IsAdded && starColumn >= 0 && column != starColumn && IsAdded(fragment, token.Line - 1))
                        context.Report(Align, fragment, token.Line, indent, indent + 1, null);
                    starColumn = column;
                }
                else
                {
                    starColumn = -1;
                }

                if (!continues && token.IsAdded && HasTextBeforeCloser(body))
                    context.Report(Trailing, fragment, token.Line, token.Start + indent, token.End, null);
            }
        }
    }

    /// <summary>checkpatch looks at the line after the opener only; so do we, to report a comment once.</summary>
    private static void CheckFirstContinuation(CSourceContext context, CFragment fragment, in CToken next)
    {
        if (next.Kind != CTokenKind.Comment || (next.Flags & CTokenFlags.ContinuedFromPreviousLine) == 0 || !next.IsAdded) return;
        var body = fragment.TextOf(next).TrimStart(" \t");
        if (body.StartsWith('*')) return;
        var indent = next.Length - body.Length;
        context.Report(Star, fragment, next.Line, next.Start + indent, next.End, null);
    }

    /// <summary>Text after <c>/*</c> or <c>/**</c> on an opening line (a banner of stars counts as text, as in checkpatch).</summary>
    private static bool HasTextAfterOpener(ReadOnlySpan<char> text)
    {
        var rest = text[2..];
        if (rest.StartsWith('*')) rest = rest[1..];
        return !rest.TrimStart(" \t").IsEmpty;
    }

    /// <summary>Text before the closing <c>*/</c> of a continuation line; <c>**/</c> (a banner's end) is accepted.</summary>
    private static bool HasTextBeforeCloser(ReadOnlySpan<char> body)
    {
        if (body.Length <= 2) return false;
        return body[^3] != '*';
    }

    private static bool IsAdded(CFragment fragment, int line) => line >= 0 && fragment.Lines[line].IsAdded;

    private static int Column(ReadOnlySpan<char> line, int index, int tabWidth)
    {
        var column = 0;
        for (var i = 0; i < index && i < line.Length; i++) column = line[i] == '\t' ? (column / tabWidth + 1) * tabWidth : column + 1;
        return column;
    }
}
