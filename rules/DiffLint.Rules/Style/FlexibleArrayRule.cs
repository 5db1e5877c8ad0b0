using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a zero- or one-element array as the last member of a struct.</summary>
[DiffLintRule]
public sealed class FlexibleArrayRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3161",
        name: "flexible-array",
        title: "Zero- or one-element trailing array",
        messageFormat: "Use C99 flexible arrays - see https://docs.kernel.org/process/deprecated.html#zero-length-and-one-element-arrays",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "FLEXIBLE_ARRAY",
        documentation: """
            ## What it does
            Reports, on the closing `};` (or `} __packed;`) of a struct, an added last member declared as `type name[0];` or `type name[1];` (or `} name[0];` after a nested struct), as kernel checkpatch does; as there, the finding is on the brace line and only when the patch adds it. The type must be one checkpatch knows (see DL3140).

            ## Why it matters
            `[0]` is a GNU extension and `[1]` a pre-C99 trick; both defeat the compiler's bounds checking (`-fstrict-flex-arrays`, `__counted_by`) and make `sizeof` wrong for `[1]`. The kernel converted them to `[]` flexible arrays.

            ## Example
            ```diff
            +struct foo_msg {
            +	__le16 len;
            +	u8 data[0];
            +};
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterSymbolAction(Analyze, "}");

    /// <summary>A <c>}</c> that starts the line closing a struct whose added last member is a one- or zero-length array.</summary>
    private void Analyze(CTokenContext context)
    {
        var l = context.Line;
        var fragment = context.Fragment;
        if (context.CodeIndex != 0 || l == 0 || !fragment.Lines.ItemRef(l - 1).IsJudged) return;
        if (!IsStructEnd(fragment, l) || !IsZeroOrOneArray(fragment, l - 1)) return;
        // At the line's first token: a comment, if one comes before the brace.
        var first = fragment.Tokens[fragment.Lines.ItemRef(l).FirstToken];
        context.Report(Descriptor, first.Start, first.End, null);
    }

    /// <summary>The line is <c>};</c> or <c>} __packed;</c>, comments allowed.</summary>
    private static bool IsStructEnd(CFragment fragment, int line)
    {
        var at = fragment.Lines[line];
        var tokens = fragment.Tokens;
        var previous = -1;
        for (var t = at.FirstToken; t < at.EndToken; t++)
        {
            var token = tokens[t];
            if (!token.IsCode) continue;
            var fits = previous < 0
                ? token.IsSymbol('}')
                : tokens[previous].IsSymbol('}')
                    ? token.IsSymbol(';') || fragment.Is(token, "__packed")
                    : token.IsSymbol(';') && fragment.Is(tokens[previous], "__packed");
            if (!fits) return false;
            previous = t;
        }

        return previous >= 0 && tokens[previous].IsSymbol(';');
    }

    /// <summary>The line is exactly <c>type name[0|1];</c> or <c>} [__packed] name[0|1];</c>, with no comment.</summary>
    private static bool IsZeroOrOneArray(CFragment fragment, int line)
    {
        var at = fragment.Lines[line];
        if (at.TokenCount < 6) return false;
        var tokens = fragment.Tokens;
        var last = at.EndToken - 1;
        for (var t = at.FirstToken; t <= last; t++)
        {
            if (!tokens[t].IsCode) return false;
        }

        if (!tokens[last].IsSymbol(';') || !tokens[last - 1].IsSymbol(']') || !tokens[last - 3].IsSymbol('[')) return false;
        if (!fragment.Is(tokens[last - 2], "0") && !fragment.Is(tokens[last - 2], "1")) return false;
        var name = last - 4;
        if (tokens[name].Kind != CTokenKind.Identifier || name == at.FirstToken) return false;
        var before = name - 1;
        if (tokens[at.FirstToken].IsSymbol('}'))
        {
            return before == at.FirstToken || (before == at.FirstToken + 1 && fragment.Is(tokens[before], "__packed"));
        }

        return TypeWords.TypeStart(fragment, before) == at.FirstToken;
    }
}
