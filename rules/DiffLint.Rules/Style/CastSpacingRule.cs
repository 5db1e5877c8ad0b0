using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a blank between a cast and the value it casts: <c>(int) len</c>.</summary>
[DiffLintRule]
public sealed class CastSpacingRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3103",
        name: "cast-spacing",
        title: "Space after a cast",
        messageFormat: "No space is necessary after a cast",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "SPACING",
        documentation: """
            ## What it does
            Reports a parenthesised type followed by blanks and then the value it casts (`(u32) val`,
            `(struct foo *) ptr`, `(void) ret`). Not reported, as in checkpatch: a `(type)` after `sizeof` or
            `__alignof__`, a `(type) =` or `(type) {` (a function-pointer declaration or a compound literal), a
            `(type)` that ends a macro line, and a `(type)` followed by an attribute. Like checkpatch, only the last
            such `(type)` of a line is looked at. The type must be one checkpatch knows without reading the tree:
            the C types, `struct`/`union`/`enum` tags, names ending in `_t`, and the kernel's `u8`…`s64`.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            A cast binds tighter than any binary operator; written against its operand it reads as the unary
            operator it is.

            ## Example
            ```diff
            +	val = (u16) (reg >> 16);
            ```
            should be `(u16)(reg >> 16)`.

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterSymbolAction(Analyze, ")");

    /// <summary>checkpatch takes the last <c>(type)&lt;blanks&gt;</c> of the line and then looks at what precedes it.</summary>
    private void Analyze(CTokenContext context)
    {
        var fragment = context.Fragment;
        ref readonly var line = ref fragment.Lines.ItemRef(context.Line);
        var close = context.Index;
        if (!IsSpacedCast(fragment, line, close, out var open, out var blanks)) return;
        for (var later = close + 1; later < line.EndToken; later++)
        {
            if (IsSpacedCast(fragment, line, later, out _, out _)) return;
        }

        var before = CodeTokens.Previous(fragment, open);
        var tokens = fragment.Tokens;
        if (!(before >= 0 && tokens[before].Line == context.Line && IsSizeof(fragment, tokens[before])))
            context.Report(Descriptor, tokens[open].Start, blanks, null);
    }

    /// <summary>
    /// Token <paramref name="close"/> of <paramref name="line"/> closes a type in parentheses opened on the line and is
    /// followed by blanks (up to <paramref name="blanks"/>) and something a cast can apply to.
    /// </summary>
    private static bool IsSpacedCast(CFragment fragment, in CLine line, int close, out int open, out int blanks)
    {
        var tokens = fragment.Tokens;
        open = blanks = -1;
        if (close <= line.FirstToken || !tokens[close].IsSymbol(')')) return false;
        open = fragment.Structure.MatchOf(close);
        if (open < line.FirstToken || open >= close - 1 || tokens[open].Line != tokens[close].Line) return false;
        if (CDeclarationShape.TypeEnd(fragment, open + 1, close) != close || StartsWithStorage(fragment, open + 1)) return false;
        var text = line.Text;
        blanks = tokens[close].End;
        while (blanks < text.Length && text[blanks] is ' ' or '\t') blanks++;
        return blanks != tokens[close].End && IsCastOperand(fragment, close, blanks);
    }

    /// <summary>What follows the blanks after <c>)</c> at <paramref name="at"/> can be a cast operand (checkpatch's exclusions).</summary>
    private static bool IsCastOperand(CFragment fragment, int close, int at)
    {
        var text = fragment.Lines[fragment.Tokens[close].Line].Text;
        if (at < text.Length && text[at] is '=' or '{') return false;
        if (text[at..].TrimEnd(" \t\r") is "\\") return false;
        var next = close + 1;
        if (next >= fragment.Tokens.Length || fragment.Tokens[next].Line != fragment.Tokens[close].Line) return true;
        var word = fragment.TextOf(fragment.Tokens[next]);
        return !(CDeclarationShape.IsWord(fragment.Tokens[next]) && (word.StartsWith("__attribute__") || CDeclarationShape.IsModifier(word)
            || word.StartsWith("__aligned") || word.StartsWith("__alloc_size")));
    }

    private static bool StartsWithStorage(CFragment fragment, int index) =>
        CDeclarationShape.IsWord(fragment.Tokens[index]) && CDeclarationShape.IsStorage(fragment.TextOf(fragment.Tokens[index]));

    private static bool IsSizeof(CFragment fragment, in CToken token) => fragment.Is(token, "sizeof") || fragment.Is(token, "__alignof__");
}
