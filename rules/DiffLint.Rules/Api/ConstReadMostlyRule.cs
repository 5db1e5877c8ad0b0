using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;
using DiffLint.Rules.Style;

namespace DiffLint.Rules.Api;

/// <summary>Reports <c>__read_mostly</c> on a line that declares a const object that is not a pointer.</summary>
[DiffLintRule]
public sealed class ConstReadMostlyRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3221",
        name: "const-read-mostly",
        title: "__read_mostly on a const object",
        messageFormat: "Invalid use of __read_mostly with const type",
        category: "Api",
        defaultSeverity: Severity.Error,
        checkpatchType: "CONST_READ_MOSTLY",
        documentation: """
            ## What it does
            Reports `__read_mostly` on an added line whose first declaration (a type checkpatch knows, then a
            name) has a const type that does not end in `*`, as kernel checkpatch reads the line: `const int x`,
            `int const x` and `struct foo *const p` are const objects, `const char *p` is a pointer to const data
            and is left alone.

            ## Why it matters
            `__read_mostly` puts a variable in the `.data..read_mostly` section, away from data that is written
            often. A const object is never written: the compiler already puts it in `.rodata`, and the attribute
            either moves it into a writable section or causes a section type conflict.

            ## Example
            ```diff
            +static const int max_retries __read_mostly = 5;
            ```
            Drop `__read_mostly`.

            ## Configuration
            Kernel and U-Boot profiles.
            """,
        profiles: ["kernel", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "__read_mostly");

    private void Analyze(CTokenContext attribute)
    {
        if (!FirstOnLine.Is(IsReadMostly, attribute.Fragment, attribute.Code, attribute.CodeIndex)) return;
        if (FirstDeclaration(attribute.Fragment, attribute.Line) is { } declaration && declaration.IsConst(attribute.Fragment) && !declaration.IsPointer(attribute.Fragment))
            attribute.Report(Descriptor);
    }

    private static bool IsReadMostly(CFragment fragment, ReadOnlySpan<CToken> code, int index) => fragment.Is(code[index], "__read_mostly");

    /// <summary>The leftmost type followed by a name on the line (checkpatch's first match of <c>$Type\s*$Ident</c>).</summary>
    private static LineDeclaration? FirstDeclaration(CFragment fragment, int line)
    {
        ref readonly var cLine = ref fragment.Lines.ItemRef(line);
        var tokens = fragment.Tokens;
        for (var t = cLine.FirstToken; t < cLine.EndToken; t++)
        {
            if (tokens[t].Kind is not (CTokenKind.Identifier or CTokenKind.Keyword)) continue;
            if (LineDeclaration.Read(fragment, t, storage: false, learnedTypes: true) is { Name: >= 0 } declaration) return declaration;
        }

        return null;
    }
}
