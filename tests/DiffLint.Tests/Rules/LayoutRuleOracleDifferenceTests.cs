using DiffLint.Core.Analysis;
using DiffLint.Core.Profiles;

namespace DiffLint.Tests.Rules;

/// <summary>
/// The checkpatch findings on the shared corpus that the file-level rules (Kconfig, device tree, MAINTAINERS)
/// deliberately do not reproduce (listed in tests/DiffLint.Eval/explained-misses.tsv).
/// </summary>
public class LayoutRuleOracleDifferenceTests
{
    private static List<Diagnostic> Findings(string corpusFile) =>
        [.. TestRunner.RunFiles(BuiltInProfiles.Kernel, Path.Combine(TestPaths.Corpus, corpusFile)).AllDiagnostics];

    [Fact]
    public void ADeletedBindingFileIsStillABindingFile()
    {
        // mpc8xxx-wdt.txt deleted, mpc8xxx-wdt.yaml added: a pure DT schema conversion. checkpatch names the deleted
        // file after its '+++ /dev/null' line and reports a split at both files.
        Assert.DoesNotContain(Findings("lists/watchdog/0279.patch"), d => d.Id == "DL2026");
    }

    [SharedFact]
    public void AMaintainersFileWrittenWithSpacesKeepsItsConvention()
    {
        // iproute2's MAINTAINERS writes 'F: bridge/*'; the two added 'F: ' lines follow it. The misordered pattern on
        // line 36 is still reported.
        var found = Findings("iproute2/0055.patch");
        Assert.DoesNotContain(found, d => d.Id == "DL2028");
        Assert.Contains(found, d => d.Id == "DL2030" && d.Location.InputLine == 36);
    }
}
