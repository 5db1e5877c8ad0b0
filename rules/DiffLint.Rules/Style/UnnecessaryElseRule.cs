using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>Reports an <c>else</c> whose <c>if</c> arm ends in <c>return</c> or <c>break</c>.</summary>
[DiffLintRule]
public sealed class UnnecessaryElseRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3028",
        name: "unnecessary-else",
        title: "else after return or break",
        messageFormat: "else is not generally useful after a break or return",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "UNNECESSARY_ELSE",
        documentation: """
            ## What it does
            Reports a bare `else` (`else`, `} else`, `else {`, `} else {`; not `else if`) on an added line when the
            arm before it ends with a `return` or `break` statement exactly one level deeper: the code after the `if` runs
            only when the arm did not leave, so the `else` and a level of indentation can go. As in kernel
            checkpatch, `if (x) return a; else return b;` is left alone: the two returns read as one choice.

            ## Why it matters
            Kernel style prefers early returns and shallow nesting; reviewers ask for the `else` to be dropped.

            ## Example
            ```diff
            +	if (!dev)
            +		return -ENODEV;
            +	else
            +		dev->count++;
            ```
            should be `if (!dev) return -ENODEV;` followed by `dev->count++;`.

            ## Configuration
            Kernel, git and U-Boot profiles (QEMU's checkpatch has no such check).
            """,
        profiles: ["kernel", "git", "uboot"]);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterCSourceAction(Analyze);

    private static void Analyze(CSourceContext context)
    {
        var tabWidth = context.Profile.TabWidth;
        var step = context.Profile.Indentation == DiffLint.Core.Profiles.IndentationStyle.Tabs ? tabWidth : 4;
        foreach (var fragment in context.Fragments)
        {
            var tokens = fragment.Tokens;
            for (var t = 0; t < tokens.Length; t++)
            {
                var token = tokens[t];
                if (token.Kind != CTokenKind.Keyword || !fragment.Is(token, "else") || !CodeTokens.IsOnNewLine(fragment, t)) continue;
                if (!IsBareElseLine(fragment, t)) continue;
                var line = token.Line;
                var previousLine = PreviousCodeLine(fragment, line);
                if (previousLine < 0) continue;
                var leaves = FirstCode(fragment, previousLine);
                if (leaves < 0) continue;
                var isBreak = fragment.Is(tokens[leaves], "break");
                var isReturn = fragment.Is(tokens[leaves], "return");
                if (!isBreak && !isReturn) continue;
                // Exactly one level deeper: a return two levels down belongs to a nested if, and leaving it does not
                // make this else redundant.
                if (CodeTokens.IndentOf(fragment, previousLine, tabWidth) != CodeTokens.IndentOf(fragment, line, tabWidth) + step) continue;
                if (isReturn && ElseArmIsReturn(fragment, t)) continue;
                context.Report(Descriptor, fragment, token);
            }
        }
    }

    /// <summary>The line holds only <c>else</c>, optionally after <c>}</c> and before <c>{</c>.</summary>
    private static bool IsBareElseLine(CFragment fragment, int elseToken)
    {
        var tokens = fragment.Tokens;
        var line = tokens[elseToken].Line;
        var before = CodeTokens.Previous(fragment, elseToken);
        if (before >= 0 && tokens[before].Line == line && (!tokens[before].IsSymbol('}') || !CodeTokens.StartsLine(fragment, before))) return false;
        var after = CodeTokens.Next(fragment, elseToken);
        if (after < 0 || tokens[after].Line != line) return true;
        return tokens[after].IsSymbol('{') && CodeTokens.EndsLine(fragment, after);
    }

    /// <summary>The nearest line above <paramref name="line"/> with code on it, or -1.</summary>
    private static int PreviousCodeLine(CFragment fragment, int line)
    {
        for (var l = line - 1; l >= 0; l--)
        {
            if (FirstCode(fragment, l) >= 0) return l;
        }

        return -1;
    }

    private static int FirstCode(CFragment fragment, int line)
    {
        var cLine = fragment.Lines[line];
        for (var t = cLine.FirstToken; t < cLine.EndToken; t++)
        {
            if (fragment.Tokens[t].IsCode) return t;
        }

        return -1;
    }

    /// <summary>The statement after <c>else</c> (or after its <c>{</c>) starts with <c>return</c>.</summary>
    private static bool ElseArmIsReturn(CFragment fragment, int elseToken)
    {
        var next = CodeTokens.Next(fragment, elseToken);
        if (next >= 0 && fragment.Tokens[next].IsSymbol('{')) next = CodeTokens.Next(fragment, next);
        return next >= 0 && fragment.Is(fragment.Tokens[next], "return");
    }
}
