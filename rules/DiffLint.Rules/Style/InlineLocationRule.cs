using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports an inline keyword after the type or before the storage class.</summary>
[DiffLintRule]
public sealed class InlineLocationRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3146",
        name: "inline-location",
        title: "inline not between storage class and type",
        messageFormat: "inline keyword should sit between storage class and type",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "INLINE_LOCATION",
        documentation: """
            ## What it does
            Reports `inline`, `__always_inline`, `noinline`, `__inline` or `__inline__` written right after a type
            (`static void inline foo(void)`) or right before `static`/`extern`/`asmlinkage` (`inline static`), once
            a line, as kernel checkpatch does.

            ## Why it matters
            Kernel code reads `static inline int foo(void)`: storage class, inline, type. GCC warns about
            `inline` that is not at the start of a declaration (`-Wold-style-declaration`).

            ## Example
            ```diff
            +static void inline foo_reset(struct foo *foo)
            ```
            should be `static inline void foo_reset(struct foo *foo)`.

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterIdentifierAction(Analyze, RegisteredNames.Of("inline", "__always_inline", "noinline", "__inline", "__inline__"));

    private void Analyze(CTokenContext inline)
    {
        var fragment = inline.Fragment;
        if (!IsMisplaced(fragment, inline.Index)) return;
        // Once a line: an earlier misplaced inline word has the report. Looking back stops at the nearest one, so a
        // line of many costs linear time.
        var tokens = fragment.Tokens;
        for (var t = inline.Index - 1; t >= fragment.Lines.ItemRef(inline.Line).FirstToken; t--)
        {
            if (tokens[t].Kind is CTokenKind.Keyword or CTokenKind.Identifier && TypeWords.IsInline(fragment.TextOf(tokens[t])) && IsMisplaced(fragment, t))
                return;
        }

        inline.Report(Descriptor);
    }

    private static bool IsMisplaced(CFragment fragment, int inline) => AfterType(fragment, inline) || BeforeStorage(fragment, inline);

    private static bool AfterType(CFragment fragment, int inline)
    {
        var typeEnd = TypeWords.Adjacent(fragment, inline);
        return typeEnd >= 0 && TypeWords.SpaceBetween(fragment, typeEnd) && TypeWords.TypeStart(fragment, typeEnd) >= 0;
    }

    private static bool BeforeStorage(CFragment fragment, int inline)
    {
        var storage = TypeWords.AdjacentAfter(fragment, inline);
        return storage >= 0 && TypeWords.SpaceBetween(fragment, inline) &&
               fragment.Tokens[storage].Kind is CTokenKind.Keyword or CTokenKind.Identifier &&
               TypeWords.IsStorage(fragment.TextOf(fragment.Tokens[storage]));
    }
}
