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
            None.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        foreach (var fragment in context.Fragments)
        {
            var tokens = fragment.Tokens.AsSpan();
            for (var i = 1; i < tokens.Length; i++)
            {
                var token = tokens[i];
                if (!token.IsSymbol('*') || !token.IsAdded || token.IsUncertain || tokens[i - 1].IsSymbol('*')) continue;
                if (TokenSpacing.OperandOf(fragment, i) != OperandBefore.Type) continue;
                Check(context, fragment, i);
            }
        }
    }

    private static void Check(CSourceContext context, CFragment fragment, int first)
    {
        var tokens = fragment.Tokens.AsSpan();
        var last = first;
        while (last + 1 < tokens.Length && tokens[last + 1].IsSymbol('*') && tokens[last + 1].Line == tokens[first].Line) last++;
        var next = last + 1 < tokens.Length ? tokens[last + 1] : default;
        if (next.Line != tokens[first].Line || next.Length == 0) return;
        var spaceBefore = TokenSpacing.Before(fragment, first) == Side.Space;
        var tightStars = true;
        for (var s = first + 1; s <= last; s++) tightStars &= tokens[s].Start == tokens[s - 1].End;
        var spaceAfter = next.Start != tokens[last].End;
        var isCast = next.IsSymbol(')');
        if (!isCast && next.Kind != CTokenKind.Identifier) return;
        if (spaceBefore && tightStars && !spaceAfter) return;
        var stars = new string('*', last - first + 1);
        var written = $"foo{(spaceBefore ? " " : "")}{stars}{(spaceAfter ? " " : "")}";
        if (isCast) context.Report(Descriptor, fragment, tokens[first], $"({written})", $"(foo {stars})");
        else context.Report(Descriptor, fragment, tokens[first], $"{written}bar", $"foo {stars}bar");
    }
}
