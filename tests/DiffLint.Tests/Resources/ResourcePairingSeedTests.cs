namespace DiffLint.Tests.Resources;

/// <summary>
/// Seed 004 (QEMU, <c>iothread_ref</c>/<c>iothread_unref</c> taking and dropping <c>object_ref</c>/<c>object_unref</c> in two
/// functions) is the case the product was created from: balanced as sent, unbalanced without its <c>object_unref</c> line.
/// </summary>
public class ResourcePairingSeedTests
{
    private static readonly string Seed004 = Path.Combine(TestPaths.Seeds, "004_ee60c0aa1fb11c01.txt");

    [SharedFact]
    public void Seed004HasNoPairingFinding()
    {
        var result = TestRunner.RunFiles(Seed004);
        Assert.Empty(result.Errors);
        Assert.DoesNotContain(result.AllDiagnostics, d => d.Id.StartsWith("DL50", StringComparison.Ordinal) || d.Id == "DL9001");
    }

    [SharedFact]
    public void Seed004WithoutItsObjectUnrefHasOne()
    {
        // The JSON carries the diff as a string with escaped newlines: drop the added object_unref line and its count.
        var text = File.ReadAllText(Seed004);
        const string unref = "+\\n+    object_unref(OBJECT(iothread));\\n";
        Assert.Contains(unref, text);
        var variant = text.Replace(unref, "+\\n", StringComparison.Ordinal).Replace("@@ -83,6 +89,8 @@", "@@ -83,6 +89,7 @@", StringComparison.Ordinal);

        var result = TestRunner.RunText(variant, "seed-004-variant.json");
        Assert.Empty(result.Errors);
        var finding = Assert.Single(result.AllDiagnostics, d => d.Id.StartsWith("DL50", StringComparison.Ordinal));
        Assert.Equal("DL5005", finding.Id);
        Assert.Equal("iothread.c", finding.Location.Path);
        Assert.Contains("object_ref() on `iothread` in iothread_ref()", finding.Message, StringComparison.Ordinal);
    }
}
