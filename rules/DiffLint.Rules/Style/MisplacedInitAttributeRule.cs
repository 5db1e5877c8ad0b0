using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a section attribute such as <c>__initdata</c> written before the name of a static variable.</summary>
[DiffLintRule]
public sealed class MisplacedInitAttributeRule : PatchRule
{
    private const string Documentation = """
        ## What it does
        Reports an added line that defines a static variable, `static [const] type name[...] = ...;` or `... ;`
        with a type that is not a pointer, while an `__init`, `__initdata` or `__initconst` attribute (or its
        `__mem`, `__cpu`, `__dev` and `__net_` forms) on the line is not written after the name, as kernel
        checkpatch reads it. The attribute inside a struct or union type (`static struct __initdata foo bar`) is
        an error (DL3223); elsewhere (`static int __initdata count;`, `static __initdata char buf[16];`) a
        warning (DL3222).

        ## Why it matters
        The kernel places section attributes after the declarator (`static int count __initdata;`). Before it,
        GCC may apply the attribute to the type rather than the variable, where it is ignored with a warning or,
        inside `struct`, names a struct type `__initdata`: the variable then stays in the permanent data section.

        ## Example
        ```diff
        +static int __initdata count = 4;
        +static struct __initdata bus_info info = { };
        ```
        Write `static int count __initdata = 4;` and `static struct bus_info info __initdata = { };`.

        ## Configuration
        Kernel and U-Boot profiles. The type is one checkpatch knows without reading the patch: a C type, a
        `struct`/`union`/`enum` tag, or a name it takes for a type by its spelling (`*_t`, `u32`). On
        `static foo_info __initdata info;` the script learns `foo_info` as a modifier, finds no type and says
        nothing, and neither does DiffLint.
        """;

    public static readonly RuleDescriptor Misplaced = new("DL3222", "misplaced-init-attribute", "Section attribute before the variable name",
        "{0} should be placed after {1}", "Style", Severity.Warning, Documentation, checkpatchType: "MISPLACED_INIT", profiles: ["kernel", "uboot"]);

    public static readonly RuleDescriptor InStructType = new("DL3223", "init-attribute-in-struct-type", "Section attribute inside a struct or union type",
        "{0} should be placed after {1}", "Style", Severity.Error, Documentation, checkpatchType: "MISPLACED_INIT", profiles: ["kernel", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Misplaced, InStructType];

    private static readonly string[] Attributes = RegisteredNames.Combinations(["__"], ["", "mem", "cpu", "dev", "net_"], ["init"], ["", "data", "const"]);

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, Attributes);

    private void Analyze(CTokenContext attribute)
    {
        if (!FirstOnLine.Is(IsInitAttribute, attribute.Fragment, attribute.Code, attribute.CodeIndex)) return;
        var fragment = attribute.Fragment;
        var tokens = fragment.Tokens;
        var first = fragment.Lines.ItemRef(attribute.Line).FirstToken;
        if (!fragment.Is(tokens[first], "static")) return;
        var type = TypeWords.AdjacentAfter(fragment, first);
        if (type < 0) return;
        // checkpatch's base types are tried in order, the attributed struct tag last: the first reading that a name and
        // then '=' or ';' follow is its match.
        if (!IsDefinition(fragment, type, withAttribute: false, out var declaration, out var end)
            && !IsDefinition(fragment, type, withAttribute: true, out declaration, out end))
        {
            return;
        }

        var variable = TypeWords.TextOf(fragment, declaration.Name, end);
        var inType = fragment.Is(tokens[declaration.BaseFirst], "struct") || fragment.Is(tokens[declaration.BaseFirst], "union");
        inType = inType && fragment.TextOf(tokens[declaration.BaseFirst + 1]).SequenceEqual(attribute.Text);
        attribute.Report(inType ? InStructType : Misplaced, attribute.Text.ToString(), variable);
    }

    private static bool IsInitAttribute(CFragment fragment, ReadOnlySpan<CToken> code, int index) =>
        code[index].Kind == CTokenKind.Identifier && TypeWords.IsInitAttribute(fragment.TextOf(code[index]));

    /// <summary>
    /// True when a type that is not a pointer starts at <paramref name="type"/>, then a name, an optional <c>[...]</c>
    /// right after it and <c>=</c> or <c>;</c>; <paramref name="end"/> is the name's or the bracket's last token.
    /// </summary>
    private static bool IsDefinition(CFragment fragment, int type, bool withAttribute, out LineDeclaration declaration, out int end)
    {
        end = -1;
        declaration = default;
        if (LineDeclaration.Read(fragment, type, storage: false, learnedTypes: false, withAttribute) is not { Name: >= 0 } read) return false;
        declaration = read;
        var tokens = fragment.Tokens;
        for (var t = read.TypeFirst; t <= read.TypeLast; t++)
        {
            if (tokens[t].IsSymbol('*')) return false;
        }

        end = read.Name;
        var next = TypeWords.AdjacentAfter(fragment, end);
        if (next >= 0 && tokens[next].IsSymbol('[') && !TypeWords.SpaceBetween(fragment, end))
        {
            var close = next;
            while (close < fragment.Lines.ItemRef(tokens[next].Line).EndToken && !tokens[close].IsSymbol(']')) close++;
            if (close >= tokens.Length || !tokens[close].IsSymbol(']') || tokens[close].Line != tokens[next].Line) return false;
            end = close;
            next = TypeWords.AdjacentAfter(fragment, end);
        }

        return next >= 0 && (tokens[next].IsSymbol('=') || tokens[next].IsSymbol(';'));
    }
}
