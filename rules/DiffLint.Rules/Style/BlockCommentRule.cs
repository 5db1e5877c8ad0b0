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

    public override void Initialize(RuleRegistration registration) => registration.RegisterTokenAction(Analyze, CTokenKind.Comment);

    /// <summary>One line's part of a <c>/* */</c> comment: the part that opens it, or a continuation line.</summary>
    private void Analyze(CTokenContext context)
    {
        ref readonly var token = ref context.Token;
        if (token.IsUncertain) return;
        var text = context.Text;
        var continues = (token.Flags & CTokenFlags.ContinuesOnNextLine) != 0;
        if ((token.Flags & CTokenFlags.ContinuedFromPreviousLine) == 0)
        {
            if (continues && HasTextAfterOpener(text)) context.Report(Leading);
            return;
        }

        var fragment = context.Fragment;
        var body = text.TrimStart(" \t");
        var indent = text.Length - body.Length;
        var above = context.Index - 1;
        if (body.StartsWith('*'))
        {
            var tabWidth = context.Source.Profile.TabWidth;
            var starColumn = StarColumnOf(fragment, above, tabWidth);
            if (starColumn >= 0 && Column(context.LineText, indent, tabWidth) != starColumn && IsAdded(fragment, token.Line - 1))
                context.Report(Align, indent, indent + 1, null);
        }
        else if (IsOpener(fragment, above))
        {
            // checkpatch looks at the line after the opener only; so do we, to report a comment once.
            context.Report(Star, token.Start + indent, token.End, null);
        }

        if (!continues && HasTextBeforeCloser(body)) context.Report(Trailing, token.Start + indent, token.End, null);
    }

    /// <summary>
    /// The column the <c>*</c> of the comment line after token <paramref name="above"/> should be in: one right of the
    /// <c>/*</c> when it opens the comment, that of its own <c>*</c> when it is a continuation line starting with one;
    /// -1 when unknown (no star, or not a comment read with certainty).
    /// </summary>
    private static int StarColumnOf(CFragment fragment, int above, int tabWidth)
    {
        if (above < 0) return -1;
        ref readonly var token = ref fragment.Tokens.ItemRef(above);
        if (token.Kind != CTokenKind.Comment || token.IsUncertain) return -1;
        var line = fragment.Lines.ItemRef(token.Line).Text;
        if ((token.Flags & CTokenFlags.ContinuedFromPreviousLine) == 0) return Column(line, token.Start + 1, tabWidth);
        var text = fragment.TextOf(token);
        var body = text.TrimStart(" \t");
        return body.StartsWith('*') ? Column(line, text.Length - body.Length, tabWidth) : -1;
    }

    /// <summary>Token <paramref name="index"/> opens a multi-line comment, read with certainty.</summary>
    private static bool IsOpener(CFragment fragment, int index)
    {
        if (index < 0) return false;
        ref readonly var token = ref fragment.Tokens.ItemRef(index);
        return token.Kind == CTokenKind.Comment && !token.IsUncertain
            && (token.Flags & (CTokenFlags.ContinuedFromPreviousLine | CTokenFlags.ContinuesOnNextLine)) == CTokenFlags.ContinuesOnNextLine;
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
