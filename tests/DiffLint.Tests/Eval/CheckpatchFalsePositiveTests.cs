using DiffLint.Core.Analysis;
using DiffLint.Core.Profiles;

namespace DiffLint.Tests.Eval;

/// <summary>Oracle rows DiffLint does not reproduce on purpose, each shown on the corpus file it comes from.</summary>
public class CheckpatchFalsePositiveTests
{
    [SharedFact]
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

    [SharedFact]
    public void CarriageReturnInCommentIsADosLineEnding()
    {
        // The DiffLint-only Q_DOS_LINE_ENDINGS row: seabios/0013.patch line 32 ends in "// svga_modes\r\n". Checkpatch blanks
        // comments before it looks for CRs, so it misses this one; DiffLint reads the raw line.
        var result = TestRunner.RunFiles(BuiltInProfiles.Qemu, Path.Combine(TestPaths.Corpus, "seabios", "0013.patch"));
        Assert.Contains(result.AllDiagnostics, d => d.Id == "DL2002" && d.Location.InputLine == 32);
    }

    [Theory]
    [InlineData("0034.patch")]
    [InlineData("0056.patch")]
    public void ExecutableScriptWithShebangIsAccepted(string patch)
    {
        // util-linux's tests/ts/* files are '#!/bin/bash' scripts with no extension: their execute bit is right.
        var result = TestRunner.RunFiles(BuiltInProfiles.Kernel, Path.Combine(TestPaths.Corpus, "util-linux", patch));
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Id == "DL2014");
    }

    [Theory]
    [InlineData("iproute2", "0003.patch")]
    [InlineData("util-linux", "0111.patch")]
    [InlineData("git", "0129.patch")]
    public void ExistingFileFirstLineNeedsNoSpdxTag(string project, string patch)
    {
        // include/version.h (a version bump), libfdisk/src/label.c and t/helper/test-subprocess.c (a new first #include):
        // the files predate SPDX tags and the patch does not touch licensing.
        var result = TestRunner.RunFiles(BuiltInProfiles.Kernel, Path.Combine(TestPaths.Corpus, project, patch));
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Id == "DL2016");
    }

    [Fact]
    public void SpdxTagOnContextLineIsNotMisplaced()
    {
        // util-linux/0072.patch line 83 is the context line " * SPDX-License-Identifier: ..." of lib/shells.c.
        var result = TestRunner.RunFiles(BuiltInProfiles.Kernel, Path.Combine(TestPaths.Corpus, "util-linux", "0072.patch"));
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Id == "DL2018");
    }

    [SharedTheory]
    [InlineData("util-linux/0051.patch", 916)]
    [InlineData("util-linux/0125.patch", 1296)]
    [InlineData("git/0140.patch", 170)]
    public void MovedLinesAreNotJudgedAgain(string patch, int line)
    {
        // The added line also appears, unchanged, as a removed line of the same patch: code the patch moves. Checkpatch
        // reports its old style problems again; DiffLint leaves them to the code's first review.
        var path = Path.Combine(TestPaths.Corpus, patch);
        var lines = File.ReadAllLines(path);
        Assert.StartsWith("+", lines[line - 1]);
        Assert.Contains("-" + lines[line - 1][1..], lines);
        var result = TestRunner.RunFiles(DiffLint.Core.Profiles.BuiltInProfiles.Kernel, path);
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Location.InputLine == line);
    }

    [SharedFact]
    public void MovedCodeIsNotJudgedAgain()
    {
        // util-linux/0125.patch moves the netaddr code from agetty.c to issuefile.c unchanged: checkpatch reports the brace
        // placement, the split "} else", the do-while and the assignments in if of the moved lines as if they were new.
        // DiffLint leaves moved code alone (it is reviewed where it was written) and still judges what the patch writes.
        var path = Path.Combine(TestPaths.Corpus, "util-linux", "0125.patch");
        var patch = Assert.Single(TestRunner.ParseFile(path));
        Assert.True(MovedCodeDetector.Detect(patch).MovedLines > 100);
        var result = TestRunner.RunFiles(path);
        int[] movedLines = [1066, 1073, 1609, 1666, 1672, 1677, 1680, 1686, 1698, 1704, 1709, 1712, 1718, 1738, 1743, 1750, 1755, 1855, 1906, 1982];
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Id.StartsWith("DL302", StringComparison.Ordinal) && movedLines.Contains(d.Location.InputLine));
        Assert.Contains(result.AllDiagnostics, d => d.Id == "DL3021" && d.Location.InputLine == 1969);
    }

    [Fact]
    public void FunctionNamedForEachIsNotAnIteratorMacro()
    {
        // git/0128.patch defines test_odb_inmemory__for_each_object(void) with its brace on the next line, as it should be;
        // checkpatch's "[a-z_]*for_each[a-z_]+(" pattern takes the definition for an iterator macro and asks for the brace
        // on the previous line.
        var result = TestRunner.RunFiles(Path.Combine(TestPaths.Corpus, "git", "0128.patch"));
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Id is "DL3021" or "DL3022");
    }

    [SharedFact]
    public void SuspectIndentUnderUnchangedIfIsReportedOnTheAddedLine()
    {
        // seabios/0039.patch adds a 7-column statement under an unchanged 4-column "if" (line 18, a context line).
        // QEMU checkpatch points at the if; DiffLint reports on lines the patch writes, so it points at the added line 19.
        var result = TestRunner.RunFiles(BuiltInProfiles.Qemu, Path.Combine(TestPaths.Corpus, "seabios", "0039.patch"));
        var finding = Assert.Single(result.AllDiagnostics, d => d.Id == "DL3033");
        Assert.Equal(19, finding.Location.InputLine);
        Assert.Equal("Suspect code indent for conditional statements (4, 7)", finding.Message);
    }

    [Fact]
    public void MovedCodeIsNotJudgedForSpacing()
    {
        // checkpatch judges every '+' line; DiffLint leaves code that the patch only moves (removed unchanged elsewhere
        // in the same patch) to whoever wrote it. These lines carry operator, pointer and parenthesis spacing nits
        // checkpatch reports; the same nits on lines the patch writes are reported (see testdata/rules/DL3001..DL3009).
        AssertNoSpacingFinding(BuiltInProfiles.Qemu, Path.Combine("seabios", "0017.patch"), 40, 65, 67, 71, 73);
        AssertNoSpacingFinding(BuiltInProfiles.Qemu, Path.Combine("seabios", "0043.patch"), 24);
        AssertNoSpacingFinding(BuiltInProfiles.Kernel, Path.Combine("util-linux", "0125.patch"), 1073, 1667, 1699, 1887, 1942);
    }

    [Fact]
    public void StarOfCastIsNotMultiplication()
    {
        // seabios/0059.patch line 37: "sha1((const u8 *)smbios_tables, ...)"; QEMU's checkpatch asks for spaces around '*'.
        AssertNoSpacingFinding(BuiltInProfiles.Qemu, Path.Combine("seabios", "0059.patch"), 37);
    }

    [Fact]
    public void MultiplicationIsNotPointerDeclaration()
    {
        // seabios/0022.patch line 91: "malloc_tmphigh(BiosGeometryCount * sizeof(BootDeviceLCHS))" multiplies.
        AssertNoSpacingFinding(BuiltInProfiles.Qemu, Path.Combine("seabios", "0022.patch"), 91);
    }

    [Fact]
    public void StarBeforeQualifierIsNotMisplaced()
    {
        // util-linux/0060.patch line 30: checkpatch says '"foo * const bar" should be "foo * const bar"'.
        AssertNoSpacingFinding(BuiltInProfiles.Kernel, Path.Combine("util-linux", "0060.patch"), 30);
    }

    [Fact]
    public void BlockCommentOpenerInAStringIsNotAComment()
    {
        // seabios/0035.patch line 39: snprintf(desc, sizeof(desc), "/virtio-mmio@%016x/*@0/*@%x,%x", ...). The tokenizer
        // keeps "/*" inside the string literal; QEMU's line regexes take it for a block comment opener.
        var result = TestRunner.RunFiles(BuiltInProfiles.Qemu, Path.Combine(TestPaths.Corpus, "seabios", "0035.patch"));
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Location.InputLine == 39 && d.Id.StartsWith("DL304", StringComparison.Ordinal));
    }

    private static void AssertNoSpacingFinding(Profile profile, string patch, params int[] lines)
    {
        var result = TestRunner.RunFiles(profile, Path.Combine(TestPaths.Corpus, patch));
        foreach (var line in lines)
        {
            Assert.DoesNotContain(result.AllDiagnostics, d => d.Id.StartsWith("DL30", StringComparison.Ordinal) && d.Location.InputLine == line);
        }
    }

    [SharedFact]
    public void PreprocessorIfBeforeInitializerIsNotABracedBlock()
    {
        // u-boot/0117.patch wraps each "{ .compatible = ... }," element of a udevice_id table in "#if IS_ENABLED(...)"
        // and "#endif" (lines 26, 29, 32, 35). Kernel checkpatch takes the "if" of "#if" for a C if and the element for
        // its braced single-statement body; there is no if statement there and nothing for DL3029 to report.
        var path = Path.Combine(TestPaths.Corpus, "u-boot", "0117.patch");
        var lines = File.ReadAllLines(path);
        Assert.All([26, 29, 32, 35], line => Assert.StartsWith("+#if IS_ENABLED(", lines[line - 1]));
        var result = TestRunner.RunFiles(BuiltInProfiles.UBoot, path);
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Id == "DL3029");
    }

    [SharedFact]
    public void ElseOfAChainReportedOnItsIfIsNotReportedAgain()
    {
        // seabios/0037.patch lines 620-623: "if (value == 0) return 0; /* no */ else return 1; /* yes */", all added.
        // QEMU's checkpatch reports the chain on its if (Q_BRACES_ALL_ARMS, line 620) and, misled by the trailing
        // comments, its else a second time (Q_BRACES_SINGLE, line 622). DiffLint reports the chain once, on the if.
        var result = TestRunner.RunFiles(BuiltInProfiles.Qemu, Path.Combine(TestPaths.Corpus, "seabios", "0037.patch"));
        Assert.Contains(result.AllDiagnostics, d => d.Id == "DL3020" && d.Location.InputLine == 620);
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Id == "DL3034" && d.Location.InputLine == 622);
    }
}
