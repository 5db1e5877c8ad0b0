using System.Collections.Immutable;
using DiffLint.Core.Analysis;

namespace DiffLint.Rules.Layout;

/// <summary>QEMU's license allow-list for SPDX-License-Identifier expressions.</summary>
[DiffLintRule]
public sealed class SpdxLicenseRule : PatchRule
{
    private const string Preferred = "GPL-2.0-or-later";

    private static readonly ImmutableArray<string> Accepted =
        ["GPL-2.0-only", "LGPL-2.1-only", "LGPL-2.1-or-later", "BSD-2-Clause", "BSD-3-Clause", "MIT"];

    public static readonly RuleDescriptor NotPreferred = new(
        id: "DL2021",
        name: "spdx-license-not-preferred",
        title: "Accepted but not preferred license",
        messageFormat: "License '{0}' is accepted, but " + Preferred + " is preferred for new code unless it derives from code under another license; explain the choice in the commit message",
        category: "Style",
        defaultSeverity: Severity.Warning,
        qemuCheckpatchType: "Q_SPDX_LICENSE_NOT_PREFERRED",
        profiles: ["qemu"],
        documentation: """
            ## What it does
            Reports an added `SPDX-License-Identifier:` line whose expression uses an accepted license other
            than GPL-2.0-or-later (GPL-2.0-only, LGPL-2.1-only, LGPL-2.1-or-later, BSD-2-Clause, BSD-3-Clause,
            MIT).

            ## Why it matters
            QEMU is GPL-2.0-or-later as a whole; other licenses are fine for code that inherits them, and the
            commit message should say so.

            ## Example
            ```diff
            +/* SPDX-License-Identifier: BSD-3-Clause */
            ```

            ## Configuration
            QEMU profile only; `linux-headers/` and `include/standard-headers/` are exempt.
            """);

    public static readonly RuleDescriptor Unacceptable = new(
        id: "DL2022",
        name: "spdx-license-unacceptable",
        title: "License not accepted by the project",
        messageFormat: "License '{0}' is not accepted; valid choices are " + Preferred + ", GPL-2.0-only, LGPL-2.1-only, LGPL-2.1-or-later, BSD-2-Clause, BSD-3-Clause, MIT",
        category: "Style",
        defaultSeverity: Severity.Error,
        qemuCheckpatchType: "Q_SPDX_LICENSE_UNACCEPTABLE",
        profiles: ["qemu"],
        documentation: """
            ## What it does
            Reports each license of an added `SPDX-License-Identifier:` expression that is not on QEMU's
            allow-list (GPL-2.0-or-later, GPL-2.0-only, LGPL-2.1-only, LGPL-2.1-or-later, BSD-2-Clause,
            BSD-3-Clause, MIT). `WITH` exceptions are judged together with their license.

            ## Why it matters
            Code under other licenses (GPL-3.0, Apache-2.0, deprecated identifiers such as `GPL-2.0+`) cannot be
            combined with QEMU or needs legal review first.

            ## Example
            ```diff
            +# SPDX-License-Identifier: GPL-2.0+
            ```

            ## Configuration
            QEMU profile only; `linux-headers/` and `include/standard-headers/` are exempt.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [NotPreferred, Unacceptable];

    public override void Initialize(RuleRegistration registration) => registration.RegisterAddedLineAction(Analyze);

    private void Analyze(AddedLineContext context)
    {
        var text = context.Text;
        var at = text.IndexOf(SpdxFiles.Tag, StringComparison.Ordinal);
        if (at < 0 || SpdxFiles.IsImportedIntoQemu(context.File.Path)) return;
        var start = at + SpdxFiles.Tag.Length;
        var expression = text[start..].TrimEnd();
        if (expression.EndsWith("*/", StringComparison.Ordinal)) expression = expression[..^2];
        expression = expression.Trim();

        var unknown = new List<string>();
        var nonPreferred = false;
        foreach (var license in Licenses(expression.ToString()))
        {
            if (license == Preferred) continue;
            if (Accepted.Contains(license)) nonPreferred = true;
            else unknown.Add(license);
        }

        var end = Math.Max(start, text.TrimEnd().Length);
        if (unknown.Count > 0) context.Report(Unacceptable, start, end, null, string.Join(", ", unknown));
        if (nonPreferred) context.Report(NotPreferred, start, end, null, expression.ToString());
    }

    /// <summary>The licenses of an SPDX expression: parentheses, AND and OR dropped, <c>X WITH Y</c> kept as one.</summary>
    private static List<string> Licenses(string expression)
    {
        var words = expression.Split([' ', '\t', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        var licenses = new List<string>();
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i] is "AND" or "OR" or "and" or "or") continue;
            if (i + 2 < words.Length && words[i + 1] is "WITH" or "with")
            {
                licenses.Add($"{words[i]} WITH {words[i + 2]}");
                i += 2;
            }
            else
            {
                licenses.Add(words[i]);
            }
        }

        return licenses;
    }
}
