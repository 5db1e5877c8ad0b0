using DiffLint.Core.Profiles;

namespace DiffLint.Tests.Profiles;

public class ProfileSelectorTests
{
    private static string Mail(string headers, params string[] paths)
    {
        var diff = string.Concat(paths.Select(p => $"diff --git a/{p} b/{p}\n--- a/{p}\n+++ b/{p}\n@@ -1 +1 @@\n-a\n+b\n"));
        return $"From: A U Thor <author@example.com>\n{headers}Subject: [PATCH] x: y\n\nBody.\n\nSigned-off-by: A U Thor <author@example.com>\n---\n{diff}";
    }

    private static ProfileChoice Choose(string mail, ProfileSelector? selector = null) =>
        (selector ?? ProfileSelector.Automatic).Choose(TestRunner.ParseText(mail).Single());

    [Theory]
    [InlineData("List-Id: <qemu-devel.nongnu.org>\n", "qemu")]
    [InlineData("List-Id: <qemu-block.nongnu.org>\n", "qemu")]
    [InlineData("List-Id: U-Boot discussion <u-boot.lists.denx.de>\n", "uboot")]
    [InlineData("List-Id: <git.vger.kernel.org>\n", "git")]
    [InlineData("List-Id: <linux-watchdog.vger.kernel.org>\n", "kernel")]
    [InlineData("To: qemu-devel@nongnu.org\nCc: Someone <s@example.com>\n", "qemu")]
    [InlineData("To: git@vger.kernel.org\n", "git")]
    [InlineData("To: u-boot@lists.denx.de\n", "uboot")]
    [InlineData("To: netdev@vger.kernel.org\n", "kernel")]
    public void ListIdAndRecipientsChooseTheProfile(string headers, string expected)
    {
        var choice = Choose(Mail(headers, "foo.c"));
        Assert.Equal(expected, choice.Profile.Name);
        Assert.DoesNotContain("default", choice.Reason);
    }

    [Theory]
    [InlineData("qemu", "hw/net/e1000.c", "include/hw/net/e1000.h")]
    [InlineData("git", "builtin/am.c", "t/t4150-am.sh")]
    [InlineData("uboot", "board/ti/am335x/board.c", "configs/am335x_evm_defconfig")]
    [InlineData("kernel", "kernel/sched/core.c", "include/uapi/linux/sched.h")]
    public void ProjectOnlyPathsChooseTheProfile(string expected, params string[] paths)
    {
        var choice = Choose(Mail("", paths));
        Assert.Equal(expected, choice.Profile.Name);
        Assert.StartsWith("paths", choice.Reason);
    }

    [Fact]
    public void SharedDirectoriesFallBackToTheKernelDefault()
    {
        // drivers/ and lib/ exist in the kernel, U-Boot and QEMU alike: no evidence either way.
        var choice = Choose(Mail("", "drivers/usb/core/hub.c", "lib/string.c"));
        Assert.Equal("kernel", choice.Profile.Name);
        Assert.StartsWith("default", choice.Reason);
    }

    [Fact]
    public void ListIdWinsOverPaths()
    {
        var choice = Choose(Mail("List-Id: <qemu-devel.nongnu.org>\n", "builtin/am.c"));
        Assert.Equal("qemu", choice.Profile.Name);
    }

    [Fact]
    public void ForcedProfileWinsOverEverything()
    {
        var choice = Choose(Mail("List-Id: <qemu-devel.nongnu.org>\n", "hw/x.c"), new ProfileSelector(BuiltInProfiles.Git));
        Assert.Equal("git", choice.Profile.Name);
        Assert.Equal("--profile", choice.Reason);
    }

    [SharedFact]
    public void PatchworkSeedsAreQemu()
    {
        var result = TestRunner.RunFiles(Path.Combine(TestPaths.Seeds, "000_c9045b006f83e695.txt"));
        var patch = result.Reports.Single().Patch;
        Assert.Equal("qemu", patch.Profile.Profile.Name);
        Assert.Contains("qemu-devel", patch.Profile.Reason);
    }

    [Theory]
    [InlineData("kernel")]
    [InlineData("qemu")]
    [InlineData("git")]
    [InlineData("uboot")]
    [InlineData("U-Boot")]
    public void ProfilesAreFoundByName(string name) => Assert.NotNull(BuiltInProfiles.Find(name));

    [Fact]
    public void QemuAndKernelDifferWhereTheProjectsDiffer()
    {
        Assert.Equal(IndentationStyle.FourSpaces, BuiltInProfiles.Qemu.Indentation);
        Assert.Equal(IndentationStyle.Tabs, BuiltInProfiles.Kernel.Indentation);
        Assert.Equal(90, BuiltInProfiles.Qemu.LineLengthError);
        Assert.Equal(100, BuiltInProfiles.Kernel.LineLengthWarning);
        Assert.Equal(AiAttributionPolicy.Banned, BuiltInProfiles.Qemu.AiAttribution);
        Assert.Equal(AiAttributionPolicy.AssistedByAccepted, BuiltInProfiles.Kernel.AiAttribution);
    }

    [Fact]
    public void CodeIndentedWithFourSpacesIsQemuStyleWhenNothingElseTells()
    {
        // SeaBIOS and slirp follow QEMU's layout: the kernel's tab rules would flag every line of theirs.
        static string Mail(string indent) =>
            "From: A <a@example.com>\nSubject: [PATCH] vga: f\n\nBody.\n\nSigned-off-by: A <a@example.com>\n---\n"
            + "diff --git a/src/vga.c b/src/vga.c\n--- a/src/vga.c\n+++ b/src/vga.c\n@@ -1,6 +1,6 @@\n int f(void)\n {\n"
            + $" {indent}int b = 2;\n {indent}int a = 1;\n-{indent}return a;\n+{indent}return a + 1;\n";
        var choice = Choose(Mail("    "));
        Assert.Equal("qemu", choice.Profile.Name);
        Assert.Contains("4 spaces", choice.Reason);
        Assert.Equal("kernel", Choose(Mail("\t")).Profile.Name);
    }

    [Fact]
    public void QemuHeadersNameTheProject()
    {
        var diff = "diff --git a/misc.c b/misc.c\n--- a/misc.c\n+++ b/misc.c\n@@ -1,2 +1,3 @@\n #include <libslirp.h>\n+#include \"qemu/main-loop.h\"\n \n";
        var mail = "From: A <a@example.com>\nSubject: [PATCH] slirp: x\n\nBody.\n\nSigned-off-by: A <a@example.com>\n---\n" + diff;
        Assert.Equal("qemu", Choose(mail).Profile.Name);
    }

    [SharedFact]
    public void LayoutAloneDoesNotBringQemuApiRules()
    {
        // SeaBIOS indents like QEMU but has no GLib: free() there is right. Chosen from layout alone, the qemu profile
        // judges style only; named QEMU (--profile, list, paths, headers) it judges QEMU's APIs too.
        var patch = Path.Combine(TestPaths.Corpus, "seabios", "0035.patch");
        var automatic = TestRunner.RunFiles(patch);
        Assert.Equal("qemu", automatic.Reports.Single().Patch.Profile.Profile.Name);
        Assert.True(automatic.Reports.Single().Patch.Profile.LayoutOnly);
        Assert.DoesNotContain(automatic.AllDiagnostics, d => d.Rule.Category == ProfileChoice.ApiCategory);
        Assert.Contains(TestRunner.RunFiles(BuiltInProfiles.Qemu, patch).AllDiagnostics, d => d.Id == "DL4002");
    }
}
