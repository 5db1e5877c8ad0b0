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

    public override void Initialize(RuleRegistration registration) => registration.RegisterIdentifierAction(Analyze, "else");

    private void Analyze(CTokenContext keyword)
    {
        var fragment = keyword.Fragment;
        var t = keyword.Index;
        if (keyword.Token.Kind != CTokenKind.Keyword || !CodeTokens.IsOnNewLine(fragment, t) || !IsBareElseLine(fragment, t)) return;
        var line = keyword.Line;
        var previousLine = PreviousCodeLine(fragment, line);
        if (previousLine < 0) return;
        var leaves = FirstCode(fragment, previousLine);
        if (leaves < 0) return;
        var isBreak = fragment.Is(fragment.Tokens[leaves], "break");
        var isReturn = fragment.Is(fragment.Tokens[leaves], "return");
        if (!isBreak && !isReturn) return;
        // Exactly one level deeper: a return two levels down belongs to a nested if, and leaving it does not
        // make this else redundant.
        var profile = keyword.Source.Profile;
        var tabWidth = profile.TabWidth;
        var step = profile.Indentation == DiffLint.Core.Profiles.IndentationStyle.Tabs ? tabWidth : 4;
        if (CodeTokens.IndentOf(fragment, previousLine, tabWidth) != CodeTokens.IndentOf(fragment, line, tabWidth) + step) return;
        if (isReturn && ElseArmIsReturn(fragment, t)) return;
        keyword.Report(Descriptor);
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
