using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>Reports a file mode written in decimal, or in octal without four digits, where a sysfs, debugfs, procfs or module parameter file is made.</summary>
[DiffLintRule]
public sealed class DecimalPermissionsRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new("DL3219", "non-octal-permissions", "File mode not in four-digit octal",
        "Use 4 digit octal (0777) not decimal permissions", "Api", Severity.Error, """
            ## What it does
            Reads the mode argument of `module_param()` (third), `module_param_array/named/string()` (fourth),
            `module_param_array_named()` (fifth), `debugfs_create_file/u8/.../bool/blob/regset32/u32_array()`,
            `proc_create()`, `proc_create_data()`, `CLASS_ATTR()`, `DEVICE_ATTR()`, `SENSOR_ATTR()`,
            `SENSOR_DEVICE_ATTR()`, `IIO_DEVICE_ATTR()`, `SENSOR_ATTR_2()`, `SENSOR_DEVICE_ATTR_2()` and `__ATTR()`
            (second), and `SENSOR_TEMPLATE()`/`SENSOR_TEMPLATE_2()` (third), on the line where the statement starts,
            and reports a decimal number (`644`) or an octal one without four digits (`00644`, `064`). A mode of `0`
            passed to `module_param*()` or `proc_create*()` means the default and is left alone. (checkpatch also
            reads the `IIO_DEV_ATTR_*` family, with the mode first; DiffLint does not yet.)

            ## Why it matters
            `644` in decimal is `01204` in octal: sticky bit and odd permissions instead of `rw-r--r--`. Modes are
            written as four octal digits so that the leading zero cannot be lost.

            ## Example
            ```diff
            +module_param(debug, int, 644);
            ```
            Write `0644`.

            ## Configuration
            Kernel and U-Boot profiles.
            """, checkpatchType: "NON_OCTAL_PERMISSIONS", profiles: ["kernel", "uboot"]);

    /// <summary>checkpatch's <c>@mode_permission_funcs</c>: each name and the 1-based position of its mode argument.</summary>
    private static readonly Dictionary<string, int> ModeArgument = new(StringComparer.Ordinal)
    {
        ["module_param"] = 3, ["module_param_array"] = 4, ["module_param_named"] = 4, ["module_param_string"] = 4,
        ["module_param_array_named"] = 5,
        ["debugfs_create_file"] = 2, ["debugfs_create_u8"] = 2, ["debugfs_create_u16"] = 2, ["debugfs_create_u32"] = 2,
        ["debugfs_create_u64"] = 2, ["debugfs_create_x8"] = 2, ["debugfs_create_x16"] = 2, ["debugfs_create_x32"] = 2,
        ["debugfs_create_x64"] = 2, ["debugfs_create_size_t"] = 2, ["debugfs_create_atomic_t"] = 2, ["debugfs_create_bool"] = 2,
        ["debugfs_create_blob"] = 2, ["debugfs_create_regset32"] = 2, ["debugfs_create_u32_array"] = 2,
        ["proc_create"] = 2, ["proc_create_data"] = 2,
        ["CLASS_ATTR"] = 2, ["DEVICE_ATTR"] = 2, ["SENSOR_ATTR"] = 2, ["SENSOR_DEVICE_ATTR"] = 2, ["IIO_DEVICE_ATTR"] = 2,
        ["SENSOR_ATTR_2"] = 2, ["SENSOR_DEVICE_ATTR_2"] = 2, ["SENSOR_TEMPLATE"] = 3, ["SENSOR_TEMPLATE_2"] = 3, ["__ATTR"] = 2,
    };

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> ModeArgumentOf = ModeArgument.GetAlternateLookup<ReadOnlySpan<char>>();

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterIdentifierAction(Analyze, RegisteredNames.KeysOf(ModeArgument));

    private void Analyze(CTokenContext name)
    {
        var fragment = name.Fragment;
        var code = name.Code;
        var t = name.CodeIndex + 1;
        if (t >= code.Length || !code[t].IsSymbol('(') || !StatementStart.IsOnLineOf(fragment, name.Index, name.CodeIndex)) return;
        t++;
        for (var skip = ModeArgumentOf[name.Text] - 1; skip > 0; skip--)
        {
            t = FunctionArguments.End(fragment, code, t);
            if (t < 0 || t >= code.Length || !code[t].IsSymbol(',')) return;
            t++;
        }

        if (t + 1 >= code.Length || code[t].Kind != CTokenKind.Number || !(code[t + 1].IsSymbol(',') || code[t + 1].IsSymbol(')'))) return;
        var mode = name.TextOf(code[t]).TrimEnd("uUlL");
        if (mode.IsEmpty || mode.ContainsAnyExcept(AsciiDigits.Decimal)) return;
        var isDefault = mode is "0" && (name.Text.StartsWith("module_param") || name.Text.StartsWith("proc_create"));
        var isOctal = mode.Length >= 2 && mode[0] == '0' && !mode.ContainsAnyExcept(AsciiDigits.Octal);
        if (!isDefault && (!isOctal || mode.Length != 4)) name.Report(Descriptor);
    }
}
