using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a pointer <c>*</c> attached to the type instead of the name: <c>char* p</c>, <c>(void*)</c>.</summary>
[DiffLintRule]
public sealed class PointerLocationRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3009",
        name: "pointer-location",
        title: "Pointer star placement",
        messageFormat: "\"{0}\" should be \"{1}\"",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "POINTER_LOCATION",
        qemuCheckpatchType: "Q_POINTER_LOCATION",
        documentation: """
            ## What it does
            After a type name (a type keyword, `struct tag`, or a typedef spelled `*_t`, `u8`, `__u32`...), reports
            a `*` that is not written `type *name` in a declaration or `(type *)` in a cast, `sizeof` or prototype:
            `char* p`, `char * p`, `(void*)`, `(const char* )`. Stars in a row stay together (`char **argv`).
            Declarations with a qualifier after the star (`char * const p`) are left alone.

            ## Why it matters
            The star binds to the declarator, not the type: `char* a, b;` declares one pointer and one char.

            ## Example
            ```diff
            +	pbuf = (const char*) buf;
            +	u8 *data_far = (void*)(regs->di + 0);
            ```

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterSymbolAction(Analyze, "*");

    /// <summary>The first <c>*</c> of a run after a type name, as written against how kernel style writes it.</summary>
    private void Analyze(CTokenContext star)
    {
        var fragment = star.Fragment;
        var tokens = fragment.Tokens.AsSpan();
        var first = star.Index;
        if (first == 0 || star.Token.IsUncertain || tokens[first - 1].IsSymbol('*')) return;
        var last = first;
        while (last + 1 < tokens.Length && tokens[last + 1].IsSymbol('*') && tokens[last + 1].Line == tokens[first].Line) last++;
        var next = last + 1 < tokens.Length ? tokens[last + 1] : default;
        if (next.Line != tokens[first].Line || next.Length == 0) return;
        var isCast = next.IsSymbol(')');
        if (!isCast && next.Kind != CTokenKind.Identifier) return;
        var spaceBefore = TokenSpacing.Before(fragment, first) == Side.Space;
        var tightStars = true;
        for (var s = first + 1; s <= last; s++) tightStars &= tokens[s].Start == tokens[s - 1].End;
        var spaceAfter = next.Start != tokens[last].End;
        if (spaceBefore && tightStars && !spaceAfter) return;
        // Cheap tests first: telling what precedes the star costs more.
        if (TokenSpacing.OperandOf(fragment, first) != OperandBefore.Type) return;
        var stars = new string('*', last - first + 1);
        var written = $"foo{(spaceBefore ? " " : "")}{stars}{(spaceAfter ? " " : "")}";
        if (isCast) star.Report(Descriptor, $"({written})", $"(foo {stars})");
        else star.Report(Descriptor, $"{written}bar", $"foo {stars}bar");
    }
}
