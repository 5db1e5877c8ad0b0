using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// Where the profile prefers no braces around single statements (kernel, U-Boot, git), reports an <c>if</c>
/// chain, <c>for</c> or <c>while</c> whose braced bodies each hold one simple statement on one line.
/// </summary>
/// <remarks>
/// Stricter than checkpatch about what "single statement" means: a body holding a comment, a preprocessor line, a
/// declaration, a label or a control statement (whose braces keep a dangling <c>else</c> where it belongs) keeps
/// its braces, and only constructs whose every arm the hunk shows are judged.
/// </remarks>
[DiffLintRule]
public sealed class UnnecessaryBracesRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3029",
        name: "unnecessary-braces",
        title: "Braces around single statements are not necessary",
        messageFormat: "Braces {{}} are not necessary for {0}",
        category: "Style",
        defaultSeverity: Severity.Warning,
        checkpatchType: "BRACES",
        checkpatchMessage: "braces {{}} are not necessary for {0}",
        documentation: """
            ## What it does
            In projects whose style prefers no braces around a single statement (the kernel, U-Boot and git profiles),
            reports an added `if`, `for` or `while` whose braced body is one simple statement on one line, and an
            added `if` whose every arm (`else if`, `else`) is such a statement while at least one arm has braces.
            The finding is on the keyword that starts the construct ("single statement blocks" for a lone `if` or a
            loop, "any arm of this statement" for an if/else chain), or, when the patch leaves the `if` line alone,
            on the first `else` it writes with braces (`} else {` added under an unchanged `if`).

            Braces stay, and nothing is reported, when:
            - the statement spans several lines, or the condition does;
            - the block holds a comment or a preprocessor line (checkpatch reports these);
            - the statement is a declaration or a label (removing the braces would not compile);
            - the statement is itself an `if`, a loop or a `switch`: braces around an inner `if` inside an arm
              of an outer `if` that has an `else` decide which `if` the `else` belongs to;
            - any arm of the if/else chain needs its braces (kernel style: then all arms keep them);
            - the hunk does not show the whole construct (an arm, or what follows a last `if` arm, is outside it),
              or the patch does not write the keyword's line (context, moved or only re-indented; for an if/else
              chain, neither the `if` line nor the line of a braced `else` arm).
            `do` loops, `switch` and iterator macros (`list_for_each_entry(...) {`) are not judged.

            ## Why it matters
            The kernel coding style asks not to use braces where a single statement will do: they add lines
            without adding structure. Reviewers of the kernel-style projects ask for them to be dropped.

            ## Example
            ```diff
            +	if (ret < 0) {
            +		err(EXIT_FAILURE, "waitpid() failed");
            +	}
            ```
            should be
            ```diff
            +	if (ret < 0)
            +		err(EXIT_FAILURE, "waitpid() failed");
            ```

            ## Configuration
            Applies when the profile does not require braces on every arm (kernel, uboot, git); the `qemu` profile
            wants the opposite (see DL3020).
            """);

    private const string SingleBlock = "single statement blocks";
    private const string AnyArm = "any arm of this statement";

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) =>
        registration.RegisterControlAction(Analyze, CControlKind.If, CControlKind.For, CControlKind.While);

    private void Analyze(ControlContext context)
    {
        if (context.Source.Profile.RequiresBracesOnEveryArm) return;
        var fragment = context.Fragment;
        var control = context.Control;
        if (control.Kind == CControlKind.If)
        {
            if (IsElseIfArm(fragment, control)) return;
            var controls = fragment.Structure.Controls;
            var message = ChainMessage(fragment, controls, IndexOf(controls, control.Keyword), out var reportAt);
            if (message is not null) context.Report(Descriptor, fragment.Tokens[reportAt], message);
        }
        else if (control.Braced && CodeTokens.IsOnNewLine(fragment, control.Keyword) && IsSingleStatementArm(fragment, control))
        {
            context.Report(Descriptor, context.Keyword, SingleBlock);
        }
    }

    /// <summary>The index of the control whose keyword is <paramref name="keyword"/>: controls are in keyword order.</summary>
    private static int IndexOf(ImmutableArray<CControl> controls, int keyword)
    {
        int low = 0, high = controls.Length - 1;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (controls[middle].Keyword < keyword) low = middle + 1;
            else high = middle;
        }

        return low;
    }

    /// <summary>
    /// For the if/else chain starting at control <paramref name="index"/>: the message when every arm is a single
    /// statement and at least one is braced, or null. <paramref name="reportAt"/> is the <c>if</c> when the patch
    /// writes its line, otherwise the <c>else</c> of the first braced arm whose line it writes.
    /// </summary>
    private static string? ChainMessage(CFragment fragment, ImmutableArray<CControl> controls, int index, out int reportAt)
    {
        reportAt = CodeTokens.IsOnNewLine(fragment, controls[index].Keyword) ? controls[index].Keyword : -1;
        var arms = 0;
        var braced = false;
        while (true)
        {
            var arm = controls[index];
            if (!IsSingleStatementArm(fragment, arm)) return null;
            arms++;
            braced |= arm.Braced;
            var next = CodeTokens.NextChainArm(fragment, controls, index, out var elseAt);
            if (arm.Trailer < 0)
            {
                if (!ChainEndIsVisible(fragment, arm.BodyEnd)) return null;
                break;
            }

            if (elseAt < 0) return null;
            var otherwise = controls[elseAt];
            var isElseIf = otherwise.IsElseIf(fragment);
            if (isElseIf && next < 0) return null;
            if (reportAt < 0 && controls[isElseIf ? next : elseAt].Braced && CodeTokens.IsOnNewLine(fragment, otherwise.Keyword))
            {
                reportAt = otherwise.Keyword;
            }

            if (isElseIf)
            {
                index = next;
                continue;
            }

            if (!IsSingleStatementArm(fragment, otherwise)) return null;
            arms++;
            braced |= otherwise.Braced;
            break;
        }

        if (!braced || reportAt < 0) return null;
        return arms == 1 ? SingleBlock : AnyArm;
    }

    /// <summary>
    /// The arm's condition (if any) is on one line and its body, braced or not, is one simple statement on one line,
    /// with no comment, directive or uncertain token between the keyword and the end of the body.
    /// </summary>
    private static bool IsSingleStatementArm(CFragment fragment, in CControl arm)
    {
        if (arm.BodyStart < 0 || arm.BodyEnd < 0) return false;
        var tokens = fragment.Tokens;
        if (arm.ConditionOpen >= 0 && (arm.ConditionClose < 0 || tokens[arm.ConditionOpen].Line != tokens[arm.ConditionClose].Line)) return false;
        int first, last;
        if (arm.Braced)
        {
            if (fragment.Structure.MatchOf(arm.BodyStart) != arm.BodyEnd) return false;
            first = CodeTokens.Next(fragment, arm.BodyStart);
            last = StatementEnd(fragment, first, arm.BodyEnd);
            if (last < 0 || CodeTokens.Next(fragment, last) != arm.BodyEnd) return false;
        }
        else
        {
            first = arm.BodyStart;
            last = arm.BodyEnd;
            if (!tokens[last].IsSymbol(';')) return false;
        }

        if (tokens[first].Line != tokens[last].Line || !IsSimpleStatementStart(fragment, first)) return false;

        // Checked last: the construct is known to be short by now.
        for (var t = arm.Keyword; t <= arm.BodyEnd; t++)
        {
            var token = tokens[t];
            if (token.IsComment || token.InDirective || token.IsUncertain) return false;
        }

        return true;
    }

    /// <summary>The <c>;</c> ending the statement that starts at <paramref name="first"/>, before <paramref name="limit"/>; -1 if none.</summary>
    private static int StatementEnd(CFragment fragment, int first, int limit)
    {
        var tokens = fragment.Tokens;
        for (var t = first; t >= 0 && t < limit; t++)
        {
            var token = tokens[t];
            if (token.IsSymbol(';')) return t;
            if (token.Kind != CTokenKind.Punctuation || token.Length != 1 || token.First is not ('(' or '[' or '{')) continue;
            var close = fragment.Structure.MatchOf(t);
            if (close < 0 || close > limit) return -1;
            t = close;
        }

        return -1;
    }

    /// <summary>
    /// The statement starting at <paramref name="first"/> is an expression or a jump: not a declaration, a label or a
    /// control statement. A typedef name is recognised by what follows it (<c>u32 x</c>, <c>foo_t *p =</c>).
    /// </summary>
    private static bool IsSimpleStatementStart(CFragment fragment, int first)
    {
        var tokens = fragment.Tokens;
        var token = tokens[first];
        if (token.Kind == CTokenKind.Keyword)
        {
            return fragment.Is(token, "return") || fragment.Is(token, "break") || fragment.Is(token, "continue")
                || fragment.Is(token, "goto");
        }

        if (token.Kind != CTokenKind.Identifier) return true;
        var next = CodeTokens.Next(fragment, first);
        if (next < 0) return false;
        var after = tokens[next];
        if (after.Kind == CTokenKind.Identifier || after.IsSymbol(':')) return false;
        if (!after.IsSymbol('*')) return true;
        var name = CodeTokens.Next(fragment, next);
        var end = name < 0 ? -1 : CodeTokens.Next(fragment, name);
        return name < 0 || tokens[name].Kind != CTokenKind.Identifier || end < 0
            || !(tokens[end].IsSymbol('=') || tokens[end].IsSymbol(';') || tokens[end].IsSymbol('[') || tokens[end].IsSymbol(','));
    }

    /// <summary>The <c>if</c> of an <c>else if</c>: judged with the chain it belongs to.</summary>
    private static bool IsElseIfArm(CFragment fragment, in CControl control)
    {
        var before = CodeTokens.Previous(fragment, control.Keyword);
        return before >= 0 && fragment.Is(fragment.Tokens[before], "else");
    }

    /// <summary>
    /// An <c>else</c> cannot follow the arm ending at <paramref name="bodyEnd"/> just outside the hunk: code (outside a
    /// directive) follows it in the hunk, or a blank line does (no style puts a blank line before <c>else</c>).
    /// </summary>
    private static bool ChainEndIsVisible(CFragment fragment, int bodyEnd)
    {
        var tokens = fragment.Tokens;
        for (var t = bodyEnd + 1; t < tokens.Length; t++)
        {
            if (tokens[t].IsCode && !tokens[t].InDirective) return true;
        }

        var next = tokens[bodyEnd].Line + 1;
        return next < fragment.Lines.Length && fragment.Lines[next].Text.IsWhiteSpace();
    }
}
