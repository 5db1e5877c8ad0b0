using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;
using DiffLint.Rules.Style;

namespace DiffLint.Rules.Api;

/// <summary>
/// QEMU's checks of suspicious idioms: a hex constant tested as a boolean, <c>sizeof(&amp;x)</c>, a needless
/// <c>if (p)</c> before <c>g_free(p)</c>, an uncommented memory barrier, and a queue head declared with its type.
/// </summary>
[DiffLintRule]
public sealed class QemuIdiomRule : PatchRule
{
    public static readonly RuleDescriptor HexBoolean = QemuApiDescriptor.Create("DL4046", "hex-boolean",
        "Hexadecimal constant in a boolean test", "boolean test with hexadecimal, perhaps just 1 & or |?", "Q_HEX_BOOLEAN", """
            ## What it does
            Reports a hexadecimal constant that is an operand of `&&` or `||` (`flags && 0x10`, `(0x4 || x)`).

            ## Why it matters
            A non-zero constant is always true, so the test does nothing; `&&`/`||` was almost certainly meant to be
            the bitwise `&`/`|`.

            ## Example
            ```diff
            +    if (s->status && 0x80) {
            ```
            Write `s->status & 0x80`.

            Unlike checkpatch, whose pattern only sees hex constants made of decimal digits (`0x10`), any hex
            constant is reported (`0xff` too).

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor SizeofAddress = QemuApiDescriptor.Create("DL4047", "qemu-sizeof-address",
        "sizeof of an address", "sizeof(& should be avoided", "Q_SIZEOF_ADDRESS", """
            ## What it does
            Reports `sizeof(&x)`.

            ## Why it matters
            The size of an address is the size of a pointer, whatever `x` is: `memset(&s, 0, sizeof(&s))` clears 8
            bytes. `sizeof(x)` was meant.

            ## Example
            ```diff
            +    memcpy(&cfg, buf, sizeof(&cfg));
            ```

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor NeedlessGFreeCheck = QemuApiDescriptor.Create("DL4050", "needless-g-free-check",
        "Needless NULL check before g_free", "g_free(NULL) is safe this check is probably not required", "Q_NEEDLESS_G_FREE_CHECK", """
            ## What it does
            Reports `if (p)` whose only statement, on the next line, is `g_free(p);` (braced or not, no `else`).

            ## Why it matters
            `g_free(NULL)` does nothing, so the test is noise; QEMU removes such checks.

            ## Example
            ```diff
            +    if (s->name)
            +        g_free(s->name);
            ```
            Write `g_free(s->name);`.

            Unlike checkpatch, an `if` whose body does more than the `g_free()` is not reported: there the test is
            needed.

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor BarrierNeedsComment = QemuApiDescriptor.Create("DL4051", "barrier-needs-comment",
        "Memory barrier without a comment", "memory barrier without comment", "Q_BARRIER_NEEDS_COMMENT", """
            ## What it does
            Reports `smp_mb()`, `smp_rmb()`, `smp_wmb()` or `smp_read_barrier_depends()` unless a comment is on the
            same line or ends on the line right above.

            ## Why it matters
            A barrier orders accesses against another thread's accesses; without a comment naming the pairing
            barrier and what it protects, nobody can tell later whether it is still needed or sufficient.

            ## Example
            ```diff
            +    smp_wmb();
            ```
            Add a comment such as `/* Write data before the index; pairs with smp_rmb() in vq_pop() */`.

            ## Configuration
            QEMU profile only.
            """);

    public static readonly RuleDescriptor QueueHeadTypedef = QemuApiDescriptor.Create("DL4052", "queue-head-typedef",
        "Named queue head declared inline", "named {0} should be typedefed separately", "Q_QUEUE_HEAD_TYPEDEF", """
            ## What it does
            Reports a line that starts with `QTAILQ_HEAD(Name, ...)`, `QLIST_HEAD`, `QSLIST_HEAD` or
            `QSIMPLEQ_HEAD` with a head type name: a named head declared together with a variable or member.

            ## Why it matters
            The named form defines a new struct type where it is used; QEMU wants that type declared once with a
            typedef and the anonymous form (`QTAILQ_HEAD(, Elem) list;`) for members.

            ## Example
            ```diff
            +    QTAILQ_HEAD(ReqList, Req) reqs;
            ```

            ## Configuration
            QEMU profile only.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [HexBoolean, SizeofAddress, NeedlessGFreeCheck, BarrierNeedsComment, QueueHeadTypedef];

    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterTokenAction(AnalyzeNumber, CTokenKind.Number);
        registration.RegisterIdentifierAction(AnalyzeSizeof, "sizeof");
        registration.RegisterIdentifierAction(AnalyzeBarrier, RegisteredNames.Of("smp_mb", "smp_rmb", "smp_wmb", "smp_read_barrier_depends"));
        registration.RegisterIdentifierAction(AnalyzeQueueHead, RegisteredNames.Of("QTAILQ_HEAD", "QLIST_HEAD", "QSLIST_HEAD", "QSIMPLEQ_HEAD"));
        registration.RegisterControlAction(AnalyzeIf, CControlKind.If);
    }

    private void AnalyzeNumber(CTokenContext number)
    {
        if (IsHex(number.Fragment, number.Token) && IsBooleanOperand(number.Fragment, number.Index)) number.Report(HexBoolean);
    }

    private void AnalyzeSizeof(CTokenContext keyword)
    {
        if (IsSizeofAddress(keyword.Fragment, keyword.Index)) keyword.Report(SizeofAddress);
    }

    private void AnalyzeBarrier(CTokenContext name)
    {
        if (IsBarrierCall(name.Fragment, name.Index) && !IsCommented(name.Fragment, name.Line)) name.Report(BarrierNeedsComment);
    }

    private void AnalyzeQueueHead(CTokenContext name)
    {
        if (IsNamedQueueHead(name.Fragment, name.Index)) name.Report(QueueHeadTypedef, name.Text.ToString());
    }

    private void AnalyzeIf(ControlContext control)
    {
        if (FreedAlone(control.Fragment, control.Control) is var free and >= 0) control.Report(NeedlessGFreeCheck, control.Fragment.Tokens[free]);
    }

    private static bool IsHex(CFragment fragment, in CToken token) =>
        token.Length > 2 && token.First == '0' && fragment.TextOf(token)[1] is 'x' or 'X';

    /// <summary><c>( 0x1 &amp;&amp;</c>, <c>[ 0x1 ||</c>, <c>&amp;&amp; 0x1 &amp;&amp;</c>, <c>|| 0x1 )</c> ...: checkpatch's two shapes.</summary>
    private static bool IsBooleanOperand(CFragment fragment, int index)
    {
        var before = CodeTokens.Previous(fragment, index);
        var after = CodeTokens.Next(fragment, index);
        if (before < 0 || after < 0) return false;
        var b = fragment.Tokens[before];
        var a = fragment.Tokens[after];
        var logicalBefore = IsLogical(fragment, b);
        var logicalAfter = IsLogical(fragment, a);
        return logicalAfter && (logicalBefore || b.IsSymbol('(') || b.IsSymbol('['))
            || logicalBefore && (a.IsSymbol(')') || a.IsSymbol(']'));
    }

    private static bool IsLogical(CFragment fragment, in CToken token) =>
        token.Kind == CTokenKind.Operator && token.Length == 2 && (fragment.Is(token, "&&") || fragment.Is(token, "||"));

    private static bool IsSizeofAddress(CFragment fragment, int index)
    {
        var open = CodeTokens.Next(fragment, index);
        if (open < 0 || !fragment.Tokens[open].IsSymbol('(')) return false;
        var operand = CodeTokens.Next(fragment, open);
        return operand >= 0 && fragment.Tokens[operand].IsSymbol('&');
    }

    /// <summary>The barrier's name directly followed by <c>(</c>.</summary>
    private static bool IsBarrierCall(CFragment fragment, int index)
    {
        var token = fragment.Tokens[index];
        return token.Kind == CTokenKind.Identifier && index + 1 < fragment.Tokens.Length && fragment.Tokens[index + 1].IsSymbol('(') &&
               fragment.Tokens[index + 1].Start == token.End;
    }

    /// <summary>A comment on the line, or one that ends the line above.</summary>
    private static bool IsCommented(CFragment fragment, int line)
    {
        foreach (ref readonly var token in fragment.TokensOf(line))
        {
            if (token.IsComment) return true;
        }

        if (line == 0) return false;
        var above = fragment.TokensOf(line - 1);
        return above.Length > 0 && above[^1].IsComment;
    }

    /// <summary>The queue head's name, the first word of its line, followed by <c>(</c> and a name rather than a comma.</summary>
    private static bool IsNamedQueueHead(CFragment fragment, int index)
    {
        if (fragment.Tokens[index].Kind != CTokenKind.Identifier || !CodeTokens.StartsLine(fragment, index)) return false;

        var open = CodeTokens.Next(fragment, index);
        if (open < 0 || !fragment.Tokens[open].IsSymbol('(')) return false;
        var first = CodeTokens.Next(fragment, open);
        return first >= 0 && !fragment.Tokens[first].IsSymbol(',') && !fragment.Tokens[first].IsSymbol(')');
    }

    /// <summary>
    /// For <c>if (expr)</c> with no <c>else</c> whose body is only <c>g_free(expr);</c> on the next line: the
    /// <c>g_free</c> token; otherwise -1.
    /// </summary>
    private static int FreedAlone(CFragment fragment, in CControl control)
    {
        var tokens = fragment.Tokens;
        if (control.ConditionOpen < 0 || control.ConditionClose < 0 || control.BodyStart < 0 || control.BodyEnd < 0 || control.Trailer >= 0)
        {
            return -1;
        }

        var call = control.Braced ? CodeTokens.Next(fragment, control.BodyStart) : control.BodyStart;
        if (call < 0 || tokens[call].Kind != CTokenKind.Identifier || !fragment.Is(tokens[call], "g_free")) return -1;
        if (tokens[call].Line != tokens[control.ConditionClose].Line + 1) return -1;
        var open = CodeTokens.Next(fragment, call);
        if (open < 0 || !tokens[open].IsSymbol('(')) return -1;
        var close = fragment.Structure.MatchOf(open);
        if (close < 0) return -1;
        var semicolon = CodeTokens.Next(fragment, close);
        if (semicolon < 0 || !tokens[semicolon].IsSymbol(';')) return -1;
        var end = control.Braced ? CodeTokens.Next(fragment, semicolon) : semicolon;
        if (end != control.BodyEnd) return -1;
        return SameTokens(fragment, control.ConditionOpen, control.ConditionClose, open, close) ? call : -1;
    }

    /// <summary>True when the code tokens strictly inside the two bracket pairs read the same.</summary>
    private static bool SameTokens(CFragment fragment, int open1, int close1, int open2, int close2)
    {
        var a = CodeTokens.Next(fragment, open1);
        var b = CodeTokens.Next(fragment, open2);
        while (a >= 0 && b >= 0 && a < close1 && b < close2)
        {
            if (!fragment.TextOf(fragment.Tokens[a]).SequenceEqual(fragment.TextOf(fragment.Tokens[b]))) return false;
            a = CodeTokens.Next(fragment, a);
            b = CodeTokens.Next(fragment, b);
        }

        return a == close1 && b == close2 && close1 - open1 > 1;
    }
}
