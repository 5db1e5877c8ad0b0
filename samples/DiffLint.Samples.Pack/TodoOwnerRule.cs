using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Samples.Pack;

/// <summary>Reports a TODO or FIXME comment that does not name who will do it: <c>TODO(name):</c>.</summary>
[DiffLintRule]
public sealed class TodoOwnerRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "ACME002",
        name: "acme-todo-owner",
        title: "TODO without an owner",
        messageFormat: "Name who will do this: {0}(name): ...",
        category: "Style",
        defaultSeverity: Severity.Warning,
        documentation: """
            ## What it does
            Reports an added comment with `TODO` or `FIXME` not followed by `(name)`.

            ## Why it matters
            A TODO nobody owns is never done; ACME's release checklist lists them by owner.

            ## Example
            ```diff
            +	/* TODO: handle the second bank */
            ```
            should be `/* TODO(ada): handle the second bank */`.

            ## Configuration
            None.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterTokenAction(context =>
        {
            foreach (var word in (ReadOnlySpan<string>)["TODO", "FIXME"])
            {
                var text = context.Text;
                var at = text.IndexOf(word, StringComparison.Ordinal);
                if (at < 0 || text[(at + word.Length)..].StartsWith('(')) continue;
                var start = context.Token.Start + at;
                context.Report(Descriptor, start, start + word.Length, null, word);
                return;
            }
        }, CTokenKind.Comment, CTokenKind.LineComment);
}
