using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// A declaration as kernel checkpatch's line patterns read one (its <c>$Declare</c>, and <c>$Type</c> followed by a
/// name): an optional storage class and inline word, the type (modifiers and qualifiers, a base type it knows by
/// spelling, see <see cref="TypeWords"/>, or one it would have learned, then <c>*</c>s, qualifiers and modifiers)
/// and the declared name. All of it is
/// on one line with only blanks between, as the script reads each line on its own and a comment breaks its patterns.
/// Token indexes are into <see cref="CFragment.Tokens"/>; <see cref="Storage"/> and <see cref="Name"/> are -1 when absent.
/// The rules that ask where an attribute such as <c>__read_mostly</c> or <c>__initdata</c> stands, whether a type is
/// const or a pointer, or whether a line starts with a declaration read it here.
/// </summary>
/// <param name="Storage">The <c>static</c>/<c>extern</c>/<c>asmlinkage</c> word.</param>
/// <param name="TypeFirst">The type's first token: a leading modifier or the base type.</param>
/// <param name="BaseFirst">The base type's first token (<c>unsigned</c> of <c>unsigned long</c>, <c>struct</c> of <c>struct foo</c>).</param>
/// <param name="BaseLast">The base type's last token.</param>
/// <param name="TypeLast">The type's last token: the base type, or the last trailing <c>*</c>, qualifier or modifier.</param>
/// <param name="Name">The word after the type.</param>
internal readonly record struct LineDeclaration(int Storage, int TypeFirst, int BaseFirst, int BaseLast, int TypeLast, int Name)
{
    /// <summary>
    /// Reads a declaration whose storage class (when <paramref name="storage"/>) or type starts at token
    /// <paramref name="first"/>; null when no type checkpatch knows starts there. When the word after the type is not
    /// a name but the type ends in a modifier word, that word is the name, as the script's backtracking reads
    /// <c>int __read_mostly;</c>.
    /// </summary>
    /// <param name="withAttribute">
    /// Also take <c>struct __initdata foo</c> (a section attribute between the keyword and the tag) for a base type,
    /// as checkpatch's <c>$NonptrTypeWithAttr</c> does.
    /// </param>
    /// <param name="learnedTypes">Also take a name checkpatch learns for a type on the line itself (<see cref="IsLearnedTypeName"/>).</param>
    public static LineDeclaration? Read(CFragment fragment, int first, bool storage, bool learnedTypes, bool withAttribute = false)
    {
        var tokens = fragment.Tokens;
        var storageWord = -1;
        var at = first;
        if (storage && IsWord(tokens[at]) && TypeWords.IsStorage(fragment.TextOf(tokens[at])))
        {
            storageWord = at;
            at = TypeWords.AdjacentAfter(fragment, at);
            if (at >= 0 && IsWord(tokens[at]) && TypeWords.IsInline(fragment.TextOf(tokens[at]))) at = TypeWords.AdjacentAfter(fragment, at);
            if (at < 0) return null;
        }

        var typeFirst = at;
        while (IsWord(tokens[at]) && TypeWords.IsModifier(fragment.TextOf(tokens[at])))
        {
            at = TypeWords.AdjacentAfter(fragment, at);
            if (at < 0) return null;
        }

        var baseLast = withAttribute ? AttributedTagEnd(fragment, at) : -1;
        if (baseLast < 0) baseLast = TypeWords.BaseTypeEnd(fragment, at);
        if (baseLast < 0 && learnedTypes && IsLearnedTypeName(fragment, at)) baseLast = at;
        if (baseLast < 0) return null;
        var typeLast = baseLast;
        for (var next = TypeWords.AdjacentAfter(fragment, typeLast); next >= 0; next = TypeWords.AdjacentAfter(fragment, typeLast))
        {
            if (!tokens[next].IsSymbol('*') && !(IsWord(tokens[next]) && TypeWords.IsModifier(fragment.TextOf(tokens[next])))) break;
            typeLast = next;
        }

        var name = TypeWords.AdjacentAfter(fragment, typeLast);
        if (name >= 0 && !IsWord(tokens[name])) name = -1;
        if (name < 0 && typeLast > baseLast && IsWord(tokens[typeLast]))
        {
            name = typeLast;
            typeLast = TypeWords.Adjacent(fragment, typeLast);
        }

        return new LineDeclaration(storageWord, typeFirst, at, baseLast, typeLast, name);
    }

    /// <summary>
    /// An identifier that a <c>*</c> or a name (a word that is not a modifier) follows: checkpatch takes the first word
    /// of such a declaration for a type name (and every word at the start of a line at column 0) before its other
    /// checks read the line. Followed by a modifier (<c>foo_info __initdata x</c>) it learns the name as a modifier
    /// instead, and no type is there.
    /// </summary>
    private static bool IsLearnedTypeName(CFragment fragment, int at)
    {
        var tokens = fragment.Tokens;
        if (tokens[at].Kind != CTokenKind.Identifier) return false;
        var next = TypeWords.AdjacentAfter(fragment, at);
        if (next < 0) return false;
        return tokens[next].IsSymbol('*') || (tokens[next].Kind == CTokenKind.Identifier && !TypeWords.IsModifier(fragment.TextOf(tokens[next])));
    }

    /// <summary>The tag of <c>struct</c> or <c>union</c>, a section attribute and a tag starting at <paramref name="at"/>, or -1.</summary>
    private static int AttributedTagEnd(CFragment fragment, int at)
    {
        var tokens = fragment.Tokens;
        if (!fragment.Is(tokens[at], "struct") && !fragment.Is(tokens[at], "union")) return -1;
        var attribute = TypeWords.AdjacentAfter(fragment, at);
        if (attribute < 0 || !TypeWords.IsInitAttribute(fragment.TextOf(tokens[attribute]))) return -1;
        var tag = TypeWords.AdjacentAfter(fragment, attribute);
        return tag >= 0 && tokens[tag].Kind == CTokenKind.Identifier ? tag : -1;
    }

    /// <summary>The type ends in <c>*</c>: checkpatch's test of a pointer type (<c>char *const</c> is not one to it).</summary>
    public bool IsPointer(CFragment fragment) => fragment.Tokens[TypeLast].IsSymbol('*');

    /// <summary>The type has the word <c>const</c>, before or after the base type.</summary>
    public bool IsConst(CFragment fragment)
    {
        for (var t = TypeFirst; t <= TypeLast; t++)
        {
            if (fragment.Is(fragment.Tokens[t], "const")) return true;
        }

        return false;
    }

    /// <summary>
    /// The first token of the type from the base type on that blanks follow on the line, or -1: the earliest place
    /// where checkpatch's <c>$Declare\s</c> can end, since its pattern may stop after any of them.
    /// </summary>
    public int FirstSpacedTypeToken(CFragment fragment)
    {
        var tokens = fragment.Tokens;
        for (var t = BaseLast; t <= TypeLast; t++)
        {
            if (t + 1 < tokens.Length && tokens[t + 1].Line == tokens[t].Line && TypeWords.SpaceBetween(fragment, t)) return t;
        }

        return -1;
    }

    private static bool IsWord(in CToken token) => token.Kind is CTokenKind.Identifier or CTokenKind.Keyword;
}
