using System.Collections.Immutable;
using DiffLint.Core.Analysis;

namespace DiffLint.Rules.Api;

/// <summary>Reports a line starting with <c>__initcall(</c>.</summary>
[DiffLintRule]
public sealed class DeviceInitcallRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3180", "use-device-initcall", "__initcall()",
        "please use device_initcall() or more appropriate function instead of __initcall() (see include/linux/init.h)", "USE_DEVICE_INITCALL", """
            ## What it does
            Reports a line that starts with a call of `__initcall()`.

            ## Why it matters
            `__initcall()` is the old name of `device_initcall()`, kept for compatibility. Naming the level
            (`device_initcall()`, `subsys_initcall()`, `late_initcall()`...) says when the function runs, and a
            module should use `module_init()`.

            ## Example
            ```diff
            +__initcall(foo_init);
            ```

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCallAction(Analyze, "__initcall");

    private void Analyze(CallContext call)
    {
        if (call.CodeIndex == 0) call.Report(Descriptor);
    }
}
