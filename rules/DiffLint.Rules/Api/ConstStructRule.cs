using System.Collections.Frozen;
using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports a kernel operations or description struct named on a line without <c>const</c>.</summary>
[DiffLintRule]
public sealed class ConstStructRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3071", "const-struct", "Ops struct that should be const",
        "struct {0} should normally be const", "CONST_STRUCT", """
            ## What it does
            Reports a line that names `struct X` without a `const` anywhere on it, X one of the kernel's
            tables of callbacks or constant descriptions that a driver fills once and hands to a subsystem:
            file, inode, address-space, super-block and dentry operations, `proc_ops`, `seq_operations`,
            `vm_operations_struct`, `dev_pm_ops`, `of_device_id` match tables, `net_device_ops`,
            `ethtool_ops`, `header_ops`, `i2c_algorithm`, `watchdog_ops`, `clk_ops`, `regulator_ops`, the
            pinctrl, PWM, RTC, IIO, hwmon, reset, backlight, thermal, block-device and blk-mq ops,
            `dma_map_ops`, `irq_domain_ops`, the DRM `*_funcs` tables, the V4L2 and videobuf2 ops, the ALSA
            PCM and DAI ops, `kernel_param_ops`, `sysfs_ops`, the MTD/NAND ops, and `regmap_config` (a
            description whose register callbacks regmap takes as const). A description without callbacks
            such as `watchdog_info` is left out. A line that opens the struct's definition (`struct X {`) is
            not reported.

            ## Why it matters
            A table of function pointers in writable memory is a favourite target: overwrite one pointer and the
            kernel calls the attacker's code. `const` puts it in read-only memory, and the subsystems take these
            tables as `const` pointers, so nothing is lost. Like checkpatch, the rule reads one line: a parameter or
            a pointer to such a struct without `const` is reported too, because it should be a pointer to const.

            ## Example
            ```diff
            +static struct watchdog_ops foo_wdt_ops = {
            +	.owner = THIS_MODULE,
            ```
            Write `static const struct watchdog_ops foo_wdt_ops = {`.

            ## Configuration
            Kernel and U-Boot profiles. checkpatch reads its list from scripts/const_structs.checkpatch; DiffLint keeps
            its own list of the tables above, so a struct only one of the two lists names is reported by that one
            alone.
            """);

    // The engine calls Analyze on these names only.
    private static readonly string[] ConstStructNames =
    [
        // Files and file systems.
        "file_operations", "proc_ops", "seq_operations", "vm_operations_struct", "address_space_operations",
        "inode_operations", "super_operations", "dentry_operations", "export_operations", "xattr_handler",
        // Power management, networking, buses.
        "dev_pm_ops", "of_device_id", "platform_suspend_ops", "net_device_ops", "ethtool_ops", "header_ops", "i2c_algorithm",
        "spi_controller_mem_ops",
        // Device classes a driver registers with.
        "watchdog_ops", "clk_ops", "regulator_ops", "pinctrl_ops", "pinmux_ops", "pinconf_ops",
        "pwm_ops", "rtc_class_ops", "iio_info", "iio_buffer_setup_ops", "hwmon_ops", "reset_control_ops",
        "backlight_ops", "thermal_zone_device_ops", "block_device_operations", "blk_mq_ops", "dma_map_ops",
        "irq_domain_ops", "kernel_param_ops", "sysfs_ops", "regmap_config", "mtd_ooblayout_ops", "nand_controller_ops",
        // Display, media and sound.
        "drm_crtc_funcs", "drm_crtc_helper_funcs", "drm_connector_funcs", "drm_connector_helper_funcs",
        "drm_encoder_funcs", "drm_encoder_helper_funcs", "drm_plane_funcs", "drm_plane_helper_funcs",
        "drm_framebuffer_funcs", "drm_mode_config_funcs", "drm_bridge_funcs", "v4l2_file_operations",
        "v4l2_ioctl_ops", "v4l2_subdev_ops", "v4l2_subdev_core_ops", "v4l2_subdev_video_ops", "v4l2_subdev_pad_ops",
        "v4l2_ctrl_ops", "vb2_ops", "snd_pcm_ops", "snd_soc_dai_ops",
    ];

    // A class of its own: the set is built when the rule first needs it, not when a descriptor of the rule is read or
    // the rule is made (every run makes every rule, whatever the profile).
    private static class Tables
    {
        public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ConstStructLookup =
            FrozenSet.Create(StringComparer.Ordinal, ConstStructNames).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, ConstStructNames);

    private void Analyze(CTokenContext name)
    {
        var fragment = name.Fragment;
        var code = name.Code;
        if (!IsListedStruct(fragment, code, name.CodeIndex) || !FirstOnLine.Is(IsListedStruct, fragment, code, name.CodeIndex) || HasConst(fragment, code))
            return;
        name.Report(Descriptor, name.Text.ToString());
    }

    /// <summary>The name of a listed <c>struct X</c> that does not open a definition.</summary>
    private static bool IsListedStruct(CFragment fragment, ReadOnlySpan<CToken> code, int name) =>
        name > 0 && code[name].Kind == CTokenKind.Identifier && code[name - 1].Kind == CTokenKind.Keyword && fragment.Is(code[name - 1], "struct") &&
        Tables.ConstStructLookup.Contains(fragment.TextOf(code[name])) && !(name + 1 < code.Length && code[name + 1].IsSymbol('{'));

    private static bool HasConst(CFragment fragment, ReadOnlySpan<CToken> code)
    {
        foreach (ref readonly var token in code)
        {
            if (token.Kind == CTokenKind.Keyword && fragment.Is(token, "const")) return true;
        }

        return false;
    }
}
