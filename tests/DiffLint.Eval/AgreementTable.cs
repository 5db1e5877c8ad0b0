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

    private static string Percent(int total, double ratio) =>
        total == 0 ? "–" : ratio.ToString("P1", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal);
}
