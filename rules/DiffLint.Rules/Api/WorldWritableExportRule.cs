using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports a debugfs file or device attribute created writable by everyone.</summary>
[DiffLintRule]
public sealed class WorldWritableExportRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3197", "exported-world-writable", "World-writable debugfs or sysfs file",
        "Exporting world writable files is usually an error. Consider more restrictive permissions.", "EXPORTED_WORLD_WRITABLE", """
            ## What it does
            Reports a line that names a `debugfs_create_*` function or a `*DEVICE_ATTR*` macro and, after it, a
            world-writable mode: `S_IWUGO`, `S_IWOTH`, `S_IRWXUGO`, `S_IALLUGO` or a four-digit octal mode whose
            last digit grants others write (`0666`, `0222`, `0777`...). Once per line.

            ## Why it matters
            Any local user can write the file: change the device's state, inject data, or trigger code paths the
            driver never expected unprivileged callers to reach. Such files are owner-writable (`0644`, `0200`).

            ## Example
            ```diff
            +	debugfs_create_u32("level", 0666, dir, &priv->level);
            ```

            ## Configuration
            Kernel and U-Boot profiles.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterIdentifierAction(Analyze, RegisteredNames.Of("S_IWUGO", "S_IWOTH", "S_IRWXUGO", "S_IALLUGO"));
        registration.RegisterTokenAction(Analyze, CTokenKind.Number);
    }

    private void Analyze(CTokenContext mode)
    {
        if (IsWorldWritable(mode.Fragment, mode.Code, mode.CodeIndex) && FirstOnLine.Is(IsWorldWritable, mode.Fragment, mode.Code, mode.CodeIndex) && FollowsExport(mode.Fragment, mode.Code, mode.CodeIndex))
            mode.Report(Descriptor);
    }

    /// <summary>checkpatch's <c>$mode_perms_world_writable</c>: the symbolic modes, or <c>0[0-7][0-7][2367]</c> as a whole number.</summary>
    private static bool IsWorldWritable(CFragment fragment, ReadOnlySpan<CToken> code, int t)
    {
        var text = fragment.TextOf(code[t]);
        return code[t].Kind switch
        {
            CTokenKind.Identifier => text is "S_IWUGO" or "S_IWOTH" or "S_IRWXUGO" or "S_IALLUGO",
            CTokenKind.Number => text.Length == 4 && text[0] == '0' && text[1] is >= '0' and <= '7' && text[2] is >= '0' and <= '7' && text[3] is '2' or '3' or '6' or '7',
            _ => false,
        };
    }

    /// <summary>True when an identifier before <paramref name="t"/> names a debugfs file creator or a device attribute macro.</summary>
    private static bool FollowsExport(CFragment fragment, ReadOnlySpan<CToken> code, int t)
    {
        for (var before = t - 1; before >= 0; before--)
        {
            if (code[before].Kind != CTokenKind.Identifier) continue;
            var name = fragment.TextOf(code[before]);
            var at = name.IndexOf("debugfs_create_");
            if ((at >= 0 && at + "debugfs_create_".Length < name.Length) || name.Contains("DEVICE_ATTR", StringComparison.Ordinal)) return true;
        }

        return false;
    }
}
