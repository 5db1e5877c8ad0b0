using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>extern on a function prototype in a header.</summary>
[DiffLintRule]
public sealed class AvoidExternsRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3115",
        name: "avoid-externs",
        title: "extern on a function prototype in a header",
        messageFormat: "extern prototypes should be avoided in .h files",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "AVOID_EXTERNS",
        documentation: """
            ## What it does
            Reports an added line of a `.h` file that starts with `extern`, a type and a name followed by `(`: a function
            prototype marked `extern`, which it is anyway. Variables (`extern int debug;`) are left alone. The type must be
            one checkpatch knows without reading the tree (C types, `struct`/`union`/`enum` tags, names ending in `_t`,
            the kernel's `u8`…`s64`), pointers and qualifiers included.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            Function declarations have external linkage by default; kernel headers leave the keyword out, and strict
            maintainers ask new prototypes to follow.

            ## Example
            ```diff
            +extern int acme_register(struct acme *acme);
            ```

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);


    private static void Analyze(CSourceContext context)
    {
        if (!context.File.Path.EndsWith(".h", StringComparison.Ordinal)) return;
        foreach (var fragment in context.Fragments)
        {
            var tokens = fragment.Tokens;
            foreach (var line in fragment.Lines)
            {
                if (!line.IsJudged || line.TokenCount < 4) continue;
                var first = line.FirstToken;
                var end = line.EndToken;
                if (tokens[first].Kind != CTokenKind.Keyword || !fragment.Is(tokens[first], "extern")) continue;
                var typeEnd = CDeclarationShape.TypeEnd(fragment, first + 1, end);
                if (typeEnd < 0 || typeEnd + 1 >= end || !CDeclarationShape.IsWord(tokens[typeEnd]) || !tokens[typeEnd + 1].IsSymbol('(')) continue;
                context.Report(Descriptor, fragment, tokens[first]);
            }
        }
    }
}
