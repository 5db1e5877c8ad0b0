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
        // A [PATCH 0/N] cover letter is never committed: its changelog ("v3: https://...") and its long shortlog and
        // diffstat lines are where they belong.
        var result = TestRunner.RunFiles(BuiltInProfiles.Kernel, Path.Combine(TestPaths.Corpus, "lists/watchdog/0418.patch"),
            Path.Combine(TestPaths.Corpus, "lists/watchdog/0439.patch"), Path.Combine(TestPaths.Corpus, "lists/watchdog/0533.patch"));
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Id is "DL1030" or "DL1033");
        Assert.All(result.Reports, r => Assert.Equal(Core.Model.MessageKind.CoverLetter, r.Patch.Kind));
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

    [Fact]
    public void EveryLongLineIsReportedNotOnlyTheFirst()
    {
        // checkpatch stops after the first long line of a patch; these five are all too long.
        var lines = Findings("iproute2/0105.patch", "DL1030").Select(d => d.Location.InputLine).ToList();
        Assert.True(lines.Count > 1, string.Join(",", lines));
    }

    [Fact]
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
