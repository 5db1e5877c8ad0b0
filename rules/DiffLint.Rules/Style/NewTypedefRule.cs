using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports new <c>typedef</c>s in kernel-style projects (function types and sparse types excepted).</summary>
[DiffLintRule]
public sealed class NewTypedefRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3047",
        name: "new-typedef",
        title: "New typedef",
        messageFormat: "Do not add new typedefs",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "NEW_TYPEDEFS",
        profiles: ["kernel", "uboot"],
        documentation: """
            ## What it does
            Reports an added `typedef`, except a function or function-pointer type (`typedef int (*cb_t)(void *);`,
            `typedef void handler_t(int);`), a sparse `__bitwise` type, and lines naming a type of checkpatch's list (the
            fixed-width `u8`...`s64`, `__be32`, `uint32_t`, `atomic_t`, `uint`, `u_long`, `FILE`), as checkpatch does.

            ## Why it matters
            The kernel coding style (chapter 5) reserves typedefs for opaque objects, clear integer types and sparse
            types; `struct foo *p` tells the reader what `foo_t *p` hides.

            ## Example
            ```diff
            +typedef struct wdt_priv wdt_priv_t;
            ```

            ## Configuration
            Kernel and U-Boot profiles (QEMU's style asks for typedefs).
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "typedef");

    private void Analyze(CTokenContext typedef)
    {
        if (typedef.Token.Kind != CTokenKind.Keyword) return;
        var fragment = typedef.Fragment;
        if (IsExcepted(fragment, fragment.TokensOf(typedef.Line), typedef.Index - fragment.Lines.ItemRef(typedef.Line).FirstToken)) return;
        typedef.Report(Descriptor);
    }

    /// <summary>checkpatch's line-level exceptions: a function type after the typedef, sparse or listed types on the line.</summary>
    private static bool IsExcepted(CFragment fragment, ReadOnlySpan<CToken> line, int typedefAt)
    {
        for (var t = 0; t < line.Length; t++)
        {
            ref readonly var token = ref line[t];
            if (token.Kind != CTokenKind.Identifier) continue;
            if (IsSparseOrListedType(fragment.TextOf(token))) return true;
            if (t <= typedefAt + 1 || t + 1 >= line.Length || !line[t + 1].IsSymbol('(')) continue;

            // "name(" ends a function type unless the name is an attribute; "(*name)(" a function pointer type.
            if (line[t - 1].IsSymbol('*') && t >= 2 && line[t - 2].IsSymbol('(')) continue;
            return true;
        }

        for (var t = typedefAt + 1; t + 3 < line.Length; t++)
        {
            if (line[t].IsSymbol('(') && line[t + 1].IsSymbol('*') && line[t + 2].Kind == CTokenKind.Identifier && line[t + 3].IsSymbol(')'))
                return true;
        }

        return false;
    }

    /// <summary><c>__bitwise</c> or a name of checkpatch's typedef list (<see cref="TypedefNames.IsListed"/>).</summary>
    private static bool IsSparseOrListedType(ReadOnlySpan<char> word) => word is "__bitwise" || TypedefNames.IsListed(word);
}
