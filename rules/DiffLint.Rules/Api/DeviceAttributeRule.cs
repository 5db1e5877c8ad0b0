using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Api;

/// <summary>
/// Reads <c>DEVICE_ATTR(name, mode, show, store)</c>: the <c>DEVICE_ATTR_RW/RO/WO()</c> forms it could be written as,
/// callbacks not named <c>name_show</c>/<c>name_store</c>, and modes other than 0644, 0444 and 0200.
/// </summary>
[DiffLintRule]
public sealed class DeviceAttributeRule : PatchRule
{
    private const string Documentation = """
        ## What it does
        Reads a `DEVICE_ATTR(name, mode, show, store)` written on one line, at the start of its statement, with
        the mode in octal (`0644`) or as `S_I*` constants joined by `|`, and reports, as checkpatch does:
        - DL3200: mode 0644 with callbacks `name_show` and `name_store`: write `DEVICE_ATTR_RW(name)`;
        - DL3201: mode 0444 with `name_show` and no store: `DEVICE_ATTR_RO(name)`;
        - DL3202: mode 0200 with no show and `name_store`: `DEVICE_ATTR_WO(name)`;
        - DL3203: one of those modes but callbacks named otherwise: the renames that would allow the short form;
        - DL3204: any other mode.

        ## Why it matters
        The short forms tie the file's mode to the callbacks it has, so a read-only attribute cannot be made
        writable without a store function, and every attribute reads the same way. Sysfs files are readable by
        all and writable by root (0644), read-only (0444) or write-only (0200); other modes need a reason.

        ## Example
        ```diff
        +static DEVICE_ATTR(timeout, 0644, timeout_show, timeout_store);
        ```
        Write `static DEVICE_ATTR_RW(timeout);`.

        ## Configuration
        Kernel and U-Boot profiles.
        """;

    public static readonly RuleDescriptor ReadWrite = KernelApiDescriptor.Create("DL3200", "device-attr-rw", "DEVICE_ATTR() that is DEVICE_ATTR_RW()",
        "Use DEVICE_ATTR_RW", "DEVICE_ATTR_RW", Documentation);

    public static readonly RuleDescriptor ReadOnly = KernelApiDescriptor.Create("DL3201", "device-attr-ro", "DEVICE_ATTR() that is DEVICE_ATTR_RO()",
        "Use DEVICE_ATTR_RO", "DEVICE_ATTR_RO", Documentation);

    public static readonly RuleDescriptor WriteOnly = KernelApiDescriptor.Create("DL3202", "device-attr-wo", "DEVICE_ATTR() that is DEVICE_ATTR_WO()",
        "Use DEVICE_ATTR_WO", "DEVICE_ATTR_WO", Documentation);

    public static readonly RuleDescriptor Functions = KernelApiDescriptor.Create("DL3203", "device-attr-functions", "DEVICE_ATTR() callbacks named unusually",
        "Consider renaming function(s){0}", "DEVICE_ATTR_FUNCTIONS", Documentation);

    public static readonly RuleDescriptor Permissions = KernelApiDescriptor.Create("DL3204", "device-attr-perms", "DEVICE_ATTR() with unusual permissions",
        "DEVICE_ATTR unusual permissions '{0}' used", "DEVICE_ATTR_PERMS", Documentation);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [ReadWrite, ReadOnly, WriteOnly, Functions, Permissions];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "DEVICE_ATTR");

    private void Analyze(CTokenContext macro)
    {
        var fragment = macro.Fragment;
        var code = macro.Code;
        var t = macro.CodeIndex + 2;
        // Not a call to CallSyntax: "static DEVICE_ATTR(" reads as a declaration, which this macro makes.
        if (t >= code.Length || !code[t - 1].IsSymbol('(') || !StartsStatement(macro) || !Word(fragment, code, ref t, out var name) || !Comma(code, ref t)) return;
        var parenthesised = t < code.Length && code[t].IsSymbol('(');
        if (parenthesised) t++;
        var modeStart = t;
        if (Mode(fragment, code, ref t) is not { } mode) return;
        var modeText = macro.Fragment.Lines.ItemRef(code[modeStart].Line).Text[code[modeStart].Start..code[t - 1].End].ToString();
        if (parenthesised && t < code.Length && code[t].IsSymbol(')')) t++;
        if (!Comma(code, ref t) || !Word(fragment, code, ref t, out var show) || !Comma(code, ref t) || !Word(fragment, code, ref t, out var store)
            || t >= code.Length || !code[t].IsSymbol(')'))
            return;

        var showName = name + "_show";
        var storeName = name + "_store";
        if (show == showName && store == storeName && mode == "0644") macro.Report(ReadWrite);
        else if (show == showName && store == "NULL" && mode == "0444") macro.Report(ReadOnly);
        else if (show == "NULL" && store == storeName && mode == "0200") macro.Report(WriteOnly);
        else if (mode is "0644" or "0444" or "0200")
        {
            var rename = "";
            if (show != "NULL" && show != showName) rename += $" '{show}' to '{showName}'";
            if (store != "NULL" && store != storeName) rename += $" '{store}' to '{storeName}'";
            macro.Report(Functions, rename);
        }
        else
        {
            macro.Report(Permissions, modeText);
        }
    }

    /// <summary>checkpatch reads the statement that starts on the line: the tokens before the macro are its storage words only.</summary>
    private static bool StartsStatement(CTokenContext macro)
    {
        for (var t = 0; t < macro.CodeIndex; t++)
        {
            if (macro.Code[t].Kind != CTokenKind.Keyword) return false;
        }

        return StatementStart.IsOnLineOf(macro.Fragment, macro.Index, macro.CodeIndex);
    }

    private static bool Word(CFragment fragment, ReadOnlySpan<CToken> code, ref int t, out string word)
    {
        word = "";
        if (t >= code.Length || code[t].Kind != CTokenKind.Identifier) return false;
        word = fragment.TextOf(code[t++]).ToString();
        return true;
    }

    private static bool Comma(ReadOnlySpan<CToken> code, ref int t)
    {
        if (t >= code.Length || !code[t].IsSymbol(',')) return false;
        t++;
        return true;
    }

    /// <summary>A three-digit octal mode (<c>0644</c>) or <c>S_I*</c> constants joined by <c>|</c>, as four octal digits; null when neither.</summary>
    private static string? Mode(CFragment fragment, ReadOnlySpan<CToken> code, ref int t)
    {
        if (t >= code.Length) return null;
        if (code[t].Kind == CTokenKind.Number)
        {
            var digits = fragment.TextOf(code[t]);
            if (digits.Length != 4 || digits[0] != '0' || digits[1..].ContainsAnyExcept(AsciiDigits.Octal)) return null;
            t++;
            return digits.ToString();
        }

        if (!SymbolicPermissionsRule.IsMode(fragment, code[t], out var mode)) return null;
        t++;
        while (t + 1 < code.Length && code[t].IsSymbol('|') && SymbolicPermissionsRule.IsMode(fragment, code[t + 1], out var more))
        {
            mode |= more;
            t += 2;
        }

        return "0" + Convert.ToString(mode, 8).PadLeft(3, '0');
    }
}
