using System.Collections.Immutable;
using DiffLint.Core.Analysis;

namespace DiffLint.Rules.Layout;

/// <summary>QEMU's ban on license boilerplate in new files.</summary>
[DiffLintRule]
public sealed class LicenseBoilerplateRule : PatchRule
{
    private static readonly string[] Phrases =
    [
        "Permission is hereby granted, free of charge",
        "under the terms of the GNU General Public License",
        "under the terms of the GNU Lesser General Public",
        "licensed under the terms of the GNU GPL",
        "GNU GPL, version 2 or later",
        "See the COPYING file",
    ];

    public static readonly RuleDescriptor Descriptor = new(
        id: "DL2023",
        name: "new-file-license-boilerplate",
        title: "License boilerplate in a new file",
        messageFormat: "New file '{0}' has license boilerplate text: use only the SPDX-License-Identifier line, unless the file is copied from code that already has this text",
        category: "Style",
        defaultSeverity: Severity.Error,
        qemuCheckpatchType: "Q_NEW_FILE_LICENSE_BOILERPLATE",
        profiles: ["qemu"],
        documentation: """
            ## What it does
            Reports the first line of a new file that quotes a license's boilerplate (the MIT "Permission is
            hereby granted, free of charge" paragraph, the GNU GPL/LGPL notice, or QEMU's own "licensed under the
            terms of the GNU GPL, version 2 or later. See the COPYING file" header).

            ## Why it matters
            QEMU wants the SPDX tag alone in new files: boilerplate copies drift from the real license text and
            bloat every file. Code copied from a file that already has the text may keep it; say so in the
            commit message.

            ## Example
            ```diff
            + * Permission is hereby granted, free of charge, to any person obtaining a copy
            ```

            ## Configuration
            QEMU profile only; `linux-headers/` and `include/standard-headers/` are exempt.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterFileAction(Analyze);

    private void Analyze(FileAnalysisContext context)
    {
        var file = context.File;
        if (!SpdxFiles.IsNewQemuFile(file)) return;
        foreach (var line in SpdxFiles.AddedLines(file))
        {
            foreach (var phrase in Phrases)
            {
                var at = line.Span.IndexOf(phrase, StringComparison.Ordinal);
                if (at < 0) continue;
                context.Report(Descriptor, Locations.InFile(file, line, at, at + phrase.Length), file.Path);
                return;
            }
        }
    }
}
