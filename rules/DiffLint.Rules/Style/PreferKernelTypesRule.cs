using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a declaration with a C99 fixed-width type (<c>uint8_t</c>) where the kernel spells it <c>u8</c>.</summary>
[DiffLintRule]
public sealed class PreferKernelTypesRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3101",
        name: "prefer-kernel-types",
        title: "C99 fixed-width type instead of the kernel's",
        messageFormat: "Prefer kernel type '{0}' over '{1}'",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "PREFER_KERNEL_TYPES",
        documentation: """
            ## What it does
            Reports the first declaration on an added line, `type name` followed by `=`, `;`, `,` or `[`, whose type
            is a C99 fixed-width typedef (`uint8_t`, `int32_t`, `u_int16_t`, `__uint64_t`): the kernel has `u8`,
            `s32`, `u16`, `u64`. As in checkpatch, only the leftmost declaration of the line is looked at, and files
            under `include/uapi/` and `tools/` (shared with user space) are left alone.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            The kernel's own short names are what its code and reviewers use; mixing both makes code harder to grep.

            ## Example
            ```diff
            +	uint32_t val = readl(base + REG_STATUS);
            ```
            should use `u32`.

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    /// <summary>The spellings <see cref="TypedefNames.IsC99FixedWidth"/> accepts: <c>[__][u|s[_]]int[_](8|16|32|64)_t</c>.</summary>
    private static readonly string[] C99FixedWidthNames =
        RegisteredNames.Combinations(["", "__"], ["", "u", "s", "u_", "s_"], ["int", "int_"], ["8", "16", "32", "64"], ["_t"]);

    // A line can only be reported for a C99 name on it, so the rule is called on those names alone: most lines have none.
    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, C99FixedWidthNames);

    /// <summary>The first declaration of the line, when its type is a C99 fixed-width one.</summary>
    private void Analyze(CTokenContext name)
    {
        var fragment = name.Fragment;
        var tokens = fragment.Tokens;
        ref readonly var line = ref fragment.Lines.ItemRef(name.Line);
        // Once a line: the line's first C99 name reads the line. Looking back stops at the nearest one, so a line of
        // many costs linear time.
        for (var t = name.Index - 1; t >= line.FirstToken; t--)
        {
            if (IsC99FixedWidth(fragment, tokens[t])) return;
        }

        var end = line.EndToken;
        for (var s = line.FirstToken; s < end; s++)
        {
            if (!CDeclarationShape.IsWord(tokens[s]) || (s > line.FirstToken && IsWordJoined(fragment, s))) continue;
            var typeEnd = CDeclarationShape.TypeEnd(fragment, s, end);
            if (typeEnd < 0 || typeEnd + 1 >= end || !CDeclarationShape.IsWord(tokens[typeEnd])) continue;
            var after = tokens[typeEnd + 1];
            if (!(after.First is '=' or ';' or ',' or '[' && after.Kind is CTokenKind.Punctuation or CTokenKind.Operator)) continue;
            for (var t = s; t < typeEnd; t++)
            {
                if (!IsC99FixedWidth(fragment, tokens[t])) continue;
                var path = name.Source.File.Path;
                var word = fragment.TextOf(tokens[t]);
                if (!path.Contains("include/uapi/", StringComparison.Ordinal) && !IsToolsPath(path))
                    name.Source.Report(Descriptor, fragment, tokens[t], KernelName(word), word.ToString());
                break;
            }

            break;
        }
    }

    private static bool IsC99FixedWidth(CFragment fragment, in CToken token) =>
        token.Kind == CTokenKind.Identifier && TypedefNames.IsC99FixedWidth(fragment.TextOf(token));

    /// <summary>checkpatch's <c>\btools/</c>: a <c>tools/</c> directory anywhere in the path.</summary>
    private static bool IsToolsPath(string path)
    {
        var at = path.IndexOf("tools/", StringComparison.Ordinal);
        while (at >= 0)
        {
            if (at == 0 || !(char.IsAsciiLetterOrDigit(path[at - 1]) || path[at - 1] == '_')) return true;
            at = path.IndexOf("tools/", at + 1, StringComparison.Ordinal);
        }

        return false;
    }

    /// <summary>The token follows a <c>##</c> or a member access, so it cannot start a declaration.</summary>
    private static bool IsWordJoined(CFragment fragment, int index)
    {
        var previous = fragment.Tokens[index - 1];
        return previous.Kind == CTokenKind.Operator && (fragment.Is(previous, "->") || fragment.Is(previous, ".") || fragment.Is(previous, "##"));
    }

    /// <summary><c>u8</c> for <c>uint8_t</c>, <c>s32</c> for <c>int32_t</c>, as checkpatch names them.</summary>
    private static string KernelName(ReadOnlySpan<char> c99)
    {
        var trimmed = c99.TrimStart('_');
        var sign = trimmed.Length > 0 && trimmed[0] is 's' or 'i' ? "s" : "u";
        var digits = c99[c99.IndexOfAny(AsciiDigits.Decimal)..];
        return sign + digits[..digits.IndexOf('_')].ToString();
    }
}
