using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Layout;

/// <summary>
/// Device-tree binding hygiene that a patch shows by itself: binding files mixed with other files in one patch, and new
/// bindings written as free text instead of DT schema.
/// </summary>
[DiffLintRule]
public sealed class DeviceTreeBindingRule : PatchRule
{
    public static readonly RuleDescriptor SplitDescriptor = new(
        id: "DL2026",
        name: "dt-binding-not-separate",
        title: "DT binding changes mixed with other changes",
        messageFormat: "DT binding docs and includes should be a separate patch. See: Documentation/devicetree/bindings/submitting-patches.rst",
        category: "Layout",
        defaultSeverity: Severity.Warning,
        checkpatchType: "DT_SPLIT_BINDING_PATCH",
        profiles: ["kernel", "uboot"],
        documentation: """
            ## What it does
            Reports a patch that changes device-tree binding files (`Documentation/devicetree/...`,
            `include/dt-bindings/...`) together with other files. Files are read in patch order and a finding is made
            at the `diff --git` line of each file that switches from binding files to other files or back, as
            checkpatch's DT_SPLIT_BINDING_PATCH does; `MAINTAINERS` belongs to neither side.

            Unlike checkpatch, a deleted binding file counts as a binding file. checkpatch takes the name of a deleted
            file from its `+++ /dev/null` line, so a patch that only converts `foo.txt` to `foo.yaml` (the usual DT
            schema conversion) gets two findings there although it touches nothing but bindings; DiffLint reports
            nothing.

            ## Why it matters
            Bindings are reviewed by the devicetree maintainers and are merged through a different tree than the
            driver or the board files that use them; the DT tooling also extracts binding patches on their own.
            `Documentation/devicetree/bindings/submitting-patches.rst` asks for them in a patch of their own.

            ## Example
            ```
            diff --git a/Documentation/devicetree/bindings/watchdog/foo-wdt.yaml b/Documentation/devicetree/bindings/watchdog/foo-wdt.yaml
            ...
            diff --git a/drivers/watchdog/foo_wdt.c b/drivers/watchdog/foo_wdt.c
            ```
            Split it into `dt-bindings: watchdog: add foo-wdt` and `watchdog: foo: ...`, the binding first.

            ## Configuration
            """);

    public static readonly RuleDescriptor SchemaDescriptor = new(
        id: "DL2027",
        name: "dt-binding-not-schema",
        title: "New DT binding not in DT schema format",
        messageFormat: "DT bindings should be in DT schema format. See: Documentation/devicetree/bindings/writing-schema.rst",
        category: "Layout",
        defaultSeverity: Severity.Warning,
        checkpatchType: "DT_SCHEMA_BINDING_PATCH",
        profiles: ["kernel", "uboot"],
        documentation: """
            ## What it does
            Reports a new file `Documentation/devicetree/bindings/**/*.txt`, at its `new file mode` line, as
            checkpatch's DT_SCHEMA_BINDING_PATCH does.

            checkpatch's third device-tree TYPE, UNDOCUMENTED_DT_STRING, is not reproduced: it greps the whole binding
            directory and `vendor-prefixes.yaml` of a kernel tree for each added `compatible` string, which a patch
            alone cannot answer (a binding documented years ago is not in the patch), so it would report nearly every
            compatible string.

            ## Why it matters
            Bindings are written in DT schema (YAML) so that `make dt_binding_check` and `dtbs_check` can validate them
            and the device trees that use them; free-text bindings are no longer accepted.

            ## Example
            ```
            new file mode 100644
            --- /dev/null
            +++ b/Documentation/devicetree/bindings/watchdog/foo-wdt.txt
            ```
            Write `foo-wdt.yaml` instead (`Documentation/devicetree/bindings/writing-schema.rst`).

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [SplitDescriptor, SchemaDescriptor];

    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterPatchAction(AnalyzeSplit);
        registration.RegisterFileAction(AnalyzeSchema);
    }

    private void AnalyzeSplit(PatchAnalysisContext context)
    {
        bool? previousIsBinding = null;
        foreach (var file in context.Patch.Files)
        {
            var path = file.Path;
            if (path.StartsWith("MAINTAINERS", StringComparison.Ordinal)) continue;
            var isBinding = IsBindingPath(file.NewPath) || IsBindingPath(file.OldPath);
            if (previousIsBinding is { } previous && previous != isBinding)
                context.Report(SplitDescriptor, Locations.AtInputLine(file.HeaderInputLine, path));
            previousIsBinding = isBinding;
        }
    }

    private void AnalyzeSchema(FileAnalysisContext context)
    {
        var file = context.File;
        if (file.Change != FileChangeKind.Added || file.NewPath is not { } path) return;
        if (!path.StartsWith("Documentation/devicetree/bindings/", StringComparison.Ordinal) || !path.EndsWith(".txt", StringComparison.Ordinal)) return;
        context.Report(SchemaDescriptor, Locations.AtInputLine(file.ExtendedHeaderInputLine > 0 ? file.ExtendedHeaderInputLine : file.HeaderInputLine, path));
    }

    private static bool IsBindingPath(string? path) =>
        path is not null && (path.StartsWith("Documentation/devicetree/", StringComparison.Ordinal) || path.StartsWith("include/dt-bindings/", StringComparison.Ordinal));
}
