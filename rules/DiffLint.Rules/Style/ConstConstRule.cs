using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports <c>const T const</c>, where the second <c>const</c> repeats the first.</summary>
[DiffLintRule]
public sealed class ConstConstRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3147",
        name: "const-const",
        title: "const written twice on one type",
        messageFormat: "'{0}' should probably be '{1}'",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "CONST_CONST",
        documentation: """
            ## What it does
            Reports `const`, a base type and `const` again on an added line. When a `*` follows, the second
            `const` was probably meant for the pointer (`const char * const`); otherwise it is a duplicate, except
            before an array name (`const u8 const tbl[...]`), which kernel checkpatch leaves alone.

            ## Why it matters
            The repeated qualifier does nothing, and when the pointer itself was meant to be constant it is not.

            ## Example
            ```diff
            +static const char const *names[] = { "a", "b" };
            ```
            should be `static const char * const names[]`.

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        foreach (var fragment in context.Fragments)
        {
            var tokens = fragment.Tokens;
            foreach (var line in fragment.Lines)
            {
                if (!line.IsJudged) continue;
                for (var t = line.FirstToken; t < line.EndToken; t++)
                {
                    if (!fragment.Is(tokens[t], "const")) continue;
                    var type = TypeWords.AdjacentAfter(fragment, t);
                    if (type < 0 || !TypeWords.SpaceBetween(fragment, t)) continue;
                    var end = TypeWords.BaseTypeEnd(fragment, type);
                    if (end < 0) continue;
                    var second = TypeWords.AdjacentAfter(fragment, end);
                    if (second < 0 || !TypeWords.SpaceBetween(fragment, end) || !fragment.Is(tokens[second], "const")) continue;
                    var found = TypeWords.TextOf(fragment, type, end);
                    var after = TypeWords.AdjacentAfter(fragment, second);
                    if (after >= 0 && tokens[after].IsSymbol('*'))
                    {
                        context.Report(Descriptor, fragment, tokens[t], $"const {found} const *", $"const {found} * const");
                    }
                    else if (!IsArrayName(fragment, after))
                    {
                        context.Report(Descriptor, fragment, tokens[t], $"const {found} const", $"const {found}");
                    }

                    break;
                }
            }
        }
    }

    /// <summary>Token <paramref name="name"/> is a name followed by <c>[</c>.</summary>
    private static bool IsArrayName(CFragment fragment, int name)
    {
        if (name < 0 || fragment.Tokens[name].Kind != CTokenKind.Identifier) return false;
        var bracket = TypeWords.AdjacentAfter(fragment, name);
        return bracket >= 0 && fragment.Tokens[bracket].IsSymbol('[');
    }
}
