using System.Globalization;
using System.Text;

namespace DiffLint.Eval;

/// <summary>The agreement table as Markdown, one row per TYPE, message TYPEs first.</summary>
public static class AgreementTable
{
    public static string Format(IEnumerable<TypeAgreement> agreements)
    {
        var text = new StringBuilder();
        text.Append("| TYPE | oracle | rules | checkpatch | DiffLint | matched | explained | recall | ERROR rows | ERROR recall | DiffLint-only |\n");
        text.Append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var a in agreements.OrderByDescending(a => a.IsMessageType).ThenBy(a => a.Tool, StringComparer.Ordinal).ThenBy(a => a.Type, StringComparer.Ordinal))
        {
            text.Append(string.Create(CultureInfo.InvariantCulture,
                $"| {a.Type} | {a.Tool} | {string.Join(' ', a.RuleIds)} | {a.OracleCount} | {a.DiffLintCount} | {a.Matched} | {a.Explained.Length} | {Percent(a.OracleCount - a.Explained.Length, a.AdjustedRecall)} | {a.OracleErrors} | {Percent(a.OracleErrors - a.Explained.Count(e => e.Row.Level == "ERROR"), a.AdjustedErrorRecall)} | {a.DiffLintOnly} |\n"));
        }

        text.Append("\nmatched: same patch and same input line (same patch only for TYPEs checkpatch prints at the end of the input; same file in the patch for QEMU's new-file licence checks). ");
        text.Append("explained: checkpatch false positives listed in explained-misses.tsv, and rows on lines the patch only moves (docs/c-tokenizer.md); left out of recall.\n");
        return text.ToString();
    }

    /// <summary>
    /// The totals the targets are stated in, per slice of the corpus (format-patch projects, kernel list mail, QEMU
    /// projects): recall over the oracle rows that are not explained, the TYPEs with 3 or more such rows below 90%, and
    /// DiffLint-only findings in the checkpatch-mapped TYPEs per 10 patches.
    /// </summary>
    public static string Summary(IReadOnlyList<TypeAgreement> agreements, IReadOnlyList<(string Project, string PatchFile)> files, string title)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"\n{title}\n\n");
        text.Append("| slice | patches | checkpatch rows | explained | matched | recall | TYPEs (≥3 rows) below 90% | DiffLint-only | per 10 patches |\n");
        text.Append("|---|---:|---:|---:|---:|---:|---|---:|---:|\n");
        var slices = new (string Name, string Tool, Func<string, bool> Holds)[]
        {
            ("format-patch projects", "kernel", f => !Oracle.IsListMail(f)),
            ("kernel list mail (lists/)", "kernel", Oracle.IsListMail),
            ("QEMU-style projects", "qemu", _ => true),
        };
        foreach (var (name, tool, holds) in slices)
        {
            var patches = files.Count(f => Oracle.ToolOf(f.Project) == tool && holds(f.PatchFile));
            var of = agreements.Where(a => a.Tool == tool).ToList();
            if (patches == 0 || of.Count == 0) continue;
            // Per TYPE, the rows of this slice: matched, missed (not explained) and explained.
            var counts = of.Select(a => (a.Type, Matched: a.MatchedRows.Count(r => holds(r.PatchFile)), Missed: a.Misses.Count(r => holds(r.PatchFile)),
                Explained: a.Explained.Count(e => holds(e.Row.PatchFile)))).ToList();
            var rows = counts.Sum(c => c.Matched + c.Missed + c.Explained);
            var explained = counts.Sum(c => c.Explained);
            var matched = counts.Sum(c => c.Matched);
            var weak = counts
                .Where(c => c.Matched + c.Missed >= 3 && c.Matched < 0.9 * (c.Matched + c.Missed))
                .OrderBy(c => (double)c.Matched / (c.Matched + c.Missed))
                .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Type} {c.Matched}/{c.Matched + c.Missed}"))
                .ToList();
            var only = of.Where(a => a.RuleIds.Length > 0).Sum(a => a.Extra.Count(e => holds(e.PatchFile)));
            text.Append(CultureInfo.InvariantCulture,
                $"| {name} | {patches} | {rows} | {explained} | {matched} | {Percent(rows - explained, rows - explained == 0 ? 1 : (double)matched / (rows - explained))} | {(weak.Count == 0 ? "none" : string.Join(", ", weak))} | {only} | {10.0 * only / patches:0.00} |\n");
        }

        text.Append("\nrecall: matched / (checkpatch rows - explained). Targets (issue 13): recall ≥ 95% on kernel list mail, every TYPE with 3 or more rows ≥ 90%, ");
        text.Append("at most 1 DiffLint-only finding per 10 patches in the checkpatch-mapped TYPEs.\n");
        return text.ToString();
    }

    private static string Percent(int total, double ratio) =>
        total == 0 ? "–" : ratio.ToString("P1", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal);
}
