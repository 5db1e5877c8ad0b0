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
            `typedef void handler_t(int);`), a sparse `__bitwise` type, and lines naming the kernel's fixed-width
            types (`u8`...`s64`, `__be32`, `atomic_t`), as checkpatch does.

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

    private static void Analyze(CTokenContext typedef)
    {
        if (typedef.Token.Kind != CTokenKind.Keyword) return;
        var fragment = typedef.Fragment;
        if (IsExcepted(fragment, fragment.TokensOf(typedef.Line), typedef.Index - fragment.Lines.ItemRef(typedef.Line).FirstToken)) return;
        typedef.Report(Descriptor);
    }

    /// <summary>checkpatch's line-level exceptions: a function type after the typedef, sparse or fixed-width types on the line.</summary>
    private static bool IsExcepted(CFragment fragment, ReadOnlySpan<CToken> line, int typedefAt)
    {
        for (var t = 0; t < line.Length; t++)
        {
            ref readonly var token = ref line[t];
            if (token.Kind != CTokenKind.Identifier) continue;
            if (IsSparseOrFixedWidth(fragment.TextOf(token))) return true;
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

    /// <summary><c>__bitwise</c>, <c>atomic_t</c>, <c>u8</c>..<c>s64</c>, <c>__be32</c>, and the C99 <c>uint64_t</c> family.</summary>
    private static bool IsSparseOrFixedWidth(ReadOnlySpan<char> word)
    {
        if (word.SequenceEqual("__bitwise") || word.SequenceEqual("atomic_t")) return true;
        if (word.StartsWith("__")) word = word[2..];
        if (word.EndsWith("_t")) return IsC99FixedWidth(word[..^2]);
        var prefix = word.StartsWith("be") || word.StartsWith("le") ? 2 : word.Length > 0 && (word[0] == 'u' || word[0] == 's') ? 1 : 0;
        return prefix > 0 && IsBitCount(word[prefix..]);
    }

    /// <summary>checkpatch's <c>(?:[us]_?)?int_?(?:8|16|32|64)</c> (the name without its <c>_t</c>).</summary>
    private static bool IsC99FixedWidth(ReadOnlySpan<char> word)
    {
        if (word.Length > 0 && (word[0] == 'u' || word[0] == 's'))
        {
            word = word[1..];
            if (word.StartsWith('_')) word = word[1..];
        }

        if (!word.StartsWith("int")) return false;
        word = word[3..];
        if (word.StartsWith('_')) word = word[1..];
        return IsBitCount(word);
    }

    private static bool IsBitCount(ReadOnlySpan<char> bits) =>
        bits.SequenceEqual("8") || bits.SequenceEqual("16") || bits.SequenceEqual("32") || bits.SequenceEqual("64");
}
