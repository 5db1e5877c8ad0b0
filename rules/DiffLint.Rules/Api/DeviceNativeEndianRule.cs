using System.Collections.Immutable;
using DiffLint.Core.Analysis;

namespace DiffLint.Rules.Api;

/// <summary>Reports the identifier <c>DEVICE_NATIVE_ENDIAN</c> in added code (comments and strings are not code).</summary>
[DiffLintRule]
public sealed class DeviceNativeEndianRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = QemuApiDescriptor.Create("DL4021", "device-native-endian", "DEVICE_NATIVE_ENDIAN",
        "DEVICE_NATIVE_ENDIAN is not allowed, use DEVICE_LITTLE_ENDIAN or DEVICE_BIG_ENDIAN instead", "Q_DEVICE_NATIVE_ENDIAN", """
            ## What it does
            Reports the identifier `DEVICE_NATIVE_ENDIAN` on an added line, usually the `.endianness` of a
            `MemoryRegionOps`. A mention in a comment or a string is not reported.

            ## Why it matters
            "Native" means the endianness of the target the binary was built for, so the device behaves differently
            in each target binary; QEMU is moving to a single binary for all targets, where that is no longer
            defined. A real device has a fixed endianness (or one chosen by a property): say which.

            ## Example
            ```diff
            +    .endianness = DEVICE_NATIVE_ENDIAN,
            ```
            Use `.endianness = DEVICE_LITTLE_ENDIAN,` (or `DEVICE_BIG_ENDIAN`).

            ## Configuration
            QEMU profile only.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterIdentifierAction(name => name.Report(Descriptor), "DEVICE_NATIVE_ENDIAN");
}
