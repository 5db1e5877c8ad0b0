using System.Collections.Immutable;
using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// Whether one line, read from its first token, starts a declaration the way kernel checkpatch's line tests read
/// it: a type then a name then <c>= , ; : [</c>, a function pointer <c>type (*name)</c>, two words side by side
/// (<c>foo_t bar;</c>, <c>struct_name *p;</c>) or a declaration macro (<c>DEFINE_MUTEX(</c>, <c>LIST_HEAD(</c>).
/// Attributes and sparse annotations (<c>const</c>, <c>__iomem</c>, <c>__aligned(8)</c>) are skipped.
/// </summary>
internal static class DeclarationLine
{
    /// <summary>True when the code of line <paramref name="line"/>, from its first token, reads as a declaration.</summary>
    public static bool Starts(CFragment fragment, int line)
    {
        ref readonly var cLine = ref fragment.Lines.ItemRef(line);
        // Each reading starts from a copy of one reader, so the line's leading attributes are skipped once.
        var start = new Reader(fragment, cLine.FirstToken, cLine.EndToken);
        var typed = start;
        if (typed.IsTypedDeclaration()) return true;
        var pair = start;
        return pair.IsWordPair() || start.IsDeclarationMacro();
    }

    /// <summary>The code of the line, attributes skipped, starts with one of the statement keywords checkpatch lists (<c>if</c>, <c>return</c>, <c>case</c> ...).</summary>
    public static bool StartsWithStatementKeyword(CFragment fragment, int line)
    {
        ref readonly var cLine = ref fragment.Lines.ItemRef(line);
        var reader = new Reader(fragment, cLine.FirstToken, cLine.EndToken);
        return reader.Current is { } token && token.Kind == CTokenKind.Keyword
            && fragment.TextOf(token) is "do" or "for" or "while" or "if" or "else" or "return" or "goto" or "continue" or "switch" or "default" or "case" or "break";
    }

    /// <summary>
    /// A word checkpatch treats as an attribute or sparse annotation and drops before reading a declaration: its
    /// modifiers (<see cref="TypeWords.IsModifier"/>) but <c>fastcall</c>, which this line test does not drop.
    /// </summary>
    public static bool IsAttribute(ReadOnlySpan<char> word) => TypeWords.IsModifier(word) && word is not "fastcall";

    /// <summary>A C type keyword that checkpatch's type list combines into one type (<c>unsigned long int</c>).</summary>
    public static bool IsBasicTypeWord(ReadOnlySpan<char> word) =>
        word is "void" or "char" or "short" or "int" or "long" or "signed" or "unsigned" or "float" or "double" or "bool";

    /// <summary>A forward reader over a line's code tokens that steps over attributes.</summary>
    private ref struct Reader(CFragment fragment, int position, int end)
    {
        private int _position = Skip(fragment, position, end);

        public readonly CToken? Current => _position < end ? fragment.Tokens[_position] : null;

        private readonly bool IsWord => Current is { Kind: CTokenKind.Identifier or CTokenKind.Keyword };

        private readonly ReadOnlySpan<char> Text => fragment.TextOf(fragment.Tokens.ItemRef(_position));

        private void Advance() => _position = Skip(fragment, _position + 1, end);

        /// <summary>The next code token at or after <paramref name="from"/> that is not an attribute (a bracketed argument of <c>__aligned</c>/<c>__alloc_size</c> included).</summary>
        private static int Skip(CFragment fragment, int from, int end)
        {
            var tokens = fragment.Tokens;
            var t = from;
            while (t < end)
            {
                var token = tokens[t];
                if (!token.IsCode)
                {
                    t++;
                    continue;
                }

                if (token.Kind is not (CTokenKind.Identifier or CTokenKind.Keyword)) return t;
                var text = fragment.TextOf(token);
                if (IsAttribute(text))
                {
                    t++;
                    continue;
                }

                if (text is "__aligned" or "__alloc_size")
                {
                    var open = CodeTokens.Next(fragment, t);
                    var close = open >= 0 && open < end && tokens[open].IsSymbol('(') ? fragment.Structure.MatchOf(open) : -1;
                    if (close < 0 || close >= end) return t;
                    t = close + 1;
                    continue;
                }

                return t;
            }

            return end;
        }

        private bool TakeSymbol(char symbol)
        {
            if (Current is not { } token || !token.IsSymbol(symbol)) return false;
            Advance();
            return true;
        }

        /// <summary>What may follow a declared name: <c>= , ; [</c>, and <c>:</c> (a bit field) when <paramref name="colon"/>.</summary>
        private readonly bool AtDeclaratorEnd(bool colon)
        {
            if (Current is not { } token || token.Length != 1) return false;
            return token.First switch
            {
                '=' or ',' or ';' or '[' => token.Kind is CTokenKind.Operator or CTokenKind.Punctuation,
                ':' => colon && token.Kind == CTokenKind.Operator,
                _ => false,
            };
        }

        /// <summary><c>[storage] [inline] type [*...] name</c> then <c>= , ; : [</c>, or <c>type (*name)</c> then one of those or <c>(</c>.</summary>
        public bool IsTypedDeclaration()
        {
            if (IsWord && Text is "extern" or "static" or "asmlinkage")
            {
                Advance();
                if (IsWord && Text is "inline" or "__always_inline" or "noinline" or "__inline" or "__inline__") Advance();
            }

            if (!TakeType(out var lastTypeWord)) return false;
            var stars = 0;
            while (Current is { } token)
            {
                if (token.IsSymbol('*'))
                {
                    stars++;
                    Advance();
                }
                else if (token.IsSymbol('[') && IsEmptyBrackets())
                {
                    Advance();
                    Advance();
                }
                else
                {
                    break;
                }
            }

            if (IsWord)
            {
                Advance();
                return AtDeclaratorEnd(colon: true);
            }

            // A run of type words whose last word is the name (`unsigned int;` reads as type `unsigned`, name `int`).
            if (stars == 0 && lastTypeWord >= 0 && AtDeclaratorEnd(colon: true) && fragment.Tokens[lastTypeWord].Kind == CTokenKind.Keyword) return true;
            if (!TakeSymbol('(') || !TakeSymbol('*') || !IsWord) return false;
            Advance();
            if (!TakeSymbol(')')) return false;
            return AtDeclaratorEnd(colon: true) || Current is { } open && open.IsSymbol('(');
        }

        private readonly bool IsEmptyBrackets()
        {
            var next = CodeTokens.Next(fragment, _position);
            return next >= 0 && next < end && fragment.Tokens[next].IsSymbol(']');
        }

        /// <summary>A type of checkpatch's list: <c>struct/union/enum name</c>, <c>typeof(...)</c>, a run of C type words or a typedef name.</summary>
        private bool TakeType(out int lastWord)
        {
            lastWord = -1;
            if (!IsWord) return false;
            var text = Text;
            if (text is "struct" or "union" or "enum")
            {
                Advance();
                if (!IsWord) return false;
                Advance();
                return true;
            }

            if (text is "typeof" or "__typeof__")
            {
                Advance();
                if (Current is not { } open || !open.IsSymbol('(')) return false;
                var close = fragment.Structure.MatchOf(_position);
                if (close < 0 || close >= end) return false;
                _position = Skip(fragment, close + 1, end);
                return true;
            }

            if (IsBasicTypeWord(text))
            {
                while (IsWord && IsBasicTypeWord(Text))
                {
                    lastWord = _position;
                    Advance();
                }

                return true;
            }

            if (!TypedefNames.IsTypeName(text)) return false;
            Advance();
            return true;
        }

        /// <summary>Two words, or a word, <c>*</c> and a word, then <c>= , ; [</c>: <c>foo_t bar;</c>, but also <c>return ret;</c> as checkpatch reads it.</summary>
        public bool IsWordPair()
        {
            if (!IsWord) return false;
            Advance();
            TakeSymbol('*');
            if (!IsWord) return false;
            Advance();
            return AtDeclaratorEnd(colon: false);
        }

        /// <summary><c>[storage] DEFINE_X(</c>/<c>DECLARE_X(</c> (two prefixes at most), <c>LIST_HEAD(</c>, the crypto <c>*_ON_STACK(</c> and <c>XA_STATE(</c>.</summary>
        public bool IsDeclarationMacro()
        {
            if (IsWord && Text is "extern" or "static" or "asmlinkage") Advance();
            if (Current is not { Kind: CTokenKind.Identifier }) return false;
            var name = Text;
            Advance();
            if (Current is not { } open || !open.IsSymbol('(')) return false;
            return name is "LIST_HEAD" or "HLIST_HEAD" or "LLIST_HEAD" or "PLIST_HEAD" or "XA_STATE" or "XA_STATE_ORDER"
                or "SKCIPHER_REQUEST_ON_STACK" or "SHASH_DESC_ON_STACK" or "AHASH_REQUEST_ON_STACK"
                || IsDefineOrDeclareName(name);
        }

        /// <summary>Upper-case words joined by <c>_</c>: up to two before <c>DEFINE</c> or <c>DECLARE</c> and one to six after it.</summary>
        private static bool IsDefineOrDeclareName(ReadOnlySpan<char> name)
        {
            foreach (var c in name)
            {
                if (c is not ((>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_')) return false;
            }

            var parts = 0;
            var keyword = -1;
            var after = 0;
            foreach (var range in name.Split('_'))
            {
                var part = name[range];
                if (keyword < 0 && part is "DEFINE" or "DECLARE")
                {
                    keyword = parts;
                }
                else if (keyword >= 0)
                {
                    if (part.IsEmpty) return false;
                    after++;
                }

                parts++;
            }

            return keyword >= 0 && keyword <= 2 && after is >= 1 and <= 6;
        }
    }
}
