using DiffLint.Core.Analysis;

namespace DiffLint.Rules.Api;

/// <summary>Descriptors of the QEMU API rules: category "Api", error severity unless told, QEMU profile only.</summary>
internal static class QemuApiDescriptor
{
    public static RuleDescriptor Create(string id, string name, string title, string message, string? qemuType, string documentation,
        Severity severity = Severity.Error) =>
        new(id, name, title, message, "Api", severity, documentation, qemuCheckpatchType: qemuType, profiles: ["qemu"]);
}
