using System.Collections.Immutable;
using DiffLint.Core.Analysis;

namespace DiffLint.Rules.Api;

/// <summary>
/// Descriptors of the kernel API rules: warnings, like checkpatch's, for the kernel and U-Boot profiles (and QEMU's
/// where its script has the same check).
/// </summary>
internal static class KernelApiDescriptor
{
    private static readonly ImmutableArray<string> KernelProfiles = ["kernel", "uboot"];
    private static readonly ImmutableArray<string> KernelAndQemuProfiles = ["kernel", "uboot", "qemu"];

    public static RuleDescriptor Create(string id, string name, string title, string message, string type, string documentation,
        string category = "Api", string? qemuType = null) =>
        new(id, name, title, message, category, Severity.Warning, documentation, checkpatchType: type, qemuCheckpatchType: qemuType,
            profiles: qemuType is null ? KernelProfiles : KernelAndQemuProfiles);
}
