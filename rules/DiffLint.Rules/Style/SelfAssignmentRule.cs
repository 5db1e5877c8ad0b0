using System.Collections.Immutable;
using System.Text.RegularExpressions;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports <c>x = x;</c> written to silence a compiler warning.</summary>
[DiffLintRule]
public sealed class SelfAssignmentRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3162",
        name: "self-assignment",
        title: "Variable assigned to itself",
        messageFormat: "Do not use self-assignments to avoid compiler warnings",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "SELF_ASSIGNMENT",
        documentation: """
            ## What it does
            Reports an added line that starts, after an optional declaration type, with `x = x` (or `x = *(&x)`) followed by `;` or `,`, as kernel checkpatch does.

            ## Why it matters
            `int ret = ret;` was the old way to hush "may be used uninitialized"; it hides real bugs of that kind and newer compilers warn about it anyway.

            ## Example
            ```diff
            +	int ret = ret;
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterSymbolAction(Analyze, "=");

    private void Analyze(CTokenContext assign)
    {
        var fragment = assign.Fragment;
        var tokens = fragment.Tokens;
        var name = TypeWords.Adjacent(fragment, assign.Index);
        if (name < 0 || tokens[name].Kind != CTokenKind.Identifier) return;
        var end = SelfValueEnd(fragment, TypeWords.AdjacentAfter(fragment, assign.Index), fragment.TextOf(tokens[name]));
        if (end < 0) return;
        var after = TypeWords.AdjacentAfter(fragment, end);
        if (after < 0 || !(tokens[after].IsSymbol(';') || tokens[after].IsSymbol(','))) return;
        // Checked last: reading the declaration before the name costs more than the rest.
        ref readonly var line = ref fragment.Lines.ItemRef(assign.Line);
        if (line.TokenCount < 4 || AfterDeclaration(fragment, line.FirstToken) != name) return;
        assign.Source.Report(Descriptor, fragment, tokens[name]);
    }

    /// <summary>
    /// The token after the storage class, inline word and type that start the line at <paramref name="first"/>, or
    /// <paramref name="first"/> when the line does not start with a type.
    /// </summary>
    private static int AfterDeclaration(CFragment fragment, int first)
    {
        var tokens = fragment.Tokens;
        var at = first;
        if (IsWord(fragment, at, TypeWords.IsStorage))
        {
            at = TypeWords.AdjacentAfter(fragment, at);
            if (at >= 0 && IsWord(fragment, at, TypeWords.IsInline)) at = TypeWords.AdjacentAfter(fragment, at);
            if (at < 0) return -1;
        }

        var typeEnd = TypeWords.TypeEnd(fragment, at);
        if (typeEnd < 0) return at == first ? first : -1;
        return TypeWords.AdjacentAfter(fragment, typeEnd);
    }

    private static bool IsWord(CFragment fragment, int at, Func<ReadOnlySpan<char>, bool> test)
    {
        var token = fragment.Tokens[at];
        return token.Kind is CTokenKind.Keyword or CTokenKind.Identifier && test(fragment.TextOf(token));
    }

    /// <summary>The last token of <c>name</c> or <c>*(&amp;name)</c> (parentheses optional) starting at <paramref name="at"/>; -1 if neither.</summary>
    private static int SelfValueEnd(CFragment fragment, int at, ReadOnlySpan<char> name)
    {
        if (at < 0) return -1;
        var tokens = fragment.Tokens;
        if (tokens[at].Kind == CTokenKind.Identifier) return fragment.TextOf(tokens[at]).SequenceEqual(name) ? at : -1;
        if (!tokens[at].IsSymbol('*')) return -1;
        var opened = 0;
        at = TypeWords.AdjacentAfter(fragment, at);
        if (at >= 0 && tokens[at].IsSymbol('('))
        {
            opened++;
            at = TypeWords.AdjacentAfter(fragment, at);
        }

        if (at < 0 || !tokens[at].IsSymbol('&')) return -1;
        at = TypeWords.AdjacentAfter(fragment, at);
        if (at >= 0 && tokens[at].IsSymbol('('))
        {
            opened++;
            at = TypeWords.AdjacentAfter(fragment, at);
        }

        if (at < 0 || tokens[at].Kind != CTokenKind.Identifier || !fragment.TextOf(tokens[at]).SequenceEqual(name)) return -1;
        for (var closed = 0; closed < opened; closed++)
        {
            var next = TypeWords.AdjacentAfter(fragment, at);
            if (next < 0 || !tokens[next].IsSymbol(')')) break;
            at = next;
        }

        return at;
    }
}
