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

    [Fact]
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
}
