using DiffLint.Rules.Message;

namespace DiffLint.Tests.Rules;

/// <summary>DL1030 on seed 000, whose message holds an 80-column ASCII sequence diagram between unwrapped paragraphs.</summary>
public class CommitLogParagraphTests
{
    private static readonly string Seed000 = Path.Combine(TestPaths.Seeds, "000_c9045b006f83e695.txt");

    [SharedFact]
    public void ByDefaultSeed000GetsOneFindingAsFromCheckpatch()
    {
        var findings = TestRunner.RunFiles(Seed000).AllDiagnostics.Where(d => d.Id == CommitLogLongLineRule.Descriptor.Id).ToList();
        var finding = Assert.Single(findings);
        Assert.Equal(1, finding.Location.CommitMessageLine);
    }

    [SharedFact]
    public void EveryParagraphMakesOneFindingAndTheDiagramIsOne()
    {
        var configuration = TestRunner.ConfigurationFromEditorConfig($"root = true\n[*]\n{CommitLogLongLineRule.ReportAll.Key} = all\n");
        var findings = TestRunner.RunFiles(null, configuration, Seed000).AllDiagnostics
            .Where(d => d.Id == CommitLogLongLineRule.Descriptor.Id).ToList();

        // Message lines 9 to 34 are the diagram, 16 of them longer than 75 columns (21 lines are, in all): one finding for it.
        Assert.Equal([1, 4, 9, 36], findings.Select(d => d.Location.CommitMessageLine));
        Assert.Single(findings, d => d.Location.CommitMessageLine is >= 9 and <= 34);
        Assert.StartsWith(" IO Thread ", findings[2].Location.LineText);
    }
}
