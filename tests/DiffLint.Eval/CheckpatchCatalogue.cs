using System.Globalization;
using System.Text;
using DiffLint.Core.Analysis;

namespace DiffLint.Eval;

/// <summary>One check of a checkpatch script as the reference catalogue lists it.</summary>
public sealed record CatalogueEntry(string Tool, string Type, string Level, string Trigger);

/// <summary>Why no DiffLint rule reports a checkpatch TYPE (a row of <c>unmapped-types.tsv</c>).</summary>
public sealed record UnmappedType(string Tool, string Type, string Reason);

/// <summary>
/// Every check of the kernel and QEMU checkpatch.pl (<c>../shared/reference/checkpatch-checks.md</c> §3 and §4), each
/// with the DiffLint rules that report it or the reason none does, as the table <c>docs/checkpatch-types.md</c>.
/// </summary>
public static class CheckpatchCatalogue
{
    /// <summary>The reasons file shipped beside the evaluation tool.</summary>
    public static string UnmappedTypesPath => Path.Combine(AppContext.BaseDirectory, "unmapped-types.tsv");

    /// <summary>Reads the catalogue's kernel (§3) and QEMU (§4) tables.</summary>
    public static IReadOnlyList<CatalogueEntry> Load(string catalogueMarkdown)
    {
        var entries = new List<CatalogueEntry>();
        string? tool = null;
        foreach (var line in File.ReadLines(catalogueMarkdown))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                tool = line.StartsWith("## 3.", StringComparison.Ordinal) ? "kernel" : line.StartsWith("## 4.", StringComparison.Ordinal) ? "qemu" : null;
                continue;
            }

            if (tool is null || !line.StartsWith("| ", StringComparison.Ordinal)) continue;
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            // | # | `TYPE` | Level | ... : the first cell is a number and the second a code span.
            if (cells.Length < 5 || !int.TryParse(cells[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)) continue;
            if (cells[2].Length < 3 || cells[2][0] != '`') continue;
            var type = cells[2].Trim('`');
            var trigger = tool == "kernel" ? cells[4] : cells[5];
            entries.Add(new CatalogueEntry(tool, type, cells[3], trigger));
        }

        return entries;
    }

    /// <summary>Reads <c>unmapped-types.tsv</c> (tool, TYPE, reason; '#' comments).</summary>
    public static IReadOnlyList<UnmappedType> LoadUnmapped(string path) =>
        File.ReadLines(path)
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t'))
            .Select(c => new UnmappedType(c[0], c[1], c[2]))
            .ToList();

    /// <summary>The rule IDs that report <paramref name="entry"/>'s TYPE.</summary>
    public static IReadOnlyList<string> RulesFor(CatalogueEntry entry, IEnumerable<RuleDescriptor> rules) =>
        rules.Where(r => (entry.Tool == "kernel" ? r.CheckpatchType : r.QemuCheckpatchType) == entry.Type)
            .Select(r => r.Id)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The Markdown of <c>docs/checkpatch-types.md</c>.</summary>
    public static string Format(IReadOnlyList<CatalogueEntry> entries, IReadOnlyList<UnmappedType> unmapped, IReadOnlyList<RuleDescriptor> rules)
    {
        var text = new StringBuilder();
        text.Append("""
            # Every checkpatch check, and the DiffLint rule for it

            Generated from `../shared/reference/checkpatch-checks.md` (§3 kernel TYPEs, §4 QEMU checks), the rule
            descriptors and `tests/DiffLint.Eval/unmapped-types.tsv` by `CheckpatchCatalogueTests`
            (`DIFFLINT_ACCEPT=1 dotnet test --filter CheckpatchCatalogue` rewrites it). A check either maps to DiffLint
            rules, whose findings carry its TYPE (`--format checkpatch`, `difflint checkpatch --show-types`, SARIF
            `checkpatch:` tags), or has the reason no rule reports it. Level: E error, W warning, C check (`--strict`).
            How well each mapped TYPE agrees with the script on real mail: `dotnet run -c Release --project tests/DiffLint.Eval`.

            """);
        foreach (var (tool, title) in new[] { ("kernel", "Linux kernel `scripts/checkpatch.pl`"), ("qemu", "QEMU `scripts/checkpatch.pl`") })
        {
            var of = entries.Where(e => e.Tool == tool).ToList();
            var mapped = of.Count(e => RulesFor(e, rules).Count > 0);
            text.Append(CultureInfo.InvariantCulture, $"\n## {title}: {mapped} of {of.Count} mapped\n\n");
            text.Append("| TYPE | level | DiffLint rules | why no rule |\n|---|---|---|---|\n");
            foreach (var entry in of.OrderBy(e => e.Type, StringComparer.Ordinal))
            {
                var ids = RulesFor(entry, rules);
                var reason = unmapped.FirstOrDefault(u => u.Tool == tool && u.Type == entry.Type)?.Reason ?? "";
                var links = string.Join(" ", ids.Select(id => $"[{id}](rules/{id}.md)"));
                text.Append(CultureInfo.InvariantCulture, $"| `{entry.Type}` | {entry.Level.Replace("|", "/", StringComparison.Ordinal)} | {links} | {reason.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
            }
        }

        return text.ToString();
    }
}
