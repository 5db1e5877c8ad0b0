using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Rules.Resources;

namespace DiffLint.Rules.Resource;

/// <summary>Reports a resource the patch acquires (or an exit it adds) that leaves a function without being released.</summary>
[DiffLintRule]
public sealed class ResourceLeakRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new("DL5001", "resource-leak", "Resource leaked on a path",
        "{0}", "Resource", Severity.Warning, """
            ## What it does
            Follows every path through each function the patch touches and reports a resource that is acquired (by a
            function of the pair table: `malloc`, `fopen`, `open`, `g_strdup`, `of_node_get`, `rtnl_talk(..., &answer)`...)
            and reaches an exit still held: a `return`, a `goto` to a label that does not release it, the end of the
            function, the end of a loop pass that acquires it again, or an assignment that overwrites the only pointer
            (`p = realloc(p, n)` included). It reports only what the patch changed: a new acquire with a leaking path, or
            a new exit or branch that skips an existing release. The message names the acquire's line and the release it
            expected; SARIF carries the path (acquire → branches → exit) as `codeFlows`.

            ## Why it matters
            Error paths are the least tested code there is: a buffer or descriptor forgotten on one of them is invisible
            in review and in normal runs, and reaches releases every week (the shared bug corpus has dozens, from BlueZ,
            iproute2 and U-Boot). checkpatch.pl reads lines and cannot see them.

            ## Example
            ```diff
             	new = calloc(1, sizeof(*new));
             	if (!new)
             		return -ENOMEM;
             	new->name = strdup(propname);
            +	if (!new->name)
            +		return -ENOMEM;
            ```
            `new` is leaked by the second `return`; free it first.

            What the analysis understands: the failed-acquire check (`if (!p) return -ENOMEM;` leaks nothing, nor do
            `IS_ERR(p)`, `fd < 0` or `ret = acquire(&x); if (ret) ...`), `goto err_*` unwinding ladders, ownership handed
            on (returned, stored in a field, a global or through an out-parameter, aliased, or passed to a function that
            takes it: `list_add`, `g_hash_table_insert`, a name with add/insert/append/set/register...), cleanup
            attributes (`g_autofree`, `g_autoptr`, `__free()`, `_cleanup_*_`) and the file's own wrappers (a function
            that frees its parameter is a release, one that returns a fresh allocation an acquire). `devm_*` resources
            are managed and never tracked.

            From the patch alone it sees only the hunks: lines it cannot see are assumed to hold no exit and not to
            touch the resource, so a leak whose acquire and exit are in different hunks needs the tree (`--tree DIR`, or
            run inside a git work tree that holds the pre-image).

            ## Configuration
            The pairs come from `rules/DiffLint.Rules/Resources/Pairs/*.pairs`; a repository adds its own with
            `difflint_resource_pairs = path/to/project.pairs` in `.editorconfig` (see the README's "Resource pairs").
            """, options: [ResourceAnalysis.PairsOption]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterPatchEndAction(context =>
            ResourceReporting.ReportAll(context, Descriptor, [ResourceProblem.Leak, ResourceProblem.ReallocLoses], Describe));
        // The pair tables the resource rules share, read while the first mail is read.
        ResourcePairTables.StartLoading();
    }

    private static object?[] Describe(ResourceFinding finding)
    {
        var view = finding.View;
        var acquire = view.Tokens[finding.AcquireToken].Text;
        if (finding.Problem == ResourceProblem.ReallocLoses)
        {
            return [$"{ResourceReporting.Name(finding.Resource)} is assigned the result of {acquire}() on itself in {finding.Function}(): " +
                    "when it fails the old block is lost; assign to a temporary first"];
        }

        if (finding.Resource.StartsWith('<'))
            return [$"The result of {acquire}() is leaked at {finding.Exit} in {finding.Function}(): expected {finding.Pair.Release}()"];

        return [$"{ResourceReporting.Name(finding.Resource)} acquired by {acquire}() at line {view.NewLineOf(finding.AcquireToken)} " +
                $"is leaked at {finding.Exit} in {finding.Function}(): expected {finding.Pair.Release}()"];
    }
}
