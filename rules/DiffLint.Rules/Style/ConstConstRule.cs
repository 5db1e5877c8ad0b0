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

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "const");

    /// <summary><c>const type const</c>, at the first <c>const</c> of the line that starts one.</summary>
    private void Analyze(CTokenContext context)
    {
        var fragment = context.Fragment;
        var t = context.Index;
        if (!IsConstTypeConst(fragment, t, out var type, out var end, out var second)) return;
        for (var earlier = t - 1; earlier >= fragment.Lines.ItemRef(context.Line).FirstToken; earlier--)
        {
            if (fragment.Is(fragment.Tokens[earlier], "const") && IsConstTypeConst(fragment, earlier, out _, out _, out _)) return;
        }

        var found = TypeWords.TextOf(fragment, type, end);
        var after = TypeWords.AdjacentAfter(fragment, second);
        if (after >= 0 && fragment.Tokens[after].IsSymbol('*'))
            context.Report(Descriptor, $"const {found} const *", $"const {found} * const");
        else if (!IsArrayName(fragment, after))
            context.Report(Descriptor, $"const {found} const", $"const {found}");
    }

    /// <summary>
    /// The <c>const</c> at <paramref name="first"/> is followed, a blank apart each, by a base type
    /// (<paramref name="type"/> to <paramref name="end"/>) and a second <c>const</c> at <paramref name="second"/>.
    /// </summary>
    private static bool IsConstTypeConst(CFragment fragment, int first, out int type, out int end, out int second)
    {
        end = second = -1;
        type = TypeWords.AdjacentAfter(fragment, first);
        if (type < 0 || !TypeWords.SpaceBetween(fragment, first)) return false;
        end = TypeWords.BaseTypeEnd(fragment, type);
        if (end < 0) return false;
        second = TypeWords.AdjacentAfter(fragment, end);
        return second >= 0 && TypeWords.SpaceBetween(fragment, end) && fragment.Is(fragment.Tokens[second], "const");
    }

    /// <summary>Token <paramref name="name"/> is a name followed by <c>[</c>.</summary>
    private static bool IsArrayName(CFragment fragment, int name)
    {
        if (name < 0 || fragment.Tokens[name].Kind != CTokenKind.Identifier) return false;
        var bracket = TypeWords.AdjacentAfter(fragment, name);
        return bracket >= 0 && fragment.Tokens[bracket].IsSymbol('[');
    }
}
