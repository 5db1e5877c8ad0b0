using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports an added line of a .c file that starts with a <c>module_init(</c> call.</summary>
[DiffLintRule]
public sealed class ModuleInitRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = QemuApiDescriptor.Create("DL4026", "module-init", "module_init instead of type_init/block_init",
        "Please use block_init(), type_init() etc. instead of module_init()", "Q_MODULE_INIT", """
            ## What it does
            Reports an added line of a `.c` file whose first token is a `module_init(` call, the file-scope
            registration of an init function.

            ## Why it matters
            `module_init(fn, MODULE_INIT_QOM)` spells out the init category by hand; the category macros
            (`type_init()`, `block_init()`, `opts_init()`, `trace_init()`...) say which list the function joins and
            cannot get the category wrong.

            ## Example
            ```diff
            +module_init(scratch_register_types, MODULE_INIT_QOM);
            ```
            Write `type_init(scratch_register_types)`.

            ## Configuration
            QEMU profile only. Headers are not checked: `include/qemu/module.h` defines the category macros with
            `module_init()`. Nor are macro bodies in `.c` files. checkpatch means to report this but anchors its
            pattern before the diff's `+`, so it never fires on a patch; DiffLint reports it.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        if (!context.File.Path.EndsWith(".c", StringComparison.Ordinal)) return;
        foreach (var fragment in context.Fragments)
        {
            var tokens = fragment.Tokens.AsSpan();
            foreach (ref readonly var line in fragment.Lines.AsSpan())
            {
                if (!line.IsJudged || line.TokenCount < 2) continue;
                var first = line.FirstToken;
                ref readonly var token = ref tokens[first];
                if (token.Kind == CTokenKind.Identifier && !token.InDirective && fragment.Is(token, "module_init") &&
                    tokens[first + 1].IsSymbol('('))
                    context.Report(Descriptor, fragment, token);
            }
        }
    }
}
