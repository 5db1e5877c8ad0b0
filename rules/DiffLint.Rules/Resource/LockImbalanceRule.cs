using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Rules.Resources;

namespace DiffLint.Rules.Resource;

/// <summary>Reports a lock, reference or state held at one exit of a function that releases it at others, and a release on a path that never acquired.</summary>
[DiffLintRule]
public sealed class LockImbalanceRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new("DL5004", "lock-imbalance", "Lock or state not balanced on every path",
        "{0}", "Resource", Severity.Warning, """
            ## What it does
            Reports a lock (`mutex_lock`, `spin_lock_irqsave`, `qemu_mutex_lock`, `rcu_read_lock`...), a reference taken on
            an object (`pm_runtime_get_sync`, `kref_get`, `object_ref`) or a switched state (`clk_prepare_enable`,
            `EFI_ENTRY`, `open_json_object`) that is still held at an exit of a function which releases it on its other
            paths, and a release on a path that never acquired it when the function otherwise acquires first. Only exits,
            branches or acquires the patch adds are reported.

            ## Why it matters
            An early `return` added between a lock and its unlock leaves the lock held: the next caller deadlocks, often
            only under load. An error path that jumps to an unlock label before taking the lock unlocks a lock it does not
            own. Like smatch's "inconsistent returns" check, DiffLint compares a function's exits with one another, so a
            function that is meant to return with the lock held (it never releases it) is not reported.

            ## Example
            ```diff
             	mutex_lock(&priv->lock);
             	ret = regmap_read(priv->map, REG, &val);
            +	if (ret)
            +		return ret;
             	...
             	mutex_unlock(&priv->lock);
            ```
            Guards (`guard(mutex)(&l)`, `scoped_guard`, `QEMU_LOCK_GUARD`, `WITH_QEMU_LOCK_GUARD`) release by themselves and
            are not reported.

            ## Configuration
            The pair table, as for DL5001.
            """, options: [ResourceAnalysis.PairsOption]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchEndAction(context =>
        ResourceReporting.ReportAll(context, Descriptor, [ResourceProblem.HeldAtExit, ResourceProblem.ReleaseWithoutAcquire], Describe));

    private static object?[] Describe(ResourceFinding finding)
    {
        var view = finding.View;
        var name = ResourceReporting.Name(finding.Resource);
        if (finding.Problem == ResourceProblem.ReleaseWithoutAcquire)
            return [$"{name} is released by {view.Tokens[finding.Token].Text}() on a path of {finding.Function}() that did not acquire it (other paths acquire it with {finding.Pair.Acquire}() first)"];
        return [$"{name} acquired by {view.Tokens[finding.AcquireToken].Text}() at line {view.NewLineOf(finding.AcquireToken)} " +
                $"is still held at {finding.Exit} of {finding.Function}(), which releases it on other paths: expected {finding.Pair.Release}()"];
    }
}
