using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports <c>if (x);</c> followed by a more indented line.</summary>
public sealed class EmptyConditionBodyRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3166",
        name: "empty-condition-body",
        title: "Empty body after a condition, indentation says otherwise",
        messageFormat: "trailing semicolon indicates no statements, indent implies otherwise",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "TRAILING_SEMICOLON",
        documentation: """
            ## What it does
            Reports `if`, `while`, `for`, `switch` or a `for_each` macro whose condition is followed by `;` at the end of its line, when the next line is indented deeper than the keyword's line, as kernel checkpatch does (its other `TRAILING_SEMICOLON` form, a `#define` ending in `;`, is not this rule). The `while (...);` that closes a do-while is left alone.

            ## Why it matters
            The `;` is the whole body; the indented line after it runs unconditionally, whatever the indentation suggests.

            ## Example
            ```diff
            +	if (ret < 0);
            +		return ret;
            ```

            ## Configuration
            Kernel, git and U-Boot profiles.
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        var tabWidth = context.Profile.TabWidth;
        foreach (var fragment in context.Fragments)
        {
            var tokens = fragment.Tokens;
            foreach (var control in fragment.Structure.Controls)
            {
                if (control.Kind is CControlKind.Else or CControlKind.Do || control.Braced || control.BodyStart < 0 || control.ConditionClose < 0) continue;
                if (control.Kind == CControlKind.IteratorMacro && !IsForEachName(fragment.TextOf(tokens[control.Keyword]))) continue;
                var body = tokens[control.BodyStart];
                if (!body.IsSymbol(';') || CodeTokens.IsDoWhileTrailer(fragment, control)) continue;
                if (TypeWords.AdjacentAfter(fragment, control.ConditionClose) != control.BodyStart) continue;
                var line = body.Line;
                if (line + 1 >= fragment.Lines.Length || fragment.Lines[line].EndToken - 1 != control.BodyStart) continue;
                var keyword = tokens[control.Keyword];
                if (CodeTokens.IndentOf(fragment, line + 1, tabWidth) <= CodeTokens.IndentOf(fragment, keyword.Line, tabWidth)) continue;
                context.Report(Descriptor, fragment, keyword);
            }
        }
    }

    /// <summary>An iterator macro name as checkpatch knows them: lower case, with <c>for_each</c> and more after it.</summary>
    private static bool IsForEachName(ReadOnlySpan<char> name)
    {
        var at = name.IndexOf("for_each");
        if (at < 0 || at + 8 >= name.Length) return false;
        foreach (var c in name)
        {
            if (c is not (>= 'a' and <= 'z' or '_')) return false;
        }

        return true;
    }
}
