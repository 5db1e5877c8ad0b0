using System.Collections.Immutable;
using DiffLint.Reporting.Sarif;

namespace DiffLint.Reporting;

/// <summary>What the reporters take from the command line; each format reads the settings it has a use for.</summary>
/// <param name="Color">Colour the text output (a terminal that wants it).</param>
/// <param name="Quiet">Text output: findings only, no clean patches and no summary.</param>
/// <param name="SarifCategory">SARIF <c>automationDetails.id</c> category.</param>
/// <param name="RepositoryUri">
/// SARIF <c>versionControlProvenance</c> repository, asked for only when a SARIF report is written (finding it may run git).
/// </param>
/// <param name="TargetUrl">The Patchwork check's <c>target_url</c>.</param>
/// <param name="QemuCheckpatchTypes">Which TYPE names the checkpatch format prints: QEMU's, the kernel's, or by profile (null).</param>
public sealed record ReportSettings(
    bool Color = false,
    bool Quiet = false,
    string? SarifCategory = null,
    Func<string?>? RepositoryUri = null,
    string? TargetUrl = null,
    bool? QemuCheckpatchTypes = null);

/// <summary>An output format: its name on the command line, what it is for, and how to make its reporter.</summary>
public sealed record OutputFormat(string Name, string Description, Func<ReportSettings, IReporter> Create);

/// <summary>Every output format, in the order the help lists them (<c>--format</c>, <c>--report FORMAT=FILE</c>).</summary>
public static class OutputFormats
{
    public static ImmutableArray<OutputFormat> All { get; } =
    [
        new("text", "for people: gcc-style lines, the offending line and a caret", s => new TextReporter(s.Color, s.Quiet)),
        new("sarif", "SARIF 2.1.0, for GitHub code scanning",
            s => new SarifReporter(new SarifOptions(Category: s.SarifCategory, RepositoryUri: s.RepositoryUri?.Invoke()))),
        new("json", "DiffLint's own schema", _ => new JsonReporter()),
        new("checkpatch", "checkpatch --terse --show-types lines", s => new CheckpatchReporter(s.QemuCheckpatchTypes)),
        new("github", "GitHub Actions workflow commands", _ => new GitHubActionsReporter()),
        new("b4", "b4's prep-perpatch-check-cmd, silent when clean", _ => new B4Reporter()),
        new("patchwork-check", "Patchwork check bodies", s => new PatchworkCheckReporter(targetUrl: s.TargetUrl)),
    ];

    public static IEnumerable<string> Names => All.Select(f => f.Name);

    /// <summary>The format named <paramref name="name"/> (exactly, as the command line spells it), or null.</summary>
    public static OutputFormat? Find(string name) => All.FirstOrDefault(f => f.Name == name);
}
