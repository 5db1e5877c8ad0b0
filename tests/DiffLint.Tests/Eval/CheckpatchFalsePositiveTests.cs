namespace DiffLint.Tests.Eval;

/// <summary>Oracle rows DiffLint does not reproduce on purpose, each shown on the corpus file it comes from.</summary>
public class CheckpatchFalsePositiveTests
{
    [Fact]
    public void QuotedPrintableMailIsNotCorrupt()
    {
        // checkpatch reads the raw mail: the context line " " is encoded as "=20" (line 321), which it takes for a
        // line without a diff marker. DiffLint decodes quoted-printable first, so the hunk is intact.
        var result = TestRunner.RunFiles(Path.Combine(TestPaths.Corpus, "lists", "watchdog", "0166.patch"));
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Id == "DL0001");
        Assert.Contains(result.Reports, r => r.Patch.HunkCount > 0);
    }

    [Fact]
    public void CarriageReturnLineEndIsNotTrailingWhitespace()
    {
        // seabios/0013.patch line 32 ends in "\r\n". Checkpatch (kernel and QEMU) reports the first such line as trailing
        // whitespace and every later one as a DOS line ending; DiffLint treats them all alike, as DOS line endings.
        var result = TestRunner.RunFiles(Path.Combine(TestPaths.Corpus, "seabios", "0013.patch"));
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Id == "DL2001" && d.Location.InputLine == 32);
    }
}
