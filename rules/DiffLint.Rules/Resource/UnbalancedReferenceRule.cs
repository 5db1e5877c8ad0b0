using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Rules.Resources;

namespace DiffLint.Rules.Resource;

/// <summary>Reports a reference the patch takes on an object when the patch takes more references of that family than it drops.</summary>
[DiffLintRule]
public sealed class UnbalancedReferenceRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new("DL5005", "unbalanced-reference", "Reference taken and not dropped",
        "{0}", "Resource", Severity.Warning, """
            ## What it does
            Counts, per family of counted references (`object_ref`/`object_unref`, `kref_get`/`kref_put`,
            `of_node_get`/`of_node_put`, `g_object_ref`/`g_object_unref`, `dbus_message_ref`/`dbus_message_unref`...), the
            acquires and releases the patch adds and removes. When it takes more than it drops, each added statement that
            takes a reference on an object (`object_ref(OBJECT(t));`) without storing or returning that object in the same
            function is reported.

            ## Why it matters
            A reference taken on an object is usually dropped in another function (a `_ref` helper and its `_unref`
            twin), so the function alone cannot tell. The patch as a whole can: one that adds a `_ref` and no `_unref`
            makes the object immortal, and one whose pair of helpers balance does not. QEMU's `iothread_ref()` and
            `iothread_unref()` in seed 004 balance; drop the `object_unref()` from the second and the first is reported.

            ## Example
            ```diff
             static void iothread_ref(IOThread *iothread, const char *holder)
             {
            +    object_ref(OBJECT(iothread));
             }
            ```
            with no `object_unref()` added anywhere in the patch.

            ## Configuration
            The pair table, as for DL5001; only pairs of kind `ref` are counted.
            """, options: [ResourceAnalysis.PairsOption]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchEndAction(context =>
        ResourceReporting.ReportAll(context, Descriptor, [ResourceProblem.UnbalancedReference], finding =>
        [
            $"{finding.View.Tokens[finding.Token].Text}() on {ResourceReporting.Name(finding.Resource)} in {finding.Function}() takes a reference " +
            $"that nothing in this patch drops: it adds {finding.Path[0]} {finding.Pair.Acquire}()-family acquires and {finding.Path[1]} {finding.Pair.Release}()-family releases",
        ]));
}
