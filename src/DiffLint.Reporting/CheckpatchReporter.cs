using System.Globalization;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Profiles;

namespace DiffLint.Reporting;

/// <summary>
/// <c>--format checkpatch</c>: exactly the lines of <c>checkpatch.pl --terse --show-types</c>,
/// <c>FILE:LINE: LEVEL:TYPE: message</c>, where FILE is the input as named (<c>-</c> for standard input), LINE the
/// line of the input, LEVEL ERROR/WARNING/CHECK and TYPE the checkpatch type of the rule
/// (<c>DL_&lt;RULE_NAME&gt;</c> when the rule has no checkpatch counterpart).
/// After the findings of each input comes checkpatch's closing line for that input,
/// <c>total: N errors, N warnings, [N checks, ]N lines checked</c>, where "lines checked" counts what checkpatch
/// counts (the hunk lines, not the whole file). The kernel script prints the checks count when its CHECK level is on
/// at the end of the input: with --strict, or on its own when the last file of the input is under drivers/net/, net/
/// or drivers/staging/. DiffLint prints it in that second case and whenever there are CHECK lines (as --strict would).
/// As with checkpatch --terse (which implies --quiet), an input without findings prints nothing at all: no total, no
/// "has no obvious style problems". Unreadable inputs print nothing here (checkpatch has no such line).
/// With <c>qemu: true</c> (or, by default, for inputs whose patches are checked under the qemu profile) the form is QEMU's script's: TYPE is the <c>Q_*</c> name (QEMU prints none), and since it
/// has no CHECK level notes print as WARNING and the total never has a checks count.
/// Verified against the kernel's scripts/checkpatch.pl (see tests/DiffLint.Tests/Reporting/CheckpatchFormatTests.cs).
/// </summary>
public sealed class CheckpatchReporter(bool? qemu = null) : IReporter
{
    public void Write(RunResult result, IReadOnlyList<RuleDescriptor> rules, TextWriter writer)
    {
        var byInput = result.Reports.GroupBy(r => r.Patch.Source.Ordinal).ToDictionary(g => g.Key, g => g.ToList());

        foreach (var input in result.Inputs)
        {
            if (!byInput.TryGetValue(input.Source.Ordinal, out var reports)) continue;
            var diagnostics = reports.SelectMany(r => r.Diagnostics).ToList();
            if (diagnostics.Count == 0) continue;
            // An input is judged in one dialect: forced by --checkpatch-types, else that of its first patch's profile.
            var qemuForm = qemu ?? reports.Any(r => r.Patch.IsAnalysed && r.Patch.Profile.Profile == BuiltInProfiles.Qemu);
            int errors = 0, warnings = 0, checks = 0;
            foreach (var d in diagnostics.OrderBy(d => d.Location.InputLine)) // OrderBy is stable
            {
                var level = Level(d.Severity, qemuForm);
                _ = level switch { "ERROR" => errors++, "WARNING" => warnings++, _ => checks++ };
                writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $"{input.Source.DisplayName}:{d.Location.InputLine}: {level}:{TypeOf(d.Rule, qemuForm)}: {ReportCounts.OneLine(d.Message)}"));
                writer.Write('\n');
            }

            var linesChecked = reports.Sum(r => r.Patch.CheckpatchLines);
            var lastFile = reports.Select(r => r.Patch.LastFilePath).LastOrDefault(p => p is not null);
            var showChecks = !qemuForm && (checks > 0 || (lastFile is not null && ChecksOnByDefault(lastFile)));
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"total: {errors} errors, {warnings} warnings, {(showChecks ? $"{checks} checks, " : "")}{linesChecked} lines checked"));
            writer.Write('\n');
        }
    }

    private static string Level(Severity severity, bool qemuForm) => severity switch
    {
        Severity.Error => "ERROR",
        Severity.Warning => "WARNING",
        _ => qemuForm ? "WARNING" : "CHECK",
    };

    /// <summary>The directories where the kernel script turns its CHECK level on without --strict.</summary>
    private static bool ChecksOnByDefault(string path) =>
        path.StartsWith("drivers/net/", StringComparison.Ordinal)
        || path.StartsWith("net/", StringComparison.Ordinal)
        || path.StartsWith("drivers/staging/", StringComparison.Ordinal);

    /// <summary>The TYPE printed for a rule: the QEMU <c>Q_*</c> name or the kernel TYPE.</summary>
    public static string TypeOf(RuleDescriptor rule, bool qemuTypes) =>
        (qemuTypes ? rule.QemuCheckpatchType : rule.CheckpatchType)
        ?? "DL_" + rule.Name.ToUpperInvariant().Replace('-', '_');
}
