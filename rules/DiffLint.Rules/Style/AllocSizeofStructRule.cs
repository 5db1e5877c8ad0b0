using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Allocation sized by the struct name.</summary>
[DiffLintRule]
public sealed class AllocSizeofStructRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3124",
        name: "alloc-sizeof-struct",
        title: "Allocation sized by the struct name",
        messageFormat: "Prefer {0}(sizeof(*{1})...) over {0}({2}...)",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "ALLOC_SIZEOF_STRUCT",
        documentation: """
            ## What it does
            Reports an assignment from `kmalloc`, `kzalloc`, `kvmalloc`, `kvzalloc`, `vmalloc`, `vzalloc` (or their
            `_node` forms) whose first argument is `sizeof(struct name)`, and suggests `sizeof(*p)` with the variable
            assigned to. A cast between the `=` and the call is allowed, as in checkpatch.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            `sizeof(*p)` follows the pointer's type: when the type of `p` changes, the allocation still fits. A repeated
            struct name can silently go stale.

            ## Example
            ```diff
            +	priv = kzalloc(sizeof(struct acme_priv), GFP_KERNEL);
            ```

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    /// <summary><c>(kv|k|v)(m|z)alloc</c>, optionally with <c>_node</c>.</summary>
    private static readonly string[] Allocators =
    [
        "kmalloc", "kzalloc", "kvmalloc", "kvzalloc", "vmalloc", "vzalloc",
        "kmalloc_node", "kzalloc_node", "kvmalloc_node", "kvzalloc_node", "vmalloc_node", "vzalloc_node",
    ];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, Allocators);

    /// <summary><c>lvalue = [(cast)] allocator(sizeof(struct name)</c> on one line.</summary>
    private void Analyze(CTokenContext context)
    {
        var fragment = context.Fragment;
        var tokens = fragment.Tokens;
        ref readonly var line = ref fragment.Lines.ItemRef(context.Line);
        var t = context.Index;
        if (t < line.FirstToken + 2 || t + 6 >= line.EndToken) return;
        if (!tokens[t + 1].IsSymbol('(') || !fragment.Is(tokens[t + 2], "sizeof") || !tokens[t + 3].IsSymbol('(')
            || !fragment.Is(tokens[t + 4], "struct") || !CDeclarationShape.IsWord(tokens[t + 5]) || !tokens[t + 6].IsSymbol(')')) return;
        var assign = t - 1;
        if (tokens[assign].IsSymbol(')'))
        {
            // A cast: (struct foo *)kzalloc(...).
            assign = fragment.Structure.MatchOf(assign) - 1;
            if (assign < line.FirstToken) return;
        }

        if (!tokens[assign].IsSymbol('=') || assign - 1 < line.FirstToken) return;
        var last = assign - 1;
        var first = ComparisonToNullRule.LvalueStart(fragment, last, line.FirstToken);
        if (first < 0) return;
        var text = line.Text;
        context.Report(Descriptor, context.Text.ToString(), text[tokens[first].Start..tokens[last].End].ToString(),
            text[tokens[t + 2].Start..tokens[t + 6].End].ToString());
    }
}
