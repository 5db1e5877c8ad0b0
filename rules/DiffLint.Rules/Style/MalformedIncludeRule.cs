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

    public override void Initialize(RuleRegistration registration) => registration.RegisterTokenAction(Analyze, CTokenKind.Preprocessor);

    private void Analyze(CTokenContext directive)
    {
        var name = DirectiveLine.OperandOf(directive, "include");
        if (name < 0) return;
        ref readonly var header = ref directive.Fragment.Tokens.ItemRef(name);
        if (header.Kind == CTokenKind.String && directive.TextOf(header).Contains("//", StringComparison.Ordinal))
            directive.Source.Report(Descriptor, directive.Fragment, header);
    }
}
