using System.Globalization;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Profiles;

namespace DiffLint.Reporting;

/// <summary>
/// <c>--format checkpatch</c>: exactly the lines of <c>checkpatch.pl --terse --show-types</c>,
/// <c>FILE:LINE: LEVEL:TYPE: message</c>, where FILE is the input as named, LINE the line of the input, LEVEL
/// ERROR/WARNING/CHECK and TYPE the checkpatch type of the rule (the QEMU <c>Q_*</c> name with <c>qemu: true</c>;
/// <c>DL_&lt;RULE_NAME&gt;</c> when the rule has no checkpatch counterpart).
/// After the findings of each input comes checkpatch's closing line,
/// <c>total: N errors, N warnings, [N checks, ]N lines checked</c> (the checks count only when there are CHECK
/// findings, as under --strict). As with checkpatch --terse (which implies --quiet), an input without findings prints
/// nothing. Unreadable inputs print nothing here (checkpatch has no such line); other formats report them.
/// </summary>
public sealed class CheckpatchReporter(bool? qemu = null) : IReporter
{
    public void Write(RunResult result, IReadOnlyList<RuleDescriptor> rules, TextWriter writer)
    {
        var byInput = result.Reports
            .SelectMany(r => r.Diagnostics.Select(d => (r.Patch.Source.Ordinal, Diagnostic: d, Qemu: qemu ?? r.Patch.Profile.Profile == BuiltInProfiles.Qemu)))
            .GroupBy(x => x.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => (x.Diagnostic, x.Qemu)).ToList());

        foreach (var input in result.Inputs)
        {
            if (!byInput.TryGetValue(input.Source.Ordinal, out var diagnostics) || diagnostics.Count == 0) continue;
            int errors = 0, warnings = 0, checks = 0;
            foreach (var (d, qemuTypes) in diagnostics.OrderBy(d => d.Diagnostic.Location.InputLine)) // OrderBy is stable
            {
                var level = d.Severity switch
                {
                    Severity.Error => "ERROR",
                    Severity.Warning => "WARNING",
                    _ => "CHECK",
                };
                _ = d.Severity switch { Severity.Error => errors++, Severity.Warning => warnings++, _ => checks++ };
                writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $"{input.Source.DisplayName}:{d.Location.InputLine}: {level}:{TypeOf(d.Rule, qemuTypes)}: {ReportCounts.OneLine(d.Message)}"));
                writer.Write('\n');
            }

            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"total: {errors} errors, {warnings} warnings, {(checks > 0 ? $"{checks} checks, " : "")}{input.Lines} lines checked"));
            writer.Write('\n');
        }
    }

    /// <summary>The TYPE printed for a rule: the QEMU <c>Q_*</c> name or the kernel TYPE.</summary>
    public static string TypeOf(RuleDescriptor rule, bool qemuTypes) =>
        (qemuTypes ? rule.QemuCheckpatchType : rule.CheckpatchType)
        ?? "DL_" + rule.Name.ToUpperInvariant().Replace('-', '_');
}
