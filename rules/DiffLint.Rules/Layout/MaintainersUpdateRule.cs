using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Layout;

/// <summary>Asks for a MAINTAINERS update when a patch adds, moves or deletes files.</summary>
[DiffLintRule]
public sealed class MaintainersUpdateRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL2015",
        name: "maintainers-update",
        title: "Files added, moved or deleted without a MAINTAINERS update",
        messageFormat: "{0} added, moved or deleted and MAINTAINERS is not updated: does it need to be?",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "FILE_PATH_CHANGES",
        checkpatchMessage: "added, moved or deleted file(s), does MAINTAINERS need updating?",
        qemuCheckpatchType: "Q_MAINTAINERS_UPDATE",
        profiles: ["kernel", "qemu", "uboot"],
        documentation: """
            ## What it does
            Reports a patch that adds, deletes or renames files when none of its files is a `MAINTAINERS` file
            (the top-level one or, in U-Boot, a board's). It names them and points at the first move shown in the
            diffstat, or else at the first such file's `new file mode`, `deleted file mode` or `rename from` line.

            ## Why it matters
            MAINTAINERS decides who is asked to review a change; a new or moved file that no `F:` pattern covers
            reaches nobody, and a deleted file leaves a stale pattern behind.

            ## Example
            ```diff
            diff --git a/drivers/watchdog/foo_wdt.c b/drivers/watchdog/foo_wdt.c
            new file mode 100644
            ```

            Unlike the kernel's checkpatch, which sees MAINTAINERS only through a `MAINTAINERS |` row of the
            diffstat (so it warns on a patch without a diffstat even when MAINTAINERS is updated), DiffLint reads
            the patch's file list.

            ## Configuration
            Kernel, QEMU and U-Boot profiles (git has no MAINTAINERS file).
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        FileDiff? first = null;
        var changed = new List<string>();
        foreach (var file in context.Patch.Files)
        {
            if (IsMaintainers(file.NewPath) || IsMaintainers(file.OldPath)) return;
            if (file.Change is not (FileChangeKind.Added or FileChangeKind.Deleted or FileChangeKind.Renamed)) continue;
            first ??= file;
            changed.Add(file.Path);
        }

        if (first is null) return;
        var inputLine = DiffstatRenameLine(context.Patch) ?? first.ExtendedHeaderInputLine;
        var names = changed.Count <= 3 ? string.Join(", ", changed) : $"{string.Join(", ", changed.Take(3))} and {changed.Count - 3} more";
        context.Report(Descriptor, Locations.AtInputLine(inputLine, first.Path), names);
    }

    /// <summary>The first diffstat row that shows a move as <c>{old =&gt; new}</c>: it comes before every diff header.</summary>
    private static int? DiffstatRenameLine(Patch patch)
    {
        foreach (var line in patch.Notes)
        {
            var text = line.Span;
            var open = text.IndexOf('{');
            if (open < 0) continue;
            var arrow = text[open..].IndexOf("=>", StringComparison.Ordinal);
            if (arrow > 0 && text[(open + arrow)..].Contains('}')) return line.InputLine;
        }

        return null;
    }

    private static bool IsMaintainers(string? path) =>
        path is not null && (path == "MAINTAINERS" || path.EndsWith("/MAINTAINERS", StringComparison.Ordinal));
}
