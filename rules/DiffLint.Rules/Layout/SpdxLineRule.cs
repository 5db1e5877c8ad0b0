using DiffLint.Core.CSyntax;
using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Rules.Whitespace;

namespace DiffLint.Rules.Layout;

/// <summary>The kernel's SPDX placement rules: the tag on line 1 (2 after <c>#!</c>), in the file type's comment style.</summary>
[DiffLintRule]
public sealed class SpdxLineRule : PatchRule
{
    private const string Configuration = """
        ## Configuration
        Kernel and U-Boot profiles. QEMU accepts the tag anywhere in a new file (DL2019).
        """;

    public static readonly RuleDescriptor Missing = new(
        id: "DL2016",
        name: "spdx-missing",
        title: "Missing or malformed SPDX line",
        messageFormat: "Missing or malformed SPDX-License-Identifier tag in line {0}: expected '{1} SPDX-License-Identifier: <license>'",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "SPDX_LICENSE_TAG",
        checkpatchMessage: "Missing or malformed SPDX-License-Identifier tag in line {0}",
        profiles: ["kernel", "uboot"],
        documentation: $$"""
            ## What it does
            Reports a new file whose first line (second when the first is a `#!` line) is not exactly
            `<comment> SPDX-License-Identifier: <license>`, where the comment is `//` for .c, .rs, .dts and
            .dtsi, `/*` for .h, .s and .S, `#` for scripts and `..` for .rst. Other file types are not checked.
            In an existing file, the line is checked when the patch rewrites the tag there, or adds lines above it
            or removes it.

            ## Why it matters
            License compliance tooling (`scripts/spdxcheck.py`, REUSE) reads only that line; a tag elsewhere or
            in another form is not seen.

            ## Example
            ```diff
            +/*
            + * Copyright (C) 2025 Example Corp.
            ```

            Unlike checkpatch, DiffLint does not ask an existing file without a tag to gain one because a patch
            happens to rewrite its first line (a version bump, say).

            {{Configuration}}
            """);

    public static readonly RuleDescriptor CommentStyle = new(
        id: "DL2017",
        name: "spdx-comment-style",
        title: "SPDX line in the wrong comment style",
        messageFormat: "Improper SPDX comment style for '{0}': use '{1}'",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "SPDX_LICENSE_TAG",
        checkpatchMessage: "Improper SPDX comment style for '{0}', please use '{1}' instead",
        profiles: ["kernel", "uboot"],
        documentation: $$"""
            ## What it does
            Reports the SPDX line of a .c, .h, .s or .S file written in the other comment style: C sources take
            `// SPDX-License-Identifier: ...`, headers and assembly `/* SPDX-License-Identifier: ... */`
            (headers may be included by assembly and linker scripts, which do not know `//`).

            ## Why it matters
            The kernel's licensing rules fix one style per file type so that tools and assemblers can read the
            line.

            ## Example
            ```diff
            +/* SPDX-License-Identifier: GPL-2.0 */
            ```
            in a `.c` file.

            {{Configuration}}
            """);

    public static readonly RuleDescriptor Misplaced = new(
        id: "DL2018",
        name: "spdx-misplaced",
        title: "SPDX tag on the wrong line",
        messageFormat: "Misplaced SPDX-License-Identifier tag: use line {0} instead",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "SPDX_LICENSE_TAG",
        checkpatchMessage: "Misplaced SPDX-License-Identifier tag - use line {0} instead",
        profiles: ["kernel", "uboot"],
        documentation: $$"""
            ## What it does
            Reports an added comment carrying `SPDX-License-Identifier:` on another line than the file's license
            line (1, or 2 after `#!`) in a C, assembly, Rust, shell or device-tree source. A tag inside a string
            is not a tag and is not reported.

            ## Why it matters
            Only the license line is read by the tools; a tag further down is ignored.

            ## Example
            ```diff
            +/*
            + * SPDX-License-Identifier: GPL-2.0-or-later
            ```

            {{Configuration}}
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Missing, CommentStyle, Misplaced];

    public override void Initialize(RuleRegistration registration) => registration.RegisterFileAction(Analyze);

    private void Analyze(FileAnalysisContext context)
    {
        var file = context.File;
        if (file.IsBinary || file.Change == FileChangeKind.Deleted) return;
        var (licenseLine, added) = SpdxFiles.LicenseLine(file);
        if (added is { } line) CheckLicenseLine(context, line, licenseLine);
        if (SpdxFiles.IsSource(file.Path)) ReportMisplacedTags(context, licenseLine);
    }

    private static void CheckLicenseLine(FileAnalysisContext context, DiffLine line, int licenseLine)
    {
        var file = context.File;
        var text = line.Span;
        var hasTag = text.Contains(SpdxFiles.Tag, StringComparison.Ordinal);
        if (file.Change != FileChangeKind.Added && !hasTag && !MovesTagOffLicenseLine(file)) return;
        if (SpdxFiles.CommentLeader(file.Path, licenseLine) is not { } leader) return;

        if (hasTag && SourceFiles.EndsWithAny(file.Path, [".c", ".h", ".s", ".S"])
            && !text.TrimStart().StartsWith(leader, StringComparison.Ordinal))
        {
            context.Report(CommentStyle, Locations.InFile(file, line), file.Path, leader);
        }

        if (!text.StartsWith(leader + " " + SpdxFiles.Tag + " ", StringComparison.Ordinal))
        {
            context.Report(Missing, Locations.InFile(file, line), licenseLine, leader);
        }
    }

    /// <summary>Whether the hunk at the top of an existing file has the tag on a line it removes or pushes down.</summary>
    private static bool MovesTagOffLicenseLine(FileDiff file) =>
        file.Hunks is [var first, ..] && first.NewStart <= 2
        && first.Lines.Any(line => line.Kind != DiffLineKind.Added && line.Span.Contains(SpdxFiles.Tag, StringComparison.Ordinal));

    private static void ReportMisplacedTags(FileAnalysisContext context, int licenseLine)
    {
        foreach (var line in SpdxFiles.AddedLines(context.File))
        {
            if (line.NewLine == licenseLine) continue;
            var at = line.Span.IndexOf(SpdxFiles.Tag, StringComparison.Ordinal);
            if (at < 0) continue;
            var tail = LineTail.ReadAlone(line.Span);
            if (tail.CommentStart < 0 || tail.CommentStart > at) continue;
            context.Report(Misplaced, Locations.InFile(context.File, line, at, at + SpdxFiles.Tag.Length), licenseLine);
        }
    }
}
