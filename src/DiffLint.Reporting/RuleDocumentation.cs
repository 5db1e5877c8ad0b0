using System.Text;
using DiffLint.Core.Analysis;

namespace DiffLint.Reporting;

/// <summary>Renders the <c>docs/rules/</c> pages from the rule descriptors, so the docs cannot drift from the code.</summary>
public static class RuleDocumentation
{
    public static string RenderRule(RuleDescriptor rule)
    {
        var text = new StringBuilder();
        text.Append("# ").Append(rule.Id).Append(": ").AppendLine(rule.Title);
        text.AppendLine();
        text.AppendLine("<!-- Generated from the rule's descriptor; edit the rule's source file, then run DIFFLINT_ACCEPT=1 dotnet test. -->");
        text.AppendLine();
        text.AppendLine("| | |");
        text.AppendLine("|---|---|");
        text.Append("| Name | `").Append(rule.Name).AppendLine("` |");
        text.Append("| Category | ").Append(rule.Category).AppendLine(" |");
        text.Append("| Default severity | ").Append(rule.DefaultSeverity.ToName()).AppendLine(rule.IsEnabledByDefault ? " |" : " (off by default) |");
        text.Append("| Message | ").Append(rule.MessageFormat.Replace("|", "\\|", StringComparison.Ordinal)).AppendLine(" |");
        text.Append("| checkpatch (kernel) | ").Append(rule.CheckpatchType is { } k ? $"`{k}`" : "—").AppendLine(" |");
        text.Append("| checkpatch (QEMU) | ").Append(rule.QemuCheckpatchType is { } q ? $"`{q}`" : "—").AppendLine(" |");
        text.Append("| Fix offered | ").Append(rule.OffersFix ? "yes" : "no").AppendLine(" |");
        text.AppendLine();
        text.AppendLine(rule.Documentation);
        return text.ToString().ReplaceLineEndings("\n");
    }

    public static string RenderIndex(IEnumerable<RuleDescriptor> rules)
    {
        var text = new StringBuilder();
        text.AppendLine("# DiffLint rules");
        text.AppendLine();
        text.AppendLine("<!-- Generated from the rule descriptors; run DIFFLINT_ACCEPT=1 dotnet test to refresh. -->");
        text.AppendLine();
        text.AppendLine("| ID | Name | Category | Default | checkpatch | QEMU | Title |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var rule in rules.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            text.Append($"| [{rule.Id}]({rule.Id}.md) | `{rule.Name}` | {rule.Category} | {rule.DefaultSeverity.ToName()} | ")
                .Append(rule.CheckpatchType ?? "—").Append(" | ").Append(rule.QemuCheckpatchType ?? "—").Append(" | ")
                .Append(rule.Title).AppendLine(" |");
        }

        return text.ToString().ReplaceLineEndings("\n");
    }
}
