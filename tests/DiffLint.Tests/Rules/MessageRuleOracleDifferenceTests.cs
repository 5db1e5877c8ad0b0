using DiffLint.Core.Analysis;
using DiffLint.Core.Profiles;

namespace DiffLint.Tests.Rules;

/// <summary>
/// The checkpatch findings on the shared corpus that the message rules deliberately do not reproduce (listed in
/// tests/DiffLint.Eval/explained-misses.tsv), each shown on the corpus file where checkpatch reports it.
/// </summary>
public class MessageRuleOracleDifferenceTests
{
    private static List<Diagnostic> Findings(string corpusFile, string ruleId) =>
        [.. TestRunner.RunFiles(BuiltInProfiles.Kernel, Path.Combine(TestPaths.Corpus, corpusFile)).AllDiagnostics.Where(d => d.Id == ruleId)];

    [Fact]
    public void HexLetterWordsAreNotCommitShas()
    {
        // "The previous commit added the necessary validation": checkpatch reads "added" as a 5-digit sha.
        Assert.DoesNotContain(Findings("git/0074.patch", "DL1020"), d => d.Location.InputLine == 6);
    }

    [Fact]
    public void UnknownCommitIdsAreNotGuessedWithoutARepository()
    {
        // "Fixes: 1f4ea4838b13 (...)": without a repository checkpatch calls every id unknown; DL1022 needs one to say so.
        Assert.Empty(Findings("lists/watchdog/0273.patch", "DL1022"));
    }

    [Fact]
    public void DecimalNumbersAreNotBareShas()
    {
        // "Sent 368689092544 bytes", "clock-id: 5855731461854439600": counters in pasted command output.
        Assert.Empty(Findings("iproute2/0034.patch", "DL1020"));
        Assert.Empty(Findings("iproute2/0107.patch", "DL1020"));
    }

    [Fact]
    public void NotesBelowTheSeparatorAreNotTheCommitMessage()
    {
        // checkpatch reads up to the first diff, so "- Add Cc: stable@vger.kernel.org." in the v6 changelog below
        // "---" (and the stable@ address in an AUTOSEL analysis below it) counts as the commit message there.
        foreach (var file in new[] { "0180", "0363", "0365", "0366", "0368", "0369", "0370", "0374" })
        {
            Assert.Empty(Findings($"lists/watchdog/{file}.patch", "DL1024"));
        }
    }

    [Fact]
    public void CoverLettersAreNotCheckedAsCommitMessages()
    {
        // A [PATCH 0/N] cover letter is never committed: its changelog ("v3: https://..."), its long shortlog and
        // diffstat lines are where they belong, and its subject ("remove uneeded Kconfig dependencies") is not a
        // commit subject.
        var result = TestRunner.RunFiles(BuiltInProfiles.Kernel, Path.Combine(TestPaths.Corpus, "lists/watchdog/0418.patch"),
            Path.Combine(TestPaths.Corpus, "lists/watchdog/0439.patch"), Path.Combine(TestPaths.Corpus, "lists/watchdog/0533.patch"),
            Path.Combine(TestPaths.Corpus, "lists/watchdog/0578.patch"));
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Id is "DL1030" or "DL1033" or "DL1041");
        Assert.All(result.Reports, r => Assert.Equal(Core.Model.MessageKind.CoverLetter, r.Patch.Kind));
    }

    [SharedFact]
    public void CoverLettersAreNotPatchesWithoutADiff()
    {
        // checkpatch reports NOT_UNIFIED_DIFF on all 42 cover letters of the watchdog list; DiffLint recognises them by
        // their [PATCH 0/N] subject and reports them only when DL1043 (checkpatch compatibility) is turned on.
        var covers = File.ReadLines(Path.Combine(TestPaths.Corpus, "oracle", "checkpatch-kernel.tsv"))
            .Select(l => l.Split('\t'))
            .Where(f => f.Length > 5 && f[5] == "NOT_UNIFIED_DIFF")
            .Select(f => Path.Combine(TestPaths.Corpus, f[2]))
            .ToArray();
        Assert.Equal(42, covers.Length);
        var result = TestRunner.RunFiles(BuiltInProfiles.Kernel, covers);
        Assert.All(result.Reports, r => Assert.Equal(Core.Model.MessageKind.CoverLetter, r.Patch.Kind));
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Id is "DL1042" or "DL1043");

        var compatible = TestRunner.ConfigurationFromEditorConfig("root = true\n[*]\ndotnet_diagnostic.DL1043.severity = error\n");
        var reported = TestRunner.RunFiles(BuiltInProfiles.Kernel, compatible, covers).AllDiagnostics.Count(d => d.Id == "DL1043");
        Assert.Equal(42, reported);
    }

    [Fact]
    public void LinesLongOnlyBecauseOfAUrlAreNotReported()
    {
        // "[1] https://lore.kernel.org/..." cannot be wrapped; checkpatch only exempts lines that start with the URL.
        Assert.DoesNotContain(Findings("bluez/0010.patch", "DL1030"), d => d.Location.InputLine == 22);
        Assert.DoesNotContain(Findings("util-linux/0097.patch", "DL1030"), d => d.Location.InputLine == 8);
        Assert.DoesNotContain(Findings("git/0057.patch", "DL1030"), d => d.Location.InputLine == 14);
    }

    [Fact]
    public void LineLengthCountsCharactersNotBytes()
    {
        // 'The “Description” section ...' is 70 characters; checkpatch counts the 76 bytes of its UTF-8.
        Assert.DoesNotContain(Findings("git/0094.patch", "DL1030"), d => d.Location.InputLine == 10);
    }

    [Fact]
    public void DeclarationsAndCommandsAreNotRepeatedWords()
    {
        // "fsdata fsdata = {...}" declares a variable of type fsdata; "mount -t tmpfs tmpfs" names type and device.
        Assert.Empty(Findings("u-boot/0042.patch", "DL1040"));
        Assert.Empty(Findings("util-linux/0056.patch", "DL1040"));
    }

    [SharedFact]
    public void OnlyTheFirstLongLineOfAPatchIsReported()
    {
        // Eleven lines of this message are too long; like checkpatch, one finding says the message is not wrapped
        // (difflint_commit_log_long_lines = all reports them all: testdata/rules/DL1030/every-long-line).
        Assert.Single(Findings("iproute2/0105.patch", "DL1030"));
    }

    [SharedFact]
    public void QemuProfileRejectsTheAiAttributionsQemuCheckpatchRejects()
    {
        // The QEMU oracle's seven Q_AI_ATTRIBUTION rows are on kernel-style projects (the cross-style baseline); under
        // the QEMU profile DiffLint reports the same lines, under the kernel profile only the malformed Assisted-by.
        (string File, int Line)[] rows =
        [
            ("bluez/0147.patch", 23), ("iproute2/0139.patch", 15), ("iproute2/0140.patch", 12), ("iproute2/0141.patch", 30),
            ("iproute2/0144.patch", 25), ("git/0125.patch", 38), ("git/0136.patch", 22),
        ];
        foreach (var (file, line) in rows)
        {
            var qemu = TestRunner.RunFiles(BuiltInProfiles.Qemu, Path.Combine(TestPaths.Corpus, file)).AllDiagnostics;
            Assert.Contains(qemu, d => d.Id == "DL1035" && d.Location.InputLine == line);
            var kernel = Findings(file, "DL1036").Select(d => d.Location.InputLine).ToList();
            Assert.Equal(file.StartsWith("git/", StringComparison.Ordinal) ? [line] : [], kernel);
        }
    }
}
