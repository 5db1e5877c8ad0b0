using System.Text;
using System.Globalization;
using DiffLint.Core.Analysis;
using DiffLint.Core.Profiles;

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
        text.Append("| Profiles | ").Append(rule.Profiles.IsEmpty ? "all" : string.Join(", ", rule.Profiles)).AppendLine(" |");
        text.Append("| Fix offered | ").Append(rule.OffersFix ? "yes" : "no").AppendLine(" |");
        text.AppendLine();
        text.AppendLine(rule.Documentation);
        return text.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>docs/profiles.md: every profile's parameters and how a profile is chosen.</summary>
    public static string RenderProfiles(IReadOnlyList<Profile> profiles)
    {
        var text = new StringBuilder();
        text.AppendLine("# Profiles");
        text.AppendLine();
        text.AppendLine("<!-- Generated from src/DiffLint.Core/Profiles/BuiltInProfiles.cs; run DIFFLINT_ACCEPT=1 dotnet test to refresh. -->");
        text.AppendLine();
        text.AppendLine("A profile is a project's conventions: the parameters rules read, and the rules that exist for that project only");
        text.AppendLine("(a rule page's *Profiles* row). Each patch gets one profile: the one given with `--profile` (or `difflint_profile` in");
        text.AppendLine("the repository's `.editorconfig`), else the first evidence");
        text.AppendLine("of the project, in this order: the Patchwork project, the `List-Id` header, a list address in `To`/`Cc`, files in");
        text.AppendLine("directories only that project's tree has, QEMU's own headers; then the layout of the code the patch does not");
        text.AppendLine("write, or when its lines show none, of the whole files it touches (with a tree): 4-space indentation chooses");
        text.AppendLine("`qemu` for its layout rules only (SeaBIOS and slirp write C the QEMU way but without QEMU's libraries, so the");
        text.AppendLine("`Api` rules stay off), tabs the kernel. A patch that shows no indentation at all follows the patches checked with");
        text.AppendLine("it when four in five of those that told are QEMU-style (unless the lines it adds are tab-indented); else the");
        text.AppendLine("kernel profile. `--stats` shows the choice and why.");
        text.AppendLine();
        text.Append("| parameter |");
        foreach (var p in profiles) text.Append(" `").Append(p.Name).Append("` |");
        text.AppendLine();
        text.Append("|---|");
        foreach (var _ in profiles) text.Append("---|");
        text.AppendLine();
        void Row(string name, Func<Profile, string> value)
        {
            text.Append("| ").Append(name).Append(" |");
            foreach (var p in profiles) text.Append(' ').Append(value(p).Replace("|", "\\|", StringComparison.Ordinal)).Append(" |");
            text.AppendLine();
        }

        Row("indentation", p => p.Indentation == IndentationStyle.Tabs ? $"tabs ({p.TabWidth} columns)" : "4 spaces, no tabs");
        Row("line length warning above", p => p.LineLengthWarning.ToString(CultureInfo.InvariantCulture));
        Row("line length error above", p => p.LineLengthError?.ToString(CultureInfo.InvariantCulture) ?? "—");
        Row("commit message line limit", p => p.CommitLogLineLimit.ToString(CultureInfo.InvariantCulture));
        Row("subject length limit", p => p.SubjectLengthLimit.ToString(CultureInfo.InvariantCulture));
        Row("`//` comments", p => p.AllowsC99Comments ? "allowed" : "rejected");
        Row("braces on every arm", p => p.RequiresBracesOnEveryArm ? "required" : "no");
        Row("author's own sign-off", p => p.RequiresAuthorSignOff ? "required" : "no");
        Row("sender's sign-off last", p => p.RequiresSenderSignOffLast ? "required" : "no");
        Row("Reported-by needs Closes:/Link:", p => p.RequiresReportLink ? "yes" : "no");
        Row("person tags beyond the kernel's", p => p.ExtraTrailerTags.IsEmpty ? "—" : string.Join(", ", p.ExtraTrailerTags.Select(t => $"`{t}:`")));
        Row("`subsystem: summary` subject", p => p.RequiresSubsystemPrefix ? "required" : "no");
        Row("AI attribution", p => p.AiAttribution switch
        {
            AiAttributionPolicy.Banned => "rejected",
            AiAttributionPolicy.AssistedByAccepted => "`Assisted-by:` accepted, form checked",
            _ => "not checked",
        });
        Row("list addresses / List-Id", p => string.Join(", ", p.ListAddresses.Select(a => $"`{a}`")));
        Row("project-only paths", p => string.Join(", ", p.TreeMarkers.Select(a => $"`{a}`")));
        text.AppendLine();
        foreach (var p in profiles) text.Append("- `").Append(p.Name).Append("`: ").AppendLine(p.Description);
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
