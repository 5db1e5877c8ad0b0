using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// The top level of a <c>#define</c> body with bracketed groups collapsed, as the macro rules judge it: how it
/// starts, its statements, and whether it is one operand or an expression that needs parentheses.
/// </summary>
internal readonly record struct MacroBodyShape(
    bool StartsWithIf,
    bool StartsWithStatementKeyword,
    bool IsWrapped,
    bool IsExempt,
    int Semicolons,
    bool EndsWithSemicolon,
    bool HasTopLevelComma,
    bool HasBinaryOperator,
    bool HasJuxtaposedOperands,
    int Items)
{
    /// <summary>More than a single value, without a statement: what needs parentheses.</summary>
    public bool IsComplexValue => !IsWrapped && !IsExempt && !StartsWithIf && !StartsWithStatementKeyword && Semicolons == 0
        && (HasBinaryOperator || HasJuxtaposedOperands || (HasTopLevelComma && Items > 1));

    /// <summary>Statements not wrapped in <c>do { } while (0)</c> or <c>({ })</c> (a lone <c>f();</c> excepted).</summary>
    public bool IsUnwrappedStatements => !IsWrapped && !IsExempt && (StartsWithIf || Semicolons > 1 || (Semicolons == 1 && !(EndsWithSemicolon && Items == 1)));

    /// <summary>The shape of <paramref name="macro"/>'s body, or null when the hunk does not show all of it.</summary>
    public static MacroBodyShape? Of(CFragment fragment, in CMacro macro)
    {
        if (macro.NameToken < 0 || macro.BodyFirst < 0) return null;
        var tokens = fragment.Tokens;
        var last = tokens[^1];
        if (macro.LastLine == fragment.Lines.Length - 1 && last.Kind == CTokenKind.Continuation) return null;
        var structure = fragment.Structure;
        var first = tokens[macro.BodyFirst];
        var firstText = fragment.TextOf(first);
        var second = CodeTokens.Next(fragment, macro.BodyFirst);
        var wrapped = firstText is "do"
            || (first.IsSymbol('(') && second >= 0 && second <= macro.BodyLast && tokens[second].IsSymbol('{'))
            || (firstText is "while" or "for");
        var exempt = first.Kind is CTokenKind.String || tokens[macro.BodyLast].Kind is CTokenKind.String
            || first.IsSymbol('[') || first.IsSymbol('#') || first.IsSymbol('.') || IsDeclarationStart(fragment, macro.BodyFirst, macro.BodyLast);

        int semicolons = 0, items = 0;
        bool comma = false, binary = false, juxtaposed = false, endsWithSemicolon = false;
        var afterOperand = false;
        var previousWasString = false;
        for (var t = macro.BodyFirst; t >= 0 && t <= macro.BodyLast; t = CodeTokens.Next(fragment, t))
        {
            var token = tokens[t];
            var text = fragment.TextOf(token);
            endsWithSemicolon = false;
            if (token.Kind != CTokenKind.String && token.Kind != CTokenKind.Identifier) previousWasString = false;
            if (token.Kind is CTokenKind.Identifier or CTokenKind.Number or CTokenKind.String or CTokenKind.Char or CTokenKind.Keyword
                || token.IsSymbol('(') || token.IsSymbol('[') || token.IsSymbol('{'))
            {
                if (token.Kind == CTokenKind.Keyword && text is "struct" or "union" or "enum" or "typeof" or "__typeof__" or "__typeof")
                {
                    exempt = true;
                }

                var isGroup = token.Kind is CTokenKind.Punctuation;
                var continuesOperand = isGroup && afterOperand && !token.IsSymbol('{');
                // Adjacent string literals and names around them are one string (KBUILD_MODNAME ": " fmt).
                var joinsStrings = afterOperand && (token.Kind == CTokenKind.String || (previousWasString && token.Kind == CTokenKind.Identifier));
                previousWasString = token.Kind == CTokenKind.String;
                if (afterOperand && !continuesOperand && !joinsStrings) juxtaposed = true;
                if (!afterOperand) items++;
                afterOperand = true;
                if (isGroup)
                {
                    var close = structure.MatchOf(t);
                    if (close < 0 || close > macro.BodyLast) return null;
                    t = close;
                }

                continue;
            }

            if (token.IsSymbol(';'))
            {
                semicolons++;
                endsWithSemicolon = true;
                afterOperand = false;
                continue;
            }

            if (token.IsSymbol(','))
            {
                comma = true;
                afterOperand = false;
                continue;
            }

            if (token.Kind == CTokenKind.Operator)
            {
                if (text is "->" or "." or "##")
                {
                    afterOperand = false;
                    items--;
                    continue;
                }

                if (afterOperand && text is not ("++" or "--")) binary = true;
                afterOperand = false;
            }
        }

        var statementKeyword = firstText is "return" or "goto" or "break" or "continue" or "switch" or "else";
        return new MacroBodyShape(firstText is "if", statementKeyword, wrapped, exempt, semicolons, endsWithSemicolon, comma, binary, juxtaposed, items);
    }

    /// <summary>A declaration: the body starts with a type, qualifier or storage class (an <c>extern</c> only when a type follows).</summary>
    private static bool IsDeclarationStart(CFragment fragment, int first, int last)
    {
        var token = fragment.Tokens[first];
        if (token.Kind != CTokenKind.Keyword) return false;
        var text = fragment.TextOf(token);
        if (text is "extern")
        {
            var next = CodeTokens.Next(fragment, first);
            return next >= 0 && next <= last && fragment.Tokens[next].Kind == CTokenKind.Keyword;
        }

        return text is "static" or "const" or "volatile" or "inline" or "typedef" or "register" or "void" or "char" or "short" or "int"
            or "long" or "float" or "double" or "signed" or "unsigned" or "bool" or "_Bool" or "__attribute__" or "__attribute"
            or "asm" or "__asm__" or "__asm" or "_Static_assert" or "static_assert";
    }
}
