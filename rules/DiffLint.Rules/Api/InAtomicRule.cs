using System.Collections.Immutable;
using DiffLint.Core.Analysis;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>in_atomic()</c> outside the core kernel: an error in drivers, a warning elsewhere.</summary>
[DiffLintRule]
public sealed class InAtomicRule : PatchRule
{
    private const string Documentation = """
        ## What it does
        Reports calls to `in_atomic()` in files outside `kernel/`: an error (DL3176) under `drivers/`, a warning
        (DL3177) elsewhere, once per line.

        ## Why it matters
        `in_atomic()` does not tell whether the code may sleep: without `CONFIG_PREEMPT_COUNT` it misses held
        spinlocks, and it says nothing about disabled interrupts or RCU read sections. Code that behaves
        differently by context should be told its context by its caller (a `gfp_t`, a flag, separate functions).

        ## Example
        ```diff
        +	buf = kmalloc(len, in_atomic() ? GFP_ATOMIC : GFP_KERNEL);
        ```

        ## Configuration
        Kernel and U-Boot profiles.
        """;

    public static readonly RuleDescriptor InDriver = new("DL3176", "in-atomic-driver", "in_atomic() in a driver",
        "do not use in_atomic in drivers", "Api", Severity.Error, Documentation, checkpatchType: "IN_ATOMIC", profiles: ["kernel", "uboot"]);

    public static readonly RuleDescriptor OutsideCore = KernelApiDescriptor.Create("DL3177", "in-atomic", "in_atomic() outside core kernel code",
        "use of in_atomic() is incorrect outside core kernel code", "IN_ATOMIC", Documentation);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [InDriver, OutsideCore];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCallAction(Analyze, "in_atomic");

    private void Analyze(CallContext call)
    {
        var path = call.Source.File.Path;
        if (path.StartsWith("kernel/", StringComparison.Ordinal) || !CallsOnLine.IsFirst(call)) return;
        call.Report(path.StartsWith("drivers/", StringComparison.Ordinal) ? InDriver : OutsideCore);
    }
}
