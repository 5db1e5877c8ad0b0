using System.Collections.Immutable;

namespace DiffLint.Core.Profiles;

/// <summary>The profiles DiffLint knows: the Linux kernel, QEMU, git and U-Boot conventions.</summary>
public static class BuiltInProfiles
{
    public static Profile Kernel { get; } = new()
    {
        Name = "kernel",
        Description = "Linux kernel: tabs, 100 columns, DCO sign-off by the author, Fixes:/Closes: hygiene, Assisted-by: for AI tools",
        AiAttribution = AiAttributionPolicy.AssistedByAccepted,
        RequiresSenderSignOffLast = true,
        ListAddresses = ["vger.kernel.org", "lists.infradead.org", "lists.linux.dev", "lists.ozlabs.org", "lists.freedesktop.org",
            "lists.linux-foundation.org", "lists.sourceforge.net", "kernel.org"],
        // U-Boot shares drivers/, arch/, fs/, net/, lib/ and include/linux/ with the kernel, so only kernel-only trees count.
        TreeMarkers = ["include/uapi/", "kernel/", "mm/", "sound/", "Documentation/devicetree/", "Documentation/admin-guide/",
            "security/", "crypto/", "block/", "virt/", "ipc/", "init/", "samples/", "io_uring/", "rust/kernel/"],
    };

    public static Profile Qemu { get; } = new()
    {
        Name = "qemu",
        Description = "QEMU: 4 spaces and no tabs, 80 columns (90 hard), braces on every arm, no // comments, no AI-generated code",
        Indentation = IndentationStyle.FourSpaces,
        LineLengthWarning = 80,
        LineLengthError = 90,
        AllowsC99Comments = false,
        RequiresBracesOnEveryArm = true,
        OperatorSpacing = OperatorSpacingStyle.SpacedBinary,
        RequiresReportLink = false,
        AiAttribution = AiAttributionPolicy.Banned,
        ListAddresses = ["nongnu.org"],
        TreeMarkers = ["hw/", "target/", "qapi/", "qom/", "tcg/", "accel/", "migration/", "include/qemu/", "include/hw/",
            "include/system/", "include/exec/", "system/", "linux-user/", "bsd-user/", "replication.c", "qemu-options.hx",
            "hmp-commands.hx", "trace-events", "subprojects/", "tests/qtest/", "tests/tcg/"],
    };

    public static Profile Git { get; } = new()
    {
        Name = "git",
        Description = "git: tabs, 80 columns, no // comments, DCO sign-off, subjects as 'area: summary'",
        LineLengthWarning = 80,
        CommitLogLineLimit = 72,
        // Documentation/SubmittingPatches names these; Junio's trees are full of them.
        ExtraTrailerTags = ["Helped-by", "Mentored-by", "Co-authored-by", "Based-on-patch-by", "Original-patch-by", "Requested-by",
            "Noticed-by", "Improved-by", "Inspired-by"],
        AllowsC99Comments = false,
        RequiresReportLink = false,
        ListAddresses = ["git@vger.kernel.org", "git.vger.kernel.org"],
        TreeMarkers = ["builtin/", "t/t", "t/helper/", "t/lib-", "xdiff/", "refs/", "reftable/", "compat/", "git-compat-util.h",
            "Documentation/git-", "Documentation/config/", "Documentation/RelNotes/", "gitweb/", "contrib/completion/"],
    };

    public static Profile UBoot { get; } = new()
    {
        Name = "uboot",
        Description = "U-Boot: kernel style (tabs, 100 columns, DCO sign-off), subjects as 'subsystem: summary'",
        RequiresSenderSignOffLast = true,
        RequiresReportLink = false,
        ListAddresses = ["lists.denx.de"],
        TreeMarkers = ["board/", "configs/", "cmd/", "include/configs/", "common/", "env/", "boot/", "test/py/", "dts/upstream/",
            "doc/board/", "doc/develop/", "arch/arm/mach-", "arch/sandbox/", "tools/binman/", "tools/patman/", "lib/efi_loader/"],
    };

    public static ImmutableArray<Profile> All { get; } = [Kernel, Qemu, Git, UBoot];

    public static Profile? Find(string name)
    {
        foreach (var profile in All)
        {
            if (profile.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) return profile;
        }

        return name.Equals("u-boot", StringComparison.OrdinalIgnoreCase) ? UBoot : null;
    }
}
