using DiffLint.Core.CSyntax;
using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Rules.Whitespace;

namespace DiffLint.Rules.Layout;

/// <summary>QEMU's rule that new files carry an SPDX-License-Identifier line.</summary>
[DiffLintRule]
public sealed class NewFileSpdxRule : PatchRule
{
    public static readonly RuleDescriptor Required = new(
        id: "DL2019",
        name: "new-file-needs-spdx",
        title: "New source file without an SPDX tag",
        messageFormat: "New file '{0}' requires an SPDX-License-Identifier line",
        category: "Style",
        defaultSeverity: Severity.Error,
        qemuCheckpatchType: "Q_NEW_FILE_NEEDS_SPDX",
        profiles: ["qemu"],
        documentation: """
            ## What it does
            Reports a new C, header, `.inc`, Rust, Python or Perl file, or a new `Makefile*`, that has no
            `SPDX-License-Identifier:` line anywhere. Imported trees (`linux-headers/`,
            `include/standard-headers/`) are exempt. The finding points at the file's `new file mode` line.

            ## Why it matters
            QEMU requires an SPDX tag in every new source file so that its licensing can be audited by tools.

            ## Example
            ```diff
            diff --git a/hw/misc/foo.c b/hw/misc/foo.c
            new file mode 100644
            --- /dev/null
            +++ b/hw/misc/foo.c
            @@ -0,0 +1,3 @@
            +/*
            + * Foo device
            + */
            ```

            ## Configuration
            QEMU profile only; the kernel's placement rules are DL2016–DL2018.
            """);

    public static readonly RuleDescriptor Suggested = new(
        id: "DL2020",
        name: "new-file-maybe-spdx",
        title: "New file without an SPDX tag",
        messageFormat: "Does new file '{0}' need an SPDX-License-Identifier line?",
        category: "Style",
        defaultSeverity: Severity.Warning,
        qemuCheckpatchType: "Q_NEW_FILE_MAYBE_SPDX",
        profiles: ["qemu"],
        documentation: """
            ## What it does
            Reports a new text file of another type than those DL2019 requires a tag in (documentation, build
            descriptions, data files) that has no `SPDX-License-Identifier:` line.

            ## Why it matters
            Most files can carry a tag in a comment; adding it now saves a licensing audit later. Files that
            cannot hold a comment (JSON, binary test data) are fine without one.

            ## Example
            ```diff
            diff --git a/docs/system/devices/foo.rst b/docs/system/devices/foo.rst
            new file mode 100644
            ```

            ## Configuration
            QEMU profile only.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Required, Suggested];

    public override void Initialize(RuleRegistration registration) => registration.RegisterFileAction(Analyze);

    private void Analyze(FileAnalysisContext context)
    {
        var file = context.File;
        if (!SpdxFiles.IsNewQemuFile(file)) return;
        if (SpdxFiles.AddsTag(file)) return;

        var rule = RequiresTag(file.Path) ? Required : Suggested;
        context.Report(rule, Locations.AtInputLine(file.ExtendedHeaderInputLine, file.Path), file.Path);
    }

    private static bool RequiresTag(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return name.StartsWith("Makefile", StringComparison.Ordinal)
               || SourceFiles.EndsWithAny(name, [".c", ".h", ".inc", ".rs", ".py", ".pl"]);
    }
}
