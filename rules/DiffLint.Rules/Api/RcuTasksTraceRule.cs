using System.Collections.Immutable;
using DiffLint.Core.Analysis;

namespace DiffLint.Rules.Api;

/// <summary>Reports RCU Tasks Trace calls outside BPF and core RCU code.</summary>
[DiffLintRule]
public sealed class RcuTasksTraceRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3178", "rcu-tasks-trace", "RCU Tasks Trace outside BPF or RCU",
        "use of RCU tasks trace is incorrect outside BPF or core RCU code", "RCU_TASKS_TRACE", """
            ## What it does
            Reports calls to `rcu_read_lock_trace()`, `rcu_read_lock_trace_held()`, `rcu_read_unlock_trace()`,
            `call_rcu_tasks_trace()`, `synchronize_rcu_tasks_trace()`, `rcu_barrier_tasks_trace()` and
            `rcu_request_urgent_qs_task()` in files outside `kernel/bpf/`, `include/linux/bpf*`, `net/bpf/`,
            `kernel/rcu/` and `include/linux/rcu*`, once per line.

            ## Why it matters
            RCU Tasks Trace is a flavour made for sleepable BPF programs, with its own grace periods and
            costs; other code wants plain RCU or SRCU, whose rules every reviewer knows.

            ## Example
            ```diff
            +	rcu_read_lock_trace();
            ```

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    private static readonly string[] Functions =
    [
        "rcu_read_lock_trace", "rcu_read_lock_trace_held", "rcu_read_unlock_trace", "call_rcu_tasks_trace", "synchronize_rcu_tasks_trace",
        "rcu_barrier_tasks_trace", "rcu_request_urgent_qs_task",
    ];

    private static readonly string[] AllowedPaths = ["kernel/bpf/", "include/linux/bpf", "net/bpf/", "kernel/rcu/", "include/linux/rcu"];

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCallAction(Analyze, Functions);

    private void Analyze(CallContext call)
    {
        var path = call.Source.File.Path;
        if (AllowedPaths.Any(p => path.StartsWith(p, StringComparison.Ordinal)) || !CallsOnLine.IsFirstOf(call, IsTraceFunction)) return;
        call.Report(Descriptor);
    }

    private static bool IsTraceFunction(ReadOnlySpan<char> name)
    {
        foreach (var function in Functions)
        {
            if (name.SequenceEqual(function)) return true;
        }

        return false;
    }
}
