using DiffLint.Core.Analysis;

namespace DiffLint.Rules.Api;

/// <summary>Descriptors of the QEMU API rules: category "Api", error severity, QEMU profile only.</summary>
internal static class QemuApiDescriptor
{
    public static RuleDescriptor Create(string id, string name, string title, string message, string? qemuType, string documentation) =>
        new(id, name, title, message, "Api", Severity.Error, documentation, qemuCheckpatchType: qemuType, profiles: ["qemu"]);
}
