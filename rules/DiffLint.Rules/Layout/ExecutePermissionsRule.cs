using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Layout;

/// <summary>Reports source files given execute permission.</summary>
[DiffLintRule]
public sealed class ExecutePermissionsRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL2014",
        name: "execute-permissions",
        title: "Execute permission on a source file",
        messageFormat: "'{0}' gets mode {1}: do not set execute permissions on source files",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "EXECUTE_PERMISSIONS",
        profiles: ["kernel", "git", "uboot"],
        documentation: """
            ## What it does
            Reports a new file, or a mode change, that gives a file an execute bit, unless the file is a script:
            under a `scripts/` directory, named `.py`, `.pl`, `.awk` or `.sh`, or starting with a `#!` line.

            ## Why it matters
            An executable C file or header is almost always an accident of the author's file system (a FAT or
            NTFS mount, a Windows editor) and shows up as noise in every later `git status`.

            ## Example
            ```diff
            diff --git a/drivers/foo.c b/drivers/foo.c
            new file mode 100755
            ```

            Unlike checkpatch, a file whose first line is `#!` is accepted whatever its name: test scripts such as
            util-linux's `tests/ts/*/*` need their execute bit.

            ## Configuration
            """);

    public static readonly RuleDescriptor Qemu = new(
        id: "DL4040",
        name: "qemu-execute-permissions",
        title: "Execute permission on a new source file (QEMU)",
        messageFormat: "do not set execute permissions for source files",
        category: "Style",
        defaultSeverity: Severity.Error,
        qemuCheckpatchType: "Q_EXEC_PERMISSIONS",
        profiles: ["qemu"],
        documentation: """
            ## What it does
            The QEMU form of DL2014: reports a new file with an execute bit when it is a C, C++, header, assembly or
            make file (`.c`, `.cc`, `.cpp`, `.h`, `.s`, `.S`, `.mak`, `Makefile`, `Makefile.objs`). Scripts keep
            their execute bit, and mode changes of existing files are not judged.

            ## Why it matters
            An executable source file is almost always an accident of the author's file system (a FAT or NTFS
            mount, a Windows editor) and shows up as noise in every later `git status`.

            ## Example
            ```diff
            diff --git a/hw/misc/foo.c b/hw/misc/foo.c
            new file mode 100755
            ```

            ## Configuration
            QEMU profile only; the other profiles get DL2014.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor, Qemu];

    public override void Initialize(RuleRegistration registration) => registration.RegisterFileAction(Analyze);

    private void Analyze(FileAnalysisContext context)
    {
        var file = context.File;
        if (file.NewMode is not { Length: >= 3 } mode || !HasExecuteBit(mode.AsSpan(mode.Length - 3))) return;
        if (Qemu.AppliesTo(context.Profile))
        {
            if (file.Change == FileChangeKind.Added && IsQemuSource(file.Path))
            {
                context.Report(Qemu, Locations.AtInputLine(file.ExtendedHeaderInputLine, file.Path));
            }

            return;
        }

        if (file.OldMode is { } oldMode && oldMode.Length >= 3 && HasExecuteBit(oldMode.AsSpan(oldMode.Length - 3))) return;
        var path = file.Path;
        if (path.StartsWith("scripts/", StringComparison.Ordinal) || path.Contains("/scripts/", StringComparison.Ordinal)) return;
        if (path.EndsWith(".py", StringComparison.Ordinal) || path.EndsWith(".pl", StringComparison.Ordinal)
            || path.EndsWith(".awk", StringComparison.Ordinal) || path.EndsWith(".sh", StringComparison.Ordinal)) return;
        if (StartsWithShebang(file)) return;
        context.Report(Descriptor, Locations.AtInputLine(file.ExtendedHeaderInputLine, path), path, mode);
    }

    /// <summary>The files QEMU keeps non-executable: C, C++, headers, assembly and make files.</summary>
    private static bool IsQemuSource(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return name is "Makefile" or "Makefile.objs" || name.EndsWith(".c", StringComparison.Ordinal) || name.EndsWith(".cc", StringComparison.Ordinal)
            || name.EndsWith(".cpp", StringComparison.Ordinal) || name.EndsWith(".h", StringComparison.Ordinal) || name.EndsWith(".mak", StringComparison.Ordinal)
            || name.EndsWith(".s", StringComparison.Ordinal) || name.EndsWith(".S", StringComparison.Ordinal);
    }

    private static bool HasExecuteBit(ReadOnlySpan<char> permissions)
    {
        foreach (var digit in permissions)
        {
            if (digit is '1' or '3' or '5' or '7') return true;
        }

        return false;
    }

    private static bool StartsWithShebang(FileDiff file)
    {
        foreach (var hunk in file.Hunks)
        {
            foreach (var line in hunk.Lines)
            {
                if (line.Kind != DiffLineKind.Removed && line.NewLine == 1) return line.Span.TrimStart().StartsWith("#!", StringComparison.Ordinal);
            }
        }

        return false;
    }
}
