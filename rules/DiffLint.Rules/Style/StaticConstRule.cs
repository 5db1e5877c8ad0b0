using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports <c>const static T</c> and <c>static T const</c> at the start of a line.</summary>
[DiffLintRule]
public sealed class StaticConstRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3143",
        name: "static-const",
        title: "const before static, or after the type",
        messageFormat: "Move const after static - use 'static const {0}'",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "STATIC_CONST",
        documentation: """
            ## What it does
            Reports an added line that starts with `const static` and a type, or with `static`, a base type
            (no `*`) and `const`, as kernel checkpatch does.

            ## Why it matters
            C allows the words in any order, but kernel code writes `static const T`; `const static` is
            even flagged as obsolescent by the C standard (storage class not first).

            ## Example
            ```diff
            +const static char *names[] = { "a", "b" };
            +static int const limit = 4;
            ```
            should be `static const char *names[]` and `static const int limit`.

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterIdentifierAction(Analyze, RegisteredNames.Of("const", "static"));

    private void Analyze(CTokenContext word)
    {
        var fragment = word.Fragment;
        var tokens = fragment.Tokens;
        var first = word.Index;
        ref readonly var line = ref fragment.Lines.ItemRef(word.Line);
        if (line.FirstToken != first || line.TokenCount < 3) return;
        var second = TypeWords.AdjacentAfter(fragment, first);
        if (second < 0 || !TypeWords.SpaceBetween(fragment, first)) return;
        if (fragment.Is(tokens[first], "const") && fragment.Is(tokens[second], "static"))
        {
            var type = TypeWords.AdjacentAfter(fragment, second);
            if (type < 0 || !TypeWords.SpaceBetween(fragment, second)) return;
            var end = TypeWords.TypeEnd(fragment, type);
            if (end >= 0) word.Report(Descriptor, TypeWords.TextOf(fragment, type, end));
        }
        else if (fragment.Is(tokens[first], "static"))
        {
            var type = second;
            var end = TypeWords.BaseTypeEnd(fragment, type);
            if (end < 0) return;
            var qualifier = TypeWords.AdjacentAfter(fragment, end);
            if (qualifier < 0 || !TypeWords.SpaceBetween(fragment, end) || !fragment.Is(tokens[qualifier], "const")) return;
            word.Report(Descriptor, TypeWords.TextOf(fragment, type, end));
        }
    }
}
