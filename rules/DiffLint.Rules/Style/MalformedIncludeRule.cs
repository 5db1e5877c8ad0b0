using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports an <c>#include</c> file name with <c>//</c> in it.</summary>
[DiffLintRule]
public sealed class MalformedIncludeRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3160",
        name: "malformed-include",
        title: "#include path with //",
        messageFormat: "malformed #include filename",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "MALFORMED_INCLUDE",
        documentation: """
            ## What it does
            Reports an added `#include <...>` or `#include "..."` whose file name holds `//`. Kernel checkpatch reads the name up to the last `>` or `"` of the line, so it also fires on a `//` comment after the include that has a quote or `>` in it; only the name itself is read here.

            ## Why it matters
            `linux//foo.h` works by accident of the file system and breaks tools that compare include paths.

            ## Example
            ```diff
            +#include <linux//device.h>
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        foreach (var fragment in context.Fragments)
        {
            var tokens = fragment.Tokens;
            foreach (var line in fragment.Lines)
            {
                if (!line.IsJudged || line.TokenCount < 2) continue;
                var directive = tokens[line.FirstToken];
                if (directive.Kind != CTokenKind.Preprocessor || !IsInclude(fragment.TextOf(directive))) continue;
                var name = TypeWords.AdjacentAfter(fragment, line.FirstToken);
                if (name < 0 || !TypeWords.SpaceBetween(fragment, line.FirstToken) || tokens[name].Kind != CTokenKind.String) continue;
                if (!fragment.TextOf(tokens[name]).Contains("//", StringComparison.Ordinal)) continue;
                context.Report(Descriptor, fragment, tokens[name]);
            }
        }
    }

    /// <summary><c>#include</c>, blanks allowed after the <c>#</c>.</summary>
    private static bool IsInclude(ReadOnlySpan<char> directive) => directive.Length > 1 && directive[1..].TrimStart(" \t") is "include";
}
