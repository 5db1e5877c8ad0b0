using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports <c>long int</c>, <c>unsigned long long int</c> and the like, whose <c>int</c> adds nothing.</summary>
[DiffLintRule]
public sealed class UnnecessaryIntRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3142",
        name: "unnecessary-int",
        title: "Redundant int in a long type",
        messageFormat: "Prefer '{0}' over '{1}' as the int is unnecessary",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "UNNECESSARY_INT",
        documentation: """
            ## What it does
            Reports, on added lines, an integer type written with `int` and `long` (`long int`, `unsigned long int`, `long long int`, `int long unsigned`), as kernel checkpatch does: its C90 type list has no `short int`, so that one is left alone too. The message gives the short spelling.

            ## Why it matters
            Kernel code writes `long`, `unsigned long`, `long long`: the `int` is implied and only makes the line longer.

            ## Example
            ```diff
            +static unsigned long int foo_mask;
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterIdentifierAction(Analyze, RegisteredNames.Of("char", "short", "int", "long", "signed", "unsigned"));

    /// <summary>An integer type word: the first of a run of them, which is read as checkpatch reads it.</summary>
    private void Analyze(CTokenContext word)
    {
        var fragment = word.Fragment;
        var t = word.Index;
        var last = IntegerTypeRuns.RunEnd(fragment, t);
        // One word alone is never misordered and never has both int and a size; nor is a run without both words.
        if (last <= t || !HasIntAndSize(fragment, t, last)) return;
        var run = IntegerTypeRuns.RunText(fragment, t, last);
        for (var match = IntegerTypeRuns.AnyIntegerType.Match(run); match.Success; match = match.NextMatch())
        {
            var type = match.Value.Trim();
            if (!HasWord(type, "int") || !(HasWord(type, "long") || HasWord(type, "short"))) continue;
            word.Report(Descriptor, ShortSpelling(type), type);
        }
    }

    /// <summary>The run <paramref name="first"/>..<paramref name="last"/> has the word <c>int</c> and <c>long</c> or <c>short</c>.</summary>
    private static bool HasIntAndSize(CFragment fragment, int first, int last)
    {
        bool hasInt = false, hasSize = false;
        for (var t = first; t <= last; t++)
        {
            var text = fragment.TextOf(fragment.Tokens.ItemRef(t));
            hasInt |= text is "int";
            hasSize |= text is "long" or "short";
        }

        return hasInt && hasSize;
    }

    private static bool HasWord(string type, string word)
    {
        foreach (var part in type.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == word) return true;
        }

        return false;
    }

    /// <summary>The type without <c>int</c>, with <c>unsigned</c> first when it has it and no <c>signed</c>.</summary>
    private static string ShortSpelling(string type)
    {
        var words = new List<string>();
        foreach (var part in type.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (part is not ("int" or "signed" or "unsigned")) words.Add(part);
        }

        if (HasWord(type, "unsigned")) words.Insert(0, "unsigned");
        return string.Join(' ', words);
    }
}
