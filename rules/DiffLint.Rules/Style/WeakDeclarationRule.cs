using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a function declaration (not a definition) marked weak.</summary>
[DiffLintRule]
public sealed class WeakDeclarationRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3169",
        name: "weak-declaration",
        title: "Weak function declaration",
        messageFormat: "Using weak declarations can have unintended link defects",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "WEAK_DECLARATION",
        documentation: """
            ## What it does
            Reports an added line that declares a function (`type name(...);`, with at most one attribute such as `__weak` between `)` and `;`) and carries `__weak` or `__attribute__((weak))`, as kernel checkpatch does. A weak definition (with a body) is not reported.

            ## Why it matters
            A weak attribute on a declaration makes every definition the compiler sees in that unit weak, and a call may bind to the wrong one or to none (a null call) when the strong one is in a library; put `__weak` on the default definition only.

            ## Example
            ```diff
            +int __weak arch_foo_setup(struct foo *foo);
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterIdentifierAction(Analyze, RegisteredNames.Of("__weak", "weak"));

    /// <summary>A weak word: the line is judged at the word that makes it weak.</summary>
    private void Analyze(CTokenContext word)
    {
        var fragment = word.Fragment;
        ref readonly var line = ref fragment.Lines.ItemRef(word.Line);
        if (WeakWord(fragment, line) != word.Index) return;
        for (var t = line.FirstToken + 2; t < line.EndToken; t++)
        {
            if (!fragment.Tokens[t].IsSymbol('(') || !IsDeclaration(fragment, t)) continue;
            word.Source.Report(Descriptor, fragment, fragment.Tokens[line.FirstToken]);
            return;
        }
    }

    /// <summary>The first <c>__weak</c> of the line, or the first <c>weak</c> after <c>__attribute__((</c>; -1 when it has neither.</summary>
    private static int WeakWord(CFragment fragment, in CLine line)
    {
        var tokens = fragment.Tokens;
        var attribute = false;
        for (var t = line.FirstToken; t < line.EndToken; t++)
        {
            if (fragment.Is(tokens[t], "__weak")) return t;
            if (attribute && fragment.Is(tokens[t], "weak")) return t;
            if (fragment.Is(tokens[t], "__attribute__") && t + 2 < line.EndToken && tokens[t + 1].IsSymbol('(') && tokens[t + 2].IsSymbol('(')) attribute = true;
        }

        return -1;
    }

    /// <summary>A type, a name and the parameter list at <paramref name="open"/>, then at most one attribute and <c>;</c>.</summary>
    private static bool IsDeclaration(CFragment fragment, int open)
    {
        var tokens = fragment.Tokens;
        var close = fragment.Structure.MatchOf(open);
        if (close < 0 || tokens[close].Line != tokens[open].Line) return false;
        var end = TypeWords.AdjacentAfter(fragment, close);
        if (end >= 0 && tokens[end].Kind is CTokenKind.Identifier or CTokenKind.Keyword && TypeWords.IsAttribute(fragment.TextOf(tokens[end])))
        {
            end = TypeWords.AdjacentAfter(fragment, end);
        }

        if (end < 0 || !tokens[end].IsSymbol(';')) return false;
        var name = TypeWords.Adjacent(fragment, open);
        if (name < 0 || tokens[name].Kind != CTokenKind.Identifier) return false;
        var typeEnd = TypeWords.Adjacent(fragment, name);
        return typeEnd >= 0 && TypeWords.TypeStart(fragment, typeEnd) >= 0;
    }
}
