using System.Collections.Immutable;
using DiffLint.Core.Analysis;

namespace DiffLint.Rules.Api;

/// <summary>
/// Descriptors of the kernel API rules: warnings, like checkpatch's, for the kernel and U-Boot profiles (QEMU's checks
/// of the same kind are their own rules, DL40xx, with QEMU's levels and messages).
/// </summary>
internal static class KernelApiDescriptor
{
    private static readonly ImmutableArray<string> KernelProfiles = ["kernel", "uboot"];

    public static RuleDescriptor Create(string id, string name, string title, string message, string type, string documentation,
        string category = "Api") =>
        new(id, name, title, message, category, Severity.Warning, documentation, checkpatchType: type, profiles: KernelProfiles);
}
