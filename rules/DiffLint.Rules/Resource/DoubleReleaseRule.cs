using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Rules.Resources;

namespace DiffLint.Rules.Resource;

/// <summary>Reports a resource released twice on one path.</summary>
[DiffLintRule]
public sealed class DoubleReleaseRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new("DL5002", "double-release", "Resource released twice",
        "{0}", "Resource", Severity.Warning, """
            ## What it does
            Reports a release (`free`, `fclose`, `of_node_put`, `mutex_unlock`...) of a resource that an earlier release
            on the same path already ended, where the patch added one of the two releases or the path between them.
            Resetting the variable (`p = NULL`) or clearing it through its address (`g_clear_pointer(&p, g_free)`) ends
            the first release's effect. Also reports a release on a path where the acquire's check said it failed, for an
            acquire that fails with a negative value (`fd = open(...)`, then `close(fd)` where `fd < 0`): the release gets
            the failure value, not a resource.

            ## Why it matters
            A double free corrupts the allocator's state and is a classic security bug; a double unlock or double put
            underflows a count and frees an object that others still use. Both typically hide in an error path where a
            `goto` ladder releases again what the failing branch already released.

            ## Example
            ```diff
             	if (ret) {
            +		free(buf);
             		goto out;
             	}
             ...
             out:
             	free(buf);
            ```

            ## Configuration
            The pair table, as for DL5001.
            """, options: [ResourceAnalysis.PairsOption]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchEndAction(context =>
        ResourceReporting.ReportAll(context, Descriptor, [ResourceProblem.DoubleRelease, ResourceProblem.ReleaseAfterFailure], finding =>
        [
            finding.Problem == ResourceProblem.ReleaseAfterFailure
                ? $"{ResourceReporting.Name(finding.Resource)} is released by {finding.View.Tokens[finding.Token].Text}() in {finding.Function}() on a path " +
                  $"where {finding.View.Tokens[finding.AcquireToken].Text}() at line {finding.View.NewLineOf(finding.AcquireToken)} failed: " +
                  "it holds the failure value there, not a resource"
                : $"{ResourceReporting.Name(finding.Resource)} is released again by {finding.View.Tokens[finding.Token].Text}() in {finding.Function}(): " +
                  $"{finding.ReleaseView.Tokens[finding.ReleaseToken].Text}() at line {finding.ReleaseView.NewLineOf(finding.ReleaseToken)} already released it on this path",
        ]));
}
