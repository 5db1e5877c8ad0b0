using System.Collections.Immutable;
using DiffLint.Core.Analysis;

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

    public override void Initialize(RuleRegistration registration) => registration.RegisterCallAction(Analyze, "module_init");

    /// <summary>The call is the line's first token, its <c>(</c> the next, outside a macro body.</summary>
    private void Analyze(CallContext call)
    {
        if (!call.Source.File.Path.EndsWith(".c", StringComparison.Ordinal) || call.NameToken.InDirective) return;
        if (call.Name == call.Fragment.Lines[call.NameToken.Line].FirstToken && call.Open == call.Name + 1) call.Report(Descriptor);
    }
}
