using System.Globalization;
using System.Text;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Core.Profiles;
using DiffLint.Rules;

namespace DiffLint.Eval;

/// <summary>
/// The DL50xx findings on the ordinary corpus mboxes, from the patches alone. Those patches are not known to carry
/// resource bugs, so the findings are listed for a person to judge rather than scored.
/// </summary>
public static class ResourceCorpus
{
    /// <summary>Each project's mbox, relative to the corpus.</summary>
    public static readonly IReadOnlyList<(string Project, string Mbox)> Mboxes =
    [
        ("bluez", "bluez.mbox"),
        ("git", "git.mbox"),
        ("iproute2", "iproute2.mbox"),
        ("u-boot", "u-boot.mbox"),
        ("util-linux", "util-linux.mbox"),
        ("seabios", "seabios.mbox"),
        ("libslirp", "libslirp.mbox"),
        ("watchdog", "lists/watchdog.mbox"),
    ];

    public static string Run(string corpus, Func<string, bool>? projectFilter)
    {
        var table = new StringBuilder();
        var list = new StringBuilder();
        table.Append("| project | patches | DL50xx findings | per 25 patches | by rule |\n");
        table.Append("|---|---:|---:|---:|---|\n");
        int allPatches = 0, allFindings = 0;
        foreach (var (project, mbox) in Mboxes.Where(m => projectFilter?.Invoke(m.Project) ?? true))
        {
            var engine = new AnalysisEngine(BuiltInRules.All, profiles: ProfileSelector.Automatic);
            var result = new DiffLintRunner(engine).Run([new InputSource(mbox, Path.Combine(corpus, mbox), 0)]);
            var findings = result.Reports
                .SelectMany(r => r.Diagnostics.Where(BugPairs.IsResourceFinding).Select(d => (Report: r, Diagnostic: d)))
                .ToList();
            var patches = result.Statistics.Patches;
            allPatches += patches;
            allFindings += findings.Count;
            var byRule = string.Join(", ", findings.GroupBy(f => f.Diagnostic.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
            table.Append(CultureInfo.InvariantCulture, $"| {project} | {patches} | {findings.Count} | {PerPatches(findings.Count, patches)} | {byRule} |\n");

            foreach (var (report, d) in findings)
            {
                list.Append(CultureInfo.InvariantCulture,
                    $"- {project} `{d.Location.Path}:{d.Location.Line}` {d.Id}: {d.Message} ({mbox}:{d.Location.InputLine}, \"{report.Patch.Subject.Summary}\")\n");
            }

            if (result.InternalErrors > 0) list.Append(CultureInfo.InvariantCulture, $"- {project}: {result.InternalErrors} internal errors (DL9001/DL9002)\n");
        }

        table.Append(CultureInfo.InvariantCulture, $"| total | {allPatches} | {allFindings} | {PerPatches(allFindings, allPatches)} | |\n");
        return table + "\npatches: messages read as patches (cover letters, replies and other mails are not counted); findings from the patch alone, rule profile chosen per patch as difflint does by default.\n\n" + list;
    }

    private static string PerPatches(int findings, int patches) =>
        patches == 0 ? "–" : (25.0 * findings / patches).ToString("0.00", CultureInfo.InvariantCulture);
}
