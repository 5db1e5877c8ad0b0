// A single-file DiffLint rule: put it in a folder named by `difflint_rule_sources` in .editorconfig (or pass the
// folder with --rule-source); difflint compiles it against its rule API on first use and caches the result.
using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace Acme.Rules;

/// <summary>Reports <c>goto retry;</c>: ACME writes retries as loops.</summary>
[DiffLintRule]
public sealed class GotoRetryRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        "ACME101", "acme-goto-retry", "Retry written as a goto",
        "Write the retry as a loop, not 'goto {0}'", "Style", Severity.Warning,
        """
        ## What it does
        Reports an added `goto` to a label named `retry` or `again`.

        ## Why it matters
        A loop shows where the retry starts and how often it may run; a backward goto hides both.

        ## Example
        ```diff
        +	goto retry;
        ```

        ## Configuration
        None.
        """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterIdentifierAction(context =>
        {
            var label = CodeTokens.Next(context.Fragment, context.Index);
            if (label < 0) return;
            var name = context.TextOf(context.Fragment.Tokens[label]);
            if (name is "retry" or "again") context.Report(Descriptor, name.ToString());
        }, "goto");
}
