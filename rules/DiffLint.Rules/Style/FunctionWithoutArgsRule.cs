using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a function declared or defined with an empty parameter list: <c>int foo()</c>.</summary>
[DiffLintRule]
public sealed class FunctionWithoutArgsRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3140",
        name: "function-without-args",
        title: "Function declared with ()",
        messageFormat: "Bad function definition - {0}() should probably be {0}(void)",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "FUNCTION_WITHOUT_ARGS",
        documentation: """
            ## What it does
            Reports a type followed by a name and `()` on one added line: a declaration or definition of a
            function with an empty parameter list. The type is one kernel checkpatch knows (C's arithmetic
            words, `void`, `bool`, `struct`/`union`/`enum` tags, `*_t` names, `u8`..`__le64`, with qualifiers,
            annotations and `*`s); a comment inside `( )` hides the list, as it does for checkpatch.

            ## Why it matters
            In C before C23, `int foo()` declares a function whose arguments are not checked at all; `int foo(void)`
            says it takes none, so a wrong call is a compile error.

            ## Example
            ```diff
            +static int foo_probe()
            ```
            should be `static int foo_probe(void)`.

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterSymbolAction(Analyze, "(");

    private void Analyze(CTokenContext open)
    {
        var fragment = open.Fragment;
        var tokens = fragment.Tokens;
        var t = open.Index;
        if (t < 2 || t + 1 >= tokens.Length || !tokens[t + 1].IsSymbol(')') || tokens[t + 1].Line != tokens[t].Line) return;
        var name = TypeWords.Adjacent(fragment, t);
        if (name < 0 || tokens[name].Kind != CTokenKind.Identifier) return;
        var typeEnd = TypeWords.Adjacent(fragment, name);
        if (typeEnd < 0) return;
        var typeStart = TypeWords.TypeStart(fragment, typeEnd);
        if (typeStart < 0) return;
        open.Source.Report(Descriptor, fragment, tokens[name], TypeWords.TextOf(fragment, typeStart, name));
    }
}
