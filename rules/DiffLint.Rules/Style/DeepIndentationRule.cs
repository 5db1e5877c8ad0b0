using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports a control statement indented by six tabs or more.</summary>
[DiffLintRule]
public sealed class DeepIndentationRule : PatchRule
{
    private const int MaxTabs = 5;

    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3056",
        name: "deep-indentation",
        title: "Control statement nested too deep",
        messageFormat: "Too many leading tabs - consider code refactoring",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "DEEP_INDENTATION",
        documentation: """
            ## What it does
            Reports an added line that starts with six tabs or more and holds `if (`, `while (`, `for (`, `switch (`,
            a `for_each` iterator macro call, `do` or `else` (outside comments and strings; preprocessor lines
            excepted), as checkpatch does.

            ## Why it matters
            Kernel style: "if you need more than 3 levels of indentation, you're screwed anyway, and should fix
            your program". Code six levels deep wants a helper function.

            ## Example
            ```diff
            +						if (entry->flags & F_DIRTY)
            ```

            ## Configuration
            Kernel, git and U-Boot profiles (QEMU's checkpatch has no such check).
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCodeLineAction(Analyze);

    /// <summary>A line indented by more than <see cref="MaxTabs"/> tabs, not a directive, at its first control.</summary>
    private void Analyze(CodeLineContext context)
    {
        var text = context.Text;
        ref readonly var line = ref context.CLine;
        if (line.TokenCount == 0 || text.Length <= MaxTabs || text[MaxTabs] != '\t' || text[..MaxTabs].ContainsAnyExcept('\t')) return;
        var fragment = context.Fragment;
        var tokens = fragment.Tokens;
        if (tokens[line.FirstToken].Kind == CTokenKind.Preprocessor) return;
        for (var t = line.FirstToken; t < line.EndToken; t++)
        {
            if (!StartsControl(fragment, t, line.EndToken)) continue;
            context.Report(Descriptor, tokens[t]);
            return;
        }
    }

    /// <summary><c>if</c>/<c>while</c>/<c>for</c>/<c>switch</c> or a <c>for_each</c> macro right before <c>(</c>, or <c>do</c>/<c>else</c>.</summary>
    private static bool StartsControl(CFragment fragment, int t, int end)
    {
        var token = fragment.Tokens[t];
        if (token.Kind == CTokenKind.Keyword)
        {
            var word = fragment.TextOf(token);
            if (word is "do" or "else") return true;
            if (word is not ("if" or "while" or "for" or "switch")) return false;
        }
        else if (token.Kind != CTokenKind.Identifier || !IsIteratorName(fragment.TextOf(token)))
        {
            return false;
        }

        return t + 1 < end && fragment.Tokens[t + 1].IsSymbol('(');
    }

    /// <summary>Lower-case letters and <c>_</c> around <c>for_each</c>, with at least one after it (<c>list_for_each_entry</c>).</summary>
    internal static bool IsIteratorName(ReadOnlySpan<char> word)
    {
        var at = word.IndexOf("for_each");
        if (at < 0 || at + "for_each".Length == word.Length) return false;
        foreach (var c in word)
        {
            if (c is not ((>= 'a' and <= 'z') or '_')) return false;
        }

        return true;
    }
}
