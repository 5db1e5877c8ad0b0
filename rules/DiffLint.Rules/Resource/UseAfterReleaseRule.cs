using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Rules.Resources;

namespace DiffLint.Rules.Resource;

/// <summary>Reports a resource used after its release on the same path.</summary>
[DiffLintRule]
public sealed class UseAfterReleaseRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new("DL5003", "use-after-release", "Resource used after its release",
        "{0}", "Resource", Severity.Warning, """
            ## What it does
            Reports a variable that is dereferenced (`p->x`, `p[i]`, `*p`) or passed to a function after a release on the
            same path ended it, where the patch added the release or the use. A GError freed with `g_error_free()` and
            passed again as `&err` without being reset to NULL is reported too: GLib requires `*err == NULL` there.

            ## Why it matters
            Reading freed memory returns whatever the allocator put there since; writing it corrupts another object.
            Use after free is the most exploited memory-safety bug class.

            ## Example
            ```diff
            +	free(answer);
             	return answer->nlmsg_len;
            ```

            ## Configuration
            The pair table, as for DL5001.
            """, options: [ResourceAnalysis.PairsOption]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchEndAction(context =>
        ResourceReporting.ReportAll(context, Descriptor, [ResourceProblem.UseAfterRelease], finding =>
        [
            $"{ResourceReporting.Name(finding.Resource)} is used in {finding.Function}() after " +
            $"{finding.ReleaseView.Tokens[finding.ReleaseToken].Text}() at line {finding.ReleaseView.NewLineOf(finding.ReleaseToken)} released it" +
            (finding.Pair.Release == "g_error_free" ? " (reset it to NULL, or use g_clear_error())" : ""),
        ]));
}
