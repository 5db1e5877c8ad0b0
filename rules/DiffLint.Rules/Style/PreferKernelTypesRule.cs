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

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        var path = context.File.Path;
        if (path.Contains("include/uapi/", StringComparison.Ordinal) || IsToolsPath(path)) return;
        foreach (var fragment in context.Fragments)
        {
            var tokens = fragment.Tokens;
            for (var l = 0; l < fragment.Lines.Length; l++)
            {
                var line = fragment.Lines[l];
                if (!line.IsJudged) continue;
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
                        var word = fragment.TextOf(tokens[t]);
                        if (tokens[t].Kind != CTokenKind.Identifier || !CDeclarationShape.IsC99FixedWidth(word)) continue;
                        context.Report(Descriptor, fragment, tokens[t], KernelName(word), word.ToString());
                        break;
                    }

                    break;
                }
            }
        }
    }

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
        var digits = c99[c99.IndexOfAnyInRange('0', '9')..];
        return sign + digits[..digits.IndexOf('_')].ToString();
    }
}
