using System.Globalization;
using System.Text;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Reading;
using Xunit.Abstractions;

namespace DiffLint.Tests.Profiles;

/// <summary>
/// <c>--profile auto</c> over every shared project: the share of patches judged under the right conventions, printed as
/// a table. Right is the layout family of the checker the project follows (the corpus README, and the evaluation):
/// 4-space QEMU style for SeaBIOS, libslirp and the QEMU seeds; tab-indented kernel style for the others, where U-Boot's
/// and git's own profiles (kernel style with their project's rules) count as right for their project.
/// </summary>
public class ProfileTableTests(ITestOutputHelper output)
{
    private const double Target = 0.98;

    private static readonly (string Name, string[] Inputs, string[] Right)[] Projects =
    [
        ("bluez", ["bluez.mbox"], ["kernel"]),
        ("iproute2", ["iproute2.mbox"], ["kernel"]),
        ("u-boot", ["u-boot.mbox"], ["uboot", "kernel"]),
        ("util-linux", ["util-linux.mbox"], ["kernel"]),
        ("git", ["git.mbox"], ["git", "kernel"]),
        ("seabios", ["seabios.mbox"], ["qemu"]),
        ("libslirp", ["libslirp.mbox"], ["qemu"]),
        ("watchdog (list)", ["lists/watchdog.mbox"], ["kernel"]),
        ("seeds (Patchwork)", ["../seeds/000_c9045b006f83e695.txt", "../seeds/004_ee60c0aa1fb11c01.txt"], ["qemu"]),
    ];

    [SharedFact]
    public void AutoChoosesTheRightProfileForAtLeast98PercentOfEveryProject()
    {
        var table = new StringBuilder("| project | patches | right | share | chosen |\n|---|---:|---:|---:|---|\n");
        var failures = new List<string>();
        foreach (var (name, inputs, right) in Projects)
        {
            var expanded = InputExpander.Expand([.. inputs.Select(i => Path.GetFullPath(Path.Combine(TestPaths.Corpus, i)))]);
            // No rules: only the profile choice (the runner's, with the layout of the other patches of the run) is wanted.
            var result = new DiffLintRunner(new AnalysisEngine([])).Run(expanded.Inputs);
            var patches = result.Reports.Where(r => r.Patch.IsAnalysed).Select(r => r.Patch.Profile.Profile.Name).ToList();
            var good = patches.Count(right.Contains);
            var share = (double)good / patches.Count;
            var chosen = string.Join(", ", patches.GroupBy(p => p).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));
            table.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {patches.Count} | {good} | {share:P1} | {chosen} |");
            if (share < Target) failures.Add($"{name}: {good} of {patches.Count} ({share:P1}) judged {string.Join(" or ", right)}");
        }

        output.WriteLine(table.ToString());
        Assert.True(failures.Count == 0, string.Join("; ", failures) + "\n" + table);
    }
}
