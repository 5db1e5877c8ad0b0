using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.CSyntax;
using DiffLint.Core.Profiles;

namespace DiffLint.Rules.Style;

/// <summary>
/// Spacing around operators, commas and semicolons, judged token by token with checkpatch's notion of what an
/// operator touches on each side (value, blank, bracket, line edge, another operator, comment).
/// </summary>
[DiffLintRule]
public sealed class OperatorSpacingRule : PatchRule
{
    public static readonly RuleDescriptor Binary = new(
        id: "DL3001",
        name: "binary-operator-spacing",
        title: "Binary operator spacing",
        messageFormat: "{0}",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "SPACING",
        qemuCheckpatchType: "Q_OPERATOR_SPACING",
        documentation: """
            ## What it does
            Reports assignment, comparison, logical and conditional operators (`=`, `+=`, `==`, `<`, `&&`, `?`, `:`)
            that lack a space on either side, and arithmetic, bitwise and shift operators (`+ - * / % & | ^ << >>`)
            spaced differently on their two sides (`a +b`). Under the QEMU profile every binary operator needs a
            space on both sides (`i*4` is reported too). Whether `*`, `&`, `-` and `+` are binary is decided from the
            token before them: a value (name, number, literal, `)` or `]`) makes them binary; an operator, an open
            bracket, a keyword such as `return`, or a cast makes them unary; a type name makes `*` a pointer
            declarator (see DL3009). A `? :` written tight on both sides (`a?b:c`) is left alone.

            ## Why it matters
            Consistent operator spacing is the most frequent style nit on the kernel and QEMU lists, and `a -b`
            reads like a unary minus.

            ## Example
            ```diff
            +	for (i=0; i<n; i++)
            +	err(errno == EPROTONOSUPPORT? EXIT_EPROTONOSUPPORT: EXIT_FAILURE, "socket");
            ```

            ## Configuration
            The profile's operator spacing style: kernel-like profiles accept `a+b`; QEMU requires `a + b`.
            """);

    public static readonly RuleDescriptor Unary = new(
        id: "DL3002",
        name: "unary-operator-spacing",
        title: "Unary operator and member access spacing",
        messageFormat: "{0}",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "SPACING",
        qemuCheckpatchType: "Q_OPERATOR_SPACING",
        documentation: """
            ## What it does
            Reports a blank after a unary operator (`! x`, `- 1`, `& var`), blanks around `->`, and a blank between
            `++`/`--` and the operand they belong to (`i ++;`).

            ## Why it matters
            Unary operators bind tighter than anything else; a blank after them makes the expression read as a
            binary one.

            ## Example
            ```diff
            +	if (! vmode_g)
            +	p -> next = NULL;
            ```

            ## Configuration
            """);

    public static readonly RuleDescriptor Separator = new(
        id: "DL3003",
        name: "comma-spacing",
        title: "Comma and semicolon spacing",
        messageFormat: "{0}",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "SPACING",
        qemuCheckpatchType: "Q_OPERATOR_SPACING",
        documentation: """
            ## What it does
            Reports a comma without a space after it (`f(a,b)`) or with one before it (`f(a , b)`), and a semicolon
            inside a `for` header without a space after it (`for (i = 0;i < n;i++)`). A comma before `}` and empty
            `for (;;)` clauses are accepted.

            ## Why it matters
            Argument and initializer lists are read by scanning for `, `; tight commas hide the boundaries.

            ## Example
            ```diff
            +		{ 'D','a','c','d','f','j',OPT_REMOVE },
            +	retval = open_database_rw(context , &db, error);
            ```

            ## Configuration
            """);

    public static readonly RuleDescriptor Colon = new(
        id: "DL3004",
        name: "label-colon-spacing",
        title: "Label, case and bit-field colon spacing",
        messageFormat: "{0}",
        category: "Style",
        defaultSeverity: Severity.Error,
        checkpatchType: "SPACING",
        qemuCheckpatchType: "Q_OPERATOR_SPACING",
        documentation: """
            ## What it does
            Reports a blank before the colon that ends a label, a `case`/`default` or an unnamed bit-field
            (`__u32 :32;`). Under the QEMU profile the width of a named bit-field is written tight too
            (`uint8_t flag:1`, not `flag : 1`). Colons of `? :`, `asm` operands and anything inside parentheses
            are not judged here.

            ## Why it matters
            The colon belongs to the label or field it ends; a blank before it makes it look like the `:` of a
            conditional expression.

            ## Example
            ```diff
            +	__u32 :32;
            +	uint8_t M : 1, O : 1, reserved : 6;
            ```

            ## Configuration
            The profile's operator spacing style decides whether named bit-field widths are judged (QEMU only).
            """);

    public static readonly RuleDescriptor PreferredSpacing = new(
        id: "DL3104",
        name: "arithmetic-operator-spacing-strict",
        title: "Arithmetic, bitwise or shift operator without spaces (strict)",
        messageFormat: "{0}",
        category: "Style",
        defaultSeverity: Severity.Note,
        checkpatchType: "SPACING",
        documentation: """
            ## What it does
            The strict form of DL3001's check of the binary arithmetic, bitwise and shift operators
            (`+ - * / % & | ^ << >>`): a space is wanted on both sides, so `a+b`, `x|y` and `i *2` are reported
            ("spaces preferred around that '+' (ctx:VxV)", the letters telling what touches the operator on each
            side: V a value, W a blank, E the line edge, B a bracket, O an operator, C a comment). An operator that
            ends the line wants a space before it ("space preferred before that '|' (ctx:VxE)"). Where this rule is
            on, DL3001's "need consistent spacing" is not reported for these operators, as checkpatch `--strict`
            replaces that ERROR with this CHECK.

            A CHECK-level rule: it runs under `--strict` and in files under `drivers/net/`, `net/` and
            `drivers/staging/`.

            ## Why it matters
            Spaced binary operators keep long expressions readable; strict maintainers ask for them everywhere.

            ## Example
            ```diff
            +	len = hdr_len+payload_len*2;
            ```

            ## Configuration
            Kernel, git and U-Boot profiles; strict (checkpatch `--strict`).
            """,
        profiles: ["kernel", "git", "uboot"],
        isStrict: true);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Binary, Unary, Separator, Colon, PreferredSpacing];

    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterSymbolAction(AnalyzeOperator, JudgedOperators);
        registration.RegisterSymbolAction(AnalyzeSeparator, RegisteredNames.Of(",", ";"));
    }

    /// <summary>
    /// Every operator the tokenizer reads but <c>.</c>, <c>...</c>, <c>#</c>, <c>##</c> and <c>::</c>, which are never
    /// judged: registered by spelling, so member accesses and designators cost no call.
    /// </summary>
    private static readonly string[] JudgedOperators =
    [
        "->", "-", "--", "-=", "+", "++", "+=", "<", "<<", "<<=", "<=", ">", ">>", ">>=", ">=", "&", "&&", "&=", "|", "||", "|=",
        ":", "*", "*=", "/", "/=", "%", "%=", "^", "^=", "=", "==", "!", "!=", "~", "?",
    ];

    private void AnalyzeOperator(CTokenContext op)
    {
        if (op.Token.IsUncertain) return;
        CheckOperator(op.Source, op.Fragment, op.Index, op.Source.Profile.OperatorSpacing == OperatorSpacingStyle.SpacedBinary);
    }

    private void AnalyzeSeparator(CTokenContext separator)
    {
        if (separator.Token.IsUncertain) return;
        CheckSeparator(separator.Source, separator.Fragment, separator.Index);
    }

    private static void CheckSeparator(CSourceContext context, CFragment fragment, int index)
    {
        var token = fragment.Tokens[index];
        var before = TokenSpacing.Before(fragment, index);
        var after = TokenSpacing.After(fragment, index);
        if (token.First == ',')
        {
            if (before == Side.Space) context.Report(Separator, fragment, token, "space prohibited before that ','");
            if (after is not (Side.Space or Side.Edge or Side.Comment) && !IsNextSymbol(fragment, index, '}'))
                context.Report(Separator, fragment, token, "space required after that ','");
            return;
        }

        if (after is not (Side.Space or Side.Edge or Side.Bracket or Side.Comment) && !IsNextSymbol(fragment, index, ';'))
            context.Report(Separator, fragment, token, "space required after that ';'");
    }

    private static bool IsNextSymbol(CFragment fragment, int index, char symbol) =>
        index + 1 < fragment.Tokens.Length && fragment.Tokens[index + 1].Line == fragment.Tokens[index].Line
        && fragment.Tokens[index + 1].Length == 1 && fragment.Tokens[index + 1].First == symbol;

    private static void CheckOperator(CSourceContext context, CFragment fragment, int index, bool spaced)
    {
        var token = fragment.Tokens[index];
        var op = fragment.TextOf(token);
        var before = TokenSpacing.Before(fragment, index);
        var after = TokenSpacing.After(fragment, index);
        if (IsPassedAsArgument(fragment, index, before) || IsElvis(fragment, index)) return;
        switch (op)
        {
            case "->":
                if (before == Side.Space || after == Side.Space) Report(context, Unary, fragment, token, "spaces prohibited around that '{0}'", op);
                return;
            case "++" or "--":
                if (before == Side.Space && (after is Side.Bracket or Side.Edge))
                    Report(context, Unary, fragment, token, "space prohibited before that '{0}'", op);
                else if (before == Side.Edge && after == Side.Space)
                    Report(context, Unary, fragment, token, "space prohibited after that '{0}'", op);
                return;
            case "!" or "~":
                if (after == Side.Space) Report(context, Unary, fragment, token, "space prohibited after that '{0}'", op);
                return;
            case "?":
                CheckSpacedBothSides(context, fragment, token, op, before, after, exemptTight: true);
                return;
            case ":":
                CheckColon(context, fragment, index, before, after, spaced);
                return;
            case "*" or "&" or "-" or "+":
                CheckAmbiguous(context, fragment, index, op, before, after, spaced);
                return;
            case "/" or "%" or "|" or "^" or "<<" or ">>":
                CheckArithmetic(context, fragment, token, op, before, after, spaced);
                return;
            default:
                // Assignment, comparison and logical operators.
                CheckSpacedBothSides(context, fragment, token, op, before, after, exemptTight: false);
                return;
        }
    }

    /// <summary>An operator given to a macro as an argument: <c>g_assert_cmpint(res, ==, 0)</c>.</summary>
    private static bool IsPassedAsArgument(CFragment fragment, int index, Side before)
    {
        if (before is not (Side.Space or Side.Bracket)) return false;
        var next = CodeTokens.Next(fragment, index);
        return next >= 0 && (fragment.Tokens[next].IsSymbol(',') || fragment.Tokens[next].IsSymbol(')'));
    }

    /// <summary>The GNU <c>a ?: b</c> operator: its <c>?</c> and <c>:</c> touch each other.</summary>
    private static bool IsElvis(CFragment fragment, int index)
    {
        var token = fragment.Tokens[index];
        if (token.IsSymbol('?'))
            return index + 1 < fragment.Tokens.Length && fragment.Tokens[index + 1].IsSymbol(':') && fragment.Tokens[index + 1].Start == token.End;
        return token.IsSymbol(':') && index > 0 && fragment.Tokens[index - 1].IsSymbol('?') && fragment.Tokens[index - 1].End == token.Start
            && fragment.Tokens[index - 1].Line == token.Line;
    }

    private static void CheckAmbiguous(CSourceContext context, CFragment fragment, int index, ReadOnlySpan<char> op, Side before, Side after,
        bool spaced)
    {
        var token = fragment.Tokens[index];
        var operand = TokenSpacing.OperandOf(fragment, index);
        if (op is "*" && (operand == OperandBefore.Type || TokenSpacing.EndsTypeInParentheses(fragment, index))) return;
        if (operand != OperandBefore.Value)
        {
            if (after != Side.Space) return;
            var next = CodeTokens.Next(fragment, index);
            if (op is "*" && next >= 0 && fragment.Tokens[next].Kind == CTokenKind.Keyword
                && TokenSpacing.IsTypeKeyword(fragment.TextOf(fragment.Tokens[next]))) return;
            Report(context, Unary, fragment, token, "space prohibited after that '{0}'", op);
            return;
        }

        // "foo *bar" and "a &b" are mostly declarations with a type this tokenizer cannot know; leave them to DL3010.
        if (op is "*" or "&" && before == Side.Space) return;
        CheckArithmetic(context, fragment, token, op, before, after, spaced);
    }

    private static void CheckArithmetic(CSourceContext context, CFragment fragment, in CToken token, ReadOnlySpan<char> op, Side before,
        Side after, bool spaced)
    {
        // Constant expressions in macro bodies are commonly written tight ("(16*1024*1024)"); QEMU's checkpatch accepts them.
        if (spaced && !token.InDirective)
        {
            CheckSpacedBothSides(context, fragment, token, op, before, after, exemptTight: false);
            return;
        }

        var endsLine = token.End == fragment.Lines.ItemRef(token.Line).Text.Length;
        var unspaced = !endsLine && !(before is Side.Edge or Side.Space && after is Side.Edge or Side.Space);
        var unspacedBefore = endsLine && before != Side.Space;
        var openBefore = before is Side.Space or Side.Comment or Side.Edge;
        var openAfter = after is Side.Space or Side.Comment or Side.Edge;
        var inconsistent = (before == Side.Space && !openAfter) || (!openBefore && after == Side.Space);
        // Which of the two checks applies is asked of the configuration only when one of them would report: most
        // operators are spaced both ways.
        if (!unspaced && !unspacedBefore && !inconsistent) return;

        // checkpatch --strict asks for spaces on both sides instead of consistent ones.
        if (PreferredSpacing.AppliesTo(context.Profile) && context.Configuration.EffectiveSeverity(PreferredSpacing, context.File.Path) is not null)
        {
            if (unspaced || unspacedBefore)
            {
                var format = unspaced ? "spaces preferred around that '{0}' " : "space preferred before that '{0}' ";
                Report(context, PreferredSpacing, fragment, token, format + $"(ctx:{(char)before}x{(char)after})", op);
            }

            return;
        }

        if (inconsistent) Report(context, Binary, fragment, token, "need consistent spacing around '{0}'", op);
    }

    private static void CheckSpacedBothSides(CSourceContext context, CFragment fragment, in CToken token, ReadOnlySpan<char> op, Side before,
        Side after, bool exemptTight)
    {
        if (before is Side.Edge or Side.Space or Side.Comment && after is Side.Comment or Side.Space or Side.Edge) return;
        if (exemptTight && before == Side.Value && after == Side.Value) return;
        Report(context, Binary, fragment, token, "spaces required around that '{0}'", op);
    }

    private enum ColonKind : byte
    {
        Conditional,
        CaseOrLabel,
        BitField,
        NotJudged,
    }

    private static void CheckColon(CSourceContext context, CFragment fragment, int index, Side before, Side after, bool spaced)
    {
        var token = fragment.Tokens[index];
        switch (ClassifyColon(fragment, index))
        {
            case ColonKind.Conditional:
                CheckSpacedBothSides(context, fragment, token, ":", before, after, exemptTight: true);
                break;
            case ColonKind.CaseOrLabel:
                if (before == Side.Space) context.Report(Colon, fragment, token, "space prohibited before that ':'");
                break;
            case ColonKind.BitField:
                if (spaced && (before == Side.Space || after == Side.Space)) context.Report(Colon, fragment, token, "spaces prohibited around that ':'");
                break;
        }
    }

    /// <summary>
    /// What a colon ends, from the tokens before it in its statement: a <c>?</c> makes it conditional, <c>case</c> or
    /// <c>default</c> a case label, one word alone a label or unnamed bit-field (<c>__u32 :32</c>), more words a named
    /// bit-field. Colons inside parentheses (asm operands) and after <c>asm</c> are not judged.
    /// </summary>
    private static ColonKind ClassifyColon(CFragment fragment, int index)
    {
        var tokens = fragment.Tokens.AsSpan();
        var depth = 0;
        var words = 0;
        for (var i = index - 1; i >= 0; i--)
        {
            var token = tokens[i];
            if (!token.IsCode) continue;
            if (token.IsSymbol(')') || token.IsSymbol(']'))
            {
                depth++;
                words++;
                continue;
            }

            if (token.IsSymbol('(') || token.IsSymbol('['))
            {
                if (depth == 0) return ColonKind.NotJudged;
                depth--;
                continue;
            }

            if (depth > 0) continue;
            if (token.IsSymbol('?')) return ColonKind.Conditional;
            if (token.IsSymbol(',')) return words == 0 ? ColonKind.NotJudged : ColonKind.BitField;
            if (token.IsSymbol(';') || token.IsSymbol('{') || token.IsSymbol('}') || token.Kind is CTokenKind.Preprocessor) break;
            if (token.Kind == CTokenKind.Keyword)
            {
                var word = fragment.TextOf(token);
                if (word is "case" or "default") return ColonKind.CaseOrLabel;
                if (word is "asm" or "__asm__" or "__asm") return ColonKind.NotJudged;
            }

            words++;
        }

        return words switch
        {
            0 => ColonKind.NotJudged,
            1 => ColonKind.CaseOrLabel,
            _ => ColonKind.BitField,
        };
    }

    private static void Report(CSourceContext context, RuleDescriptor rule, CFragment fragment, in CToken token, string format,
        ReadOnlySpan<char> op) =>
        context.Report(rule, fragment, token, string.Format(System.Globalization.CultureInfo.InvariantCulture, format, op.ToString()));
}
