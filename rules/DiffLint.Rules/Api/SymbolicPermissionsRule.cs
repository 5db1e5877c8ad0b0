using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>S_IRUSR | S_IWUSR</c>-style permissions, which the kernel writes in octal.</summary>
[DiffLintRule]
public sealed class SymbolicPermissionsRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = KernelApiDescriptor.Create("DL3076", "symbolic-permissions", "Symbolic file permissions",
        "Symbolic permissions '{0}' are not preferred. Consider using octal permissions '{1}'.", "SYMBOLIC_PERMS", """
            ## What it does
            Reports a run of permission constants joined by `|` on one line (`S_IRUGO`, `S_IWUSR | S_IRUSR`...) and
            gives its octal value. The constants are the sixteen `S_I[RWX]{USR,GRP,OTH}`, `S_IRWX[UGO]` and
            `S_I[RWX]UGO` names; file-type bits such as `S_IFREG` are not permissions and end a run.

            ## Why it matters
            Readers decode `0644` at a glance; `S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH` takes a table. Linus asked
            for octal in 2016 and the kernel converted its sysfs and debugfs modes.

            ## Example
            ```diff
            +	debugfs_create_u32("level", S_IRUSR | S_IWUSR, dir, &level);
            ```
            Write `0600`.

            ## Configuration
            Kernel and U-Boot profiles.
            """, category: "Style");

    // A Dictionary, not a FrozenDictionary: see ApiUseTable.
    private static readonly Dictionary<string, int> Modes =
        new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["S_IRWXU"] = 0x1C0, ["S_IRUSR"] = 0x100, ["S_IWUSR"] = 0x80, ["S_IXUSR"] = 0x40,
            ["S_IRWXG"] = 0x38, ["S_IRGRP"] = 0x20, ["S_IWGRP"] = 0x10, ["S_IXGRP"] = 0x8,
            ["S_IRWXO"] = 0x7, ["S_IROTH"] = 0x4, ["S_IWOTH"] = 0x2, ["S_IXOTH"] = 0x1,
            ["S_IRWXUGO"] = 0x1FF, ["S_IRUGO"] = 0x124, ["S_IWUGO"] = 0x92, ["S_IXUGO"] = 0x49,
        };

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> ModeLookup = Modes.GetAlternateLookup<ReadOnlySpan<char>>();

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, RegisteredNames.KeysOf(Modes));

    /// <summary>Reports the run of modes joined by <c>|</c> that starts at the mode, unless the mode goes on a run before it.</summary>
    private void Analyze(CTokenContext name)
    {
        var fragment = name.Fragment;
        var code = name.Code;
        var t = name.CodeIndex;
        if (!IsMode(fragment, code[t], out var mode) || (t >= 2 && code[t - 1].IsSymbol('|') && IsMode(fragment, code[t - 2], out _))) return;
        var last = t;
        while (last + 2 < code.Length && code[last + 1].IsSymbol('|') && IsMode(fragment, code[last + 2], out var more))
        {
            mode |= more;
            last += 2;
        }

        var text = name.LineText[code[t].Start..code[last].End].ToString();
        name.Report(Descriptor, text, Convert.ToString(mode, 8).PadLeft(4, '0'));
    }

    internal static bool IsMode(CFragment fragment, in CToken token, out int mode)
    {
        mode = 0;
        return token.Kind == CTokenKind.Identifier && ModeLookup.TryGetValue(fragment.TextOf(token), out mode);
    }
}
