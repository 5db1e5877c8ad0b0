using DiffLint.Core.Model;

namespace DiffLint.Tests.Reading;

public class SeedTests
{
    private static string Seed(string name) => Path.Combine(TestPaths.Seeds, name);

    [SharedFact]
    public void Seed000_PlacesAddedLinesAtPostImageLines131To140()
    {
        var patch = Assert.Single(TestRunner.ParseFile(Seed("000_c9045b006f83e695.txt")));
        Assert.Equal(MessageKind.Patch, patch.Kind);
        Assert.Equal("monitor: Fix deadlock in monitor_cleanup", patch.Subject.Summary);
        Assert.Equal(2, patch.Subject.Version);
        Assert.Equal(2216966, patch.Patchwork!.Id);

        var file = Assert.Single(patch.Files);
        Assert.Equal("qapi/qmp-dispatch.c", file.Path);
        var hunk = Assert.Single(file.Hunks);
        Assert.Equal("static void do_qmp_dispatch_bh(void *opaque)", hunk.Heading);
        var added = hunk.Lines.Where(l => l.Kind == DiffLineKind.Added).Select(l => l.NewLine).ToArray();
        Assert.Equal(Enumerable.Range(131, 10), added);
        Assert.Equal("    aio_wait_kick();", hunk.Lines.Single(l => l.NewLine == 140).Text.ToString());
        Assert.Equal(2, patch.Trailers.Count(t => t.Is("Signed-off-by")));
    }

    [SharedFact]
    public void Seed004_ReadsTwoFilesAndFourHunksOfPatch3Of14()
    {
        var patch = Assert.Single(TestRunner.ParseFile(Seed("004_ee60c0aa1fb11c01.txt")));
        Assert.Equal("iothread: tracking iothread users with holder name", patch.Subject.Summary);
        Assert.Equal((3, 14, 6), (patch.Subject.Number!.Value, patch.Subject.Total!.Value, patch.Subject.Version!.Value));
        Assert.Equal(["include/system/iothread.h", "iothread.c"], patch.Files.Select(f => f.Path));
        Assert.Equal("DECLARE_INSTANCE_CHECKER(IOThread, IOTHREAD,", patch.Files[0].Hunks[0].Heading);
        Assert.Equal(4, patch.Files[1].Hunks.Length);
        Assert.Equal((32, 4), (patch.Files.Sum(f => f.AddedCount), patch.Files.Sum(f => f.RemovedCount)));
        Assert.Equal(499477, patch.Patchwork!.SeriesId);
        Assert.NotNull(patch.Diffstat);
        Assert.Equal((2, 32, 4), (patch.Diffstat!.FilesChanged!.Value, patch.Diffstat.Insertions!.Value, patch.Diffstat.Deletions!.Value));
    }

    [SharedFact]
    public void BothSeeds_RunEndToEndWithoutInputErrors()
    {
        var result = TestRunner.RunFiles(Seed("000_c9045b006f83e695.txt"), Seed("004_ee60c0aa1fb11c01.txt"));
        Assert.Empty(result.Errors);
        Assert.Equal(0, result.InternalErrors);
        Assert.Equal(2, result.Statistics.Patches);
        Assert.Equal(["monitor: Fix deadlock in monitor_cleanup", "iothread: tracking iothread users with holder name"],
            result.Reports.Select(r => r.Patch.Subject.Summary));
    }
}
