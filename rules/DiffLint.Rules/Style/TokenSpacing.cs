using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>What an operator touches on one side, in checkpatch's letters (its <c>ctx:VxW</c> notation).</summary>
internal enum Side : byte
{
    /// <summary>A value: identifier, number, literal or closing bracket.</summary>
    Value = (byte)'V',

    /// <summary>A blank.</summary>
    Space = (byte)'W',

    /// <summary>The line edge: nothing but indentation before, or nothing (or a continuation backslash) after.</summary>
    Edge = (byte)'E',

    /// <summary><c>(</c> or <c>[</c> before; <c>)</c>, <c>]</c> or <c>;</c> after.</summary>
    Bracket = (byte)'B',

    /// <summary>Another operator, with no blank between.</summary>
    Operator = (byte)'O',

    /// <summary>A comment, with no blank between.</summary>
    Comment = (byte)'C',
}

/// <summary>What the operand before an operator is, which decides whether <c>*</c>, <c>&amp;</c>, <c>-</c>, <c>+</c> are unary.</summary>
internal enum OperandBefore : byte
{
    /// <summary>A value: the operator is binary.</summary>
    Value,

    /// <summary>No value (start, an operator, an open bracket, a keyword such as <c>return</c>, a cast): the operator is unary.</summary>
    None,

    /// <summary>A type name: a <c>*</c> here declares a pointer.</summary>
    Type,
}

/// <summary>Token-neighbourhood queries shared by the spacing rules. Nothing here allocates.</summary>
internal static class TokenSpacing
{
    /// <summary>No real type has more stars, qualifiers and comments between a <c>*</c> and its <c>)</c>.</summary>
    private const int MaxTypeTail = 32;

    public static bool IsBlank(char c) => c is ' ' or '\t';

    /// <summary>What token <paramref name="index"/> touches on its left.</summary>
    public static Side Before(CFragment fragment, int index)
    {
        // By reference: asked for every operator and separator, and a line is a large struct to copy.
        ref readonly var token = ref fragment.Tokens.ItemRef(index);
        var text = fragment.Lines.ItemRef(token.Line).Text;
        // Back over the blanks before the token only, not over the whole line up to it.
        var lastNonBlank = token.Start - 1;
        while (lastNonBlank >= 0 && text[lastNonBlank] is ' ' or '\t' or '\r') lastNonBlank--;
        if (lastNonBlank < 0) return Side.Edge;
        if (IsBlank(text[token.Start - 1])) return Side.Space;
        ref readonly var previous = ref fragment.Tokens.ItemRef(index - 1);
        if (previous.IsComment) return Side.Comment;
        if (previous.IsSymbol('(') || previous.IsSymbol('[')) return Side.Bracket;
        return previous.Kind == CTokenKind.Operator ? Side.Operator : Side.Value;
    }

    /// <summary>What token <paramref name="index"/> touches on its right.</summary>
    public static Side After(CFragment fragment, int index)
    {
        ref readonly var token = ref fragment.Tokens.ItemRef(index);
        var text = fragment.Lines.ItemRef(token.Line).Text;
        var rest = text[token.End..].TrimEnd(" \t\r");
        if (rest.IsEmpty || rest is "\\") return Side.Edge;
        if (IsBlank(rest[0])) return Side.Space;
        ref readonly var next = ref fragment.Tokens.ItemRef(index + 1);
        if (next.IsComment) return Side.Comment;
        if (next.IsSymbol(')') || next.IsSymbol(']') || next.IsSymbol(';')) return Side.Bracket;
        return next.Kind == CTokenKind.Operator ? Side.Operator : Side.Value;
    }

    /// <summary>Classifies what stands before the operator at <paramref name="index"/>.</summary>
    public static OperandBefore OperandOf(CFragment fragment, int index)
    {
        var p = CodeTokens.Previous(fragment, index);
        if (p < 0) return OperandBefore.None;
        var previous = fragment.Tokens[p];
        switch (previous.Kind)
        {
            case CTokenKind.Number or CTokenKind.String or CTokenKind.Char:
                return OperandBefore.Value;
            case CTokenKind.Identifier:
                if (IsDefinedName(fragment, p)) return OperandBefore.None;
                return IsTypeName(fragment, p) ? OperandBefore.Type : OperandBefore.Value;
            case CTokenKind.Keyword:
                if (IsTypeKeyword(fragment.TextOf(previous))) return OperandBefore.Type;
                return IsValueKeyword(fragment.TextOf(previous)) ? OperandBefore.Value : OperandBefore.None;
            case CTokenKind.Punctuation when previous.First == ']':
                return OperandBefore.Value;
            case CTokenKind.Punctuation when previous.First == ')':
                return IsCastClose(fragment, p) || IsConditionClose(fragment, p) ? OperandBefore.None : OperandBefore.Value;
            default:
                return OperandBefore.None;
        }
    }

    /// <summary>True when the identifier at <paramref name="index"/> is the name a <c>#define</c> defines: its body starts after it.</summary>
    private static bool IsDefinedName(CFragment fragment, int index)
    {
        var p = CodeTokens.Previous(fragment, index);
        return p >= 0 && fragment.Tokens[p].Kind == CTokenKind.Preprocessor && fragment.TextOf(fragment.Tokens[p]).EndsWith("define");
    }

    /// <summary>True when the <c>)</c> at <paramref name="close"/> ends the condition of <c>if</c>, <c>while</c>, <c>for</c> or <c>switch</c>.</summary>
    public static bool IsConditionClose(CFragment fragment, int close)
    {
        var open = fragment.Structure.MatchOf(close);
        if (open < 0) return false;
        var before = CodeTokens.Previous(fragment, open);
        return before >= 0 && fragment.Tokens[before].Kind == CTokenKind.Keyword
            && fragment.TextOf(fragment.Tokens[before]) is "if" or "while" or "for" or "switch";
    }

    /// <summary>
    /// True when the identifier at <paramref name="index"/> names a type: a tag after <c>struct</c>/<c>union</c>/<c>enum</c>,
    /// or a typedef spelled the usual ways (<c>size_t</c>, <c>u8</c>, <c>__u32</c>, <c>uint64_t</c>).
    /// </summary>
    public static bool IsTypeName(CFragment fragment, int index)
    {
        var p = CodeTokens.Previous(fragment, index);
        if (p >= 0 && fragment.Tokens[p].Kind == CTokenKind.Keyword && fragment.TextOf(fragment.Tokens[p]) is "struct" or "union" or "enum")
            return true;
        return IsTypedefName(fragment.TextOf(fragment.Tokens[index]));
    }

    /// <summary>
    /// Typedef names by their spelling: checkpatch's (<see cref="TypedefNames.IsTypeName"/>) and the kernel's 128-bit
    /// <c>u128</c>/<c>s128</c>/<c>__u128</c>, which its list lacks but which are as plainly types in a cast.
    /// </summary>
    private static bool IsTypedefName(ReadOnlySpan<char> name) =>
        TypedefNames.IsTypeName(name) || (name.StartsWith("__") ? name[2..] : name) is "u128" or "s128" or "le128" or "be128";

    public static bool IsTypeKeyword(ReadOnlySpan<char> word) => word is "void" or "char" or "short" or "int" or "long" or "float"
        or "double" or "signed" or "unsigned" or "bool" or "_Bool" or "_Complex" or "const" or "volatile" or "restrict" or "__restrict"
        or "__restrict__" or "__const" or "__const__" or "__volatile__" or "__signed__" or "_Atomic";

    private static bool IsValueKeyword(ReadOnlySpan<char> word) => word is "true" or "false" or "nullptr";

    /// <summary>
    /// True when the <c>)</c> at <paramref name="close"/> ends a cast: the parentheses hold only a type (type keywords,
    /// a typedef or tag name, stars, or one name alone outside a macro body) and do not follow a function name,
    /// <c>sizeof</c> or another value.
    /// </summary>
    public static bool IsCastClose(CFragment fragment, int close)
    {
        var open = fragment.Structure.MatchOf(close);
        if (open < 0 || close - open < 2) return false;
        var tokens = fragment.Tokens.AsSpan();
        var sawType = false;
        for (var i = open + 1; i < close; i++)
        {
            var token = tokens[i];
            if (token.IsComment) continue;
            if (token.IsSymbol('*')) continue;
            if (token.Kind == CTokenKind.Keyword)
            {
                var word = fragment.TextOf(token);
                if (IsTypeKeyword(word) || word is "struct" or "union" or "enum")
                {
                    sawType = true;
                    continue;
                }

                return false;
            }

            if (token.Kind != CTokenKind.Identifier) return false;
            if (IsTypeName(fragment, i)) sawType = true;
        }

        // A lone name in parentheses outside a macro body is a cast to a typedef ("(ulong)&data"); macro bodies
        // parenthesize their arguments ("(x)&mask"), so there it stays a value.
        var loneName = close - open == 2 && tokens[open + 1].Kind == CTokenKind.Identifier && !tokens[close].InDirective;
        if (!sawType && !loneName && !tokens[close - 1].IsSymbol('*')) return false;
        var before = CodeTokens.Previous(fragment, open);
        if (before < 0) return true;
        var b = tokens[before];
        return b.Kind is not (CTokenKind.Identifier or CTokenKind.Number) && !(b.Kind == CTokenKind.Keyword && fragment.Is(b, "sizeof"))
            && !b.IsSymbol(')') && !b.IsSymbol(']');
    }

    /// <summary>
    /// True when the <c>*</c> at <paramref name="index"/> is followed (after more stars and qualifiers) by <c>)</c>: a type in a cast, sizeof or prototype.
    /// The look-ahead stops after <see cref="MaxTypeTail"/> tokens, so that a line of thousands of stars or comments is
    /// read in linear time (each star would otherwise scan all the stars after it).
    /// </summary>
    public static bool EndsTypeInParentheses(CFragment fragment, int index)
    {
        var tokens = fragment.Tokens.AsSpan();
        var end = Math.Min(tokens.Length, index + 1 + MaxTypeTail);
        for (var i = index + 1; i < end; i++)
        {
            var token = tokens[i];
            if (token.IsComment || token.IsSymbol('*')) continue;
            if (token.Kind == CTokenKind.Keyword && IsTypeKeyword(fragment.TextOf(token))) continue;
            return token.IsSymbol(')');
        }

        return false;
    }
}
