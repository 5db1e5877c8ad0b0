using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// Reports an if/else chain where some arm needs braces (several statements or lines) and another arm goes without
/// them: kernel style then wants braces on every arm.
/// </summary>
[DiffLintRule]
public sealed class BracesOnAllArmsRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL3107",
        name: "braces-on-all-arms",
        title: "Braces missing on some arms of an if/else chain",
        messageFormat: "braces {} should be used on all arms of this statement",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "BRACES",
        documentation: """
            ## What it does
            Reports, on its `if`, an if/else chain that the hunk shows whole, where at least one arm has braces, at
            least one arm needs them, and at least one arm has none. An arm needs braces, as checkpatch counts it,
            when its condition spans several lines, its body holds an `if`, `for` or `while`, or its body is more
            than one statement or more than one line (a comment line counts). The `if` must be on a line the patch
            writes and not be the `if` of an `else if`.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`. DL3029 reports the opposite case (braces that no arm needs).

            ## Why it matters
            The kernel coding style: when one branch of a conditional needs braces, use them in all branches, so
            the arms line up and a statement added to the short arm cannot fall out of it.

            ## Example
            ```diff
            +	if (ret) {
            +		dev_err(dev, "reset failed\n");
            +		return ret;
            +	} else
            +		priv->ready = true;
            ```

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterControlAction(Analyze, CControlKind.If);

    /// <summary>An added <c>if</c> that starts a chain with an <c>else</c>.</summary>
    private void Analyze(ControlContext context)
    {
        var control = context.Control;
        var fragment = context.Fragment;
        if (control.Trailer < 0 || IsElseIfArm(fragment, control) || !fragment.Lines[context.Keyword.Line].IsJudged) return;
        var controls = fragment.Structure.Controls;
        if (WantsBracesOnAllArms(fragment, controls, IndexOf(controls, control.Keyword))) context.Report(Descriptor, context.Keyword);
    }

    /// <summary>The index of the control whose keyword is token <paramref name="keyword"/>: controls are in keyword order.</summary>
    private static int IndexOf(ImmutableArray<CControl> controls, int keyword) => controls.AsSpan().BinarySearch(new KeywordAt(keyword));

    private readonly record struct KeywordAt(int Keyword) : IComparable<CControl>
    {
        public int CompareTo(CControl other) => Keyword.CompareTo(other.Keyword);
    }

    /// <summary>checkpatch's count over the arms of the chain starting at control <paramref name="index"/>.</summary>
    private static bool WantsBracesOnAllArms(CFragment fragment, ImmutableArray<CControl> controls, int index)
    {
        int arms = 0, braced = 0, needing = 0;
        var conditionStart = controls[index].Keyword;
        var chainEnd = -1;
        while (true)
        {
            var arm = controls[index];
            if (arm.BodyEnd < 0) return false;
            Count(fragment, arm, conditionStart, ref arms, ref braced, ref needing);
            chainEnd = arm.BodyEnd;
            if (arm.Trailer < 0) break;
            var next = CodeTokens.NextChainArm(fragment, controls, index, out var elseAt);
            if (elseAt < 0) return false;
            var otherwise = controls[elseAt];
            if (otherwise.IsElseIf(fragment))
            {
                if (next < 0) return false;
                // An else-if arm's condition runs from its else to the closing parenthesis.
                conditionStart = otherwise.Keyword;
                index = next;
                continue;
            }

            if (otherwise.BodyEnd < 0) return false;
            Count(fragment, otherwise, otherwise.Keyword, ref arms, ref braced, ref needing);
            chainEnd = otherwise.BodyEnd;
            break;
        }

        return braced > 0 && needing > 0 && needing != arms && braced != arms && NextStatementCompletes(fragment, chainEnd);
    }

    /// <summary>
    /// checkpatch judges the chain only when the statement it reads after the chain ends at brace level 0 within
    /// the hunk (or nothing follows). It reads that statement its own way: a <c>}</c> with no open <c>{</c> is
    /// skipped, a <c>{</c> inside parentheses and a <c>(</c> inside braces are not counted, and the statement ends
    /// at a <c>;</c> at level 0 or at the <c>}</c> that closes its first block. A next statement that opens a
    /// block or a parenthesis the hunk does not close leaves it at a level above 0.
    /// </summary>
    private static bool NextStatementCompletes(CFragment fragment, int chainEnd)
    {
        var tokens = fragment.Tokens;
        var level = 0;
        var type = '\0';
        // A statement longer than this is not code a reviewer reads; the bound keeps a hunk of chains each followed
        // by an unclosed parenthesis from being read once per chain.
        var end = Math.Min(tokens.Length, chainEnd + 1 + MaxNextStatementTokens);
        for (var t = chainEnd + 1; t < end; t++)
        {
            var token = tokens[t];
            if (token.Kind == CTokenKind.Preprocessor && level == 0 && fragment.TextOf(token).EndsWith("define")) return true;
            if (!token.IsCode || token.InDirective || token.Kind != CTokenKind.Punctuation || token.Length != 1) continue;
            var c = token.First;
            if (c == ';' && level == 0) return true;
            if (c == '(' && type is '\0' or '(')
            {
                level++;
                type = '(';
            }
            else if (c == ')' && type == '(')
            {
                level--;
                type = level != 0 ? '(' : '\0';
            }
            else if (c == '{' && type is '\0' or '{')
            {
                level++;
                type = '{';
            }
            else if (c == '}' && type == '{')
            {
                level--;
                type = level != 0 ? '{' : '\0';
                if (level == 0) return true;
            }
        }

        return level == 0 && end == tokens.Length;
    }

    private const int MaxNextStatementTokens = 4096;

    private static void Count(CFragment fragment, in CControl arm, int conditionStart, ref int arms, ref int braced, ref int needing)
    {
        arms++;
        if (arm.Braced) braced++;
        if (NeedsBraces(fragment, arm, conditionStart)) needing++;
    }

    /// <summary>
    /// The arm's condition spans lines, or its body holds <c>if</c>/<c>for</c>/<c>while</c>, or its body is more than
    /// one line or statement.
    /// </summary>
    private static bool NeedsBraces(CFragment fragment, in CControl arm, int conditionStart)
    {
        var tokens = fragment.Tokens;
        var conditionEnd = arm.ConditionClose >= 0 ? arm.ConditionClose : arm.Keyword;
        if (tokens[conditionStart].Line != tokens[conditionEnd].Line) return true;
        int first = arm.BodyStart, last = arm.BodyEnd;
        if (arm.Braced)
        {
            first++;
            last--;
        }

        if (first > last) return false;
        var semicolons = 0;
        for (var t = first; t <= last; t++)
        {
            var token = tokens[t];
            if (token.Kind == CTokenKind.Keyword && (fragment.Is(token, "if") || fragment.Is(token, "for") || fragment.Is(token, "while"))) return true;
            if (token.IsSymbol(';')) semicolons++;
        }

        var lines = tokens[last].Line - tokens[first].Line + 1;
        return Math.Max(lines, semicolons) > 1;
    }

    /// <summary>The <c>if</c> of an <c>else if</c>: judged with the chain it belongs to.</summary>
    private static bool IsElseIfArm(CFragment fragment, in CControl control)
    {
        var before = CodeTokens.Previous(fragment, control.Keyword);
        return before >= 0 && fragment.Is(fragment.Tokens[before], "else");
    }
}
