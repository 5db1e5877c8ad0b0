using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// Kernel checkpatch's idea of a type, read on tokens: the base types it knows (C's arithmetic words, <c>void</c>,
/// <c>bool</c>, <c>struct</c>/<c>union</c>/<c>enum</c> tags, names ending in <c>_t</c>/<c>_handler</c>/<c>_handler_fn</c>,
/// the kernel's <c>u8</c>..<c>__le64</c>, the BSD/SysV <c>u_int</c>/<c>uint</c> and <c>FILE</c>), with qualifiers,
/// attributes and sparse annotations around them and <c>*</c>s after. Checkpatch also learns type names from
/// declarations it has read; those are not known here, so a check built on this misses such types rather than guess.
/// All words of one type are on one line with only blanks between them, as checkpatch reads each line on its own
/// and a comment there breaks its patterns.
/// </summary>
internal static class TypeWords
{
    /// <summary>The C words checkpatch's type list is made of (in any order: its list also has the misordered forms).</summary>
    public static bool IsBasicWord(ReadOnlySpan<char> word) =>
        word is "void" or "char" or "short" or "int" or "long" or "signed" or "unsigned" or "float" or "double" or "bool";

    /// <summary>Checkpatch's <c>$Storage</c>.</summary>
    public static bool IsStorage(ReadOnlySpan<char> word) => word is "extern" or "static" or "asmlinkage";

    /// <summary>Checkpatch's <c>$Inline</c>.</summary>
    public static bool IsInline(ReadOnlySpan<char> word) =>
        word is "inline" or "__always_inline" or "noinline" or "__inline" or "__inline__";

    /// <summary>Checkpatch's <c>$Modifier</c> words (<c>$Attribute</c> and <c>$Sparse</c>, <c>const</c> included) that take no arguments.</summary>
    public static bool IsModifier(ReadOnlySpan<char> word) => word switch
    {
        "const" or "volatile" or "__percpu" or "__nocast" or "__safe" or "__bitwise" or "__packed__" or "__packed2__" or
        "__naked" or "__maybe_unused" or "__always_unused" or "__noreturn" or "__used" or "__cold" or "__pure" or
        "__noclone" or "__deprecated" or "__read_mostly" or "__ro_after_init" or "__kprobes" or "__weak" or
        "____cacheline_aligned" or "____cacheline_aligned_in_smp" or "____cacheline_internodealigned_in_smp" or
        "__user" or "__kernel" or "__force" or "__iomem" or "__must_check" or "__ref" or "__refconst" or "__refdata" or
        "__rcu" or "__private" or "fastcall" => true,
        _ => IsInitAttribute(word),
    };

    /// <summary>Checkpatch's <c>$Attribute</c> words that take no arguments: the modifiers less the sparse annotations.</summary>
    public static bool IsAttribute(ReadOnlySpan<char> word) =>
        IsModifier(word) && word is not ("__user" or "__kernel" or "__force" or "__iomem" or "__must_check" or "__ref" or
            "__refconst" or "__refdata" or "__rcu" or "__private" or "fastcall");

    /// <summary><c>__init</c>, <c>__initdata</c>, <c>__initconst</c> and their <c>__mem</c>/<c>__cpu</c>/<c>__dev</c>/<c>__net_</c> forms.</summary>
    public static bool IsInitAttribute(ReadOnlySpan<char> word)
    {
        if (!word.StartsWith("__")) return false;
        var rest = word[2..];
        if (rest.StartsWith("mem") || rest.StartsWith("cpu") || rest.StartsWith("dev")) rest = rest[3..];
        else if (rest.StartsWith("net_")) rest = rest[4..];
        return rest is "init" or "initdata" or "initconst";
    }

    /// <summary>The code token before <paramref name="index"/> when it is on the same line with only blanks between; else -1.</summary>
    public static int Adjacent(CFragment fragment, int index)
    {
        if (index <= 0) return -1;
        var tokens = fragment.Tokens;
        var before = tokens[index - 1];
        if (!before.IsCode || before.Line != tokens[index].Line) return -1;
        return index - 1;
    }

    /// <summary>The code token after <paramref name="index"/> when it is on the same line with only blanks between; else -1.</summary>
    public static int AdjacentAfter(CFragment fragment, int index)
    {
        var tokens = fragment.Tokens;
        if (index + 1 >= tokens.Length) return -1;
        var after = tokens[index + 1];
        if (!after.IsCode || after.Line != tokens[index].Line) return -1;
        return index + 1;
    }

    /// <summary>True when blanks separate token <paramref name="first"/> from the next token <paramref name="first"/>+1.</summary>
    public static bool SpaceBetween(CFragment fragment, int first) => fragment.Tokens[first].End < fragment.Tokens[first + 1].Start;

    private static bool IsWord(CFragment fragment, in CToken token) => token.Kind is CTokenKind.Identifier or CTokenKind.Keyword;

    /// <summary>
    /// The first token of the base type that ends at token <paramref name="last"/> (the last word of <c>unsigned long</c>,
    /// the tag of <c>struct foo</c>, a typedef name), or -1 when <paramref name="last"/> does not end one.
    /// </summary>
    public static int BaseTypeStart(CFragment fragment, int last)
    {
        var tokens = fragment.Tokens;
        var token = tokens[last];
        if (!IsWord(fragment, token)) return -1;
        var word = fragment.TextOf(token);
        if (IsBasicWord(word))
        {
            var start = last;
            while (true)
            {
                var before = Adjacent(fragment, start);
                if (before < 0 || !IsWord(fragment, tokens[before]) || !IsIntegerWord(fragment.TextOf(tokens[before]))) return start;
                start = before;
            }
        }

        if (token.Kind != CTokenKind.Identifier) return -1;
        var tag = Adjacent(fragment, last);
        if (tag >= 0 && (fragment.Is(tokens[tag], "struct") || fragment.Is(tokens[tag], "union") || fragment.Is(tokens[tag], "enum"))) return tag;
        return TypedefNames.IsTypeName(word) ? last : -1;
    }

    private static bool IsIntegerWord(ReadOnlySpan<char> word) => word is "char" or "short" or "int" or "long" or "signed" or "unsigned";

    /// <summary>
    /// The first token of a whole type (checkpatch's <c>$Type</c>) ending at token <paramref name="last"/>: the base type
    /// with any qualifiers and modifiers before and after it, <c>*</c>s and <c>const</c> after it and inline or modifier
    /// words after those; -1 when <paramref name="last"/> does not end one.
    /// </summary>
    public static int TypeStart(CFragment fragment, int last)
    {
        var tokens = fragment.Tokens;
        var at = last;
        // Back over what may follow the base type: modifiers, inline words, const and pointer stars.
        while (at >= 0)
        {
            var token = tokens[at];
            var isTail = token.IsSymbol('*') ||
                         (IsWord(fragment, token) && (IsModifier(fragment.TextOf(token)) || IsInline(fragment.TextOf(token))));
            if (!isTail) break;
            at = Adjacent(fragment, at);
        }

        if (at < 0) return -1;
        var start = BaseTypeStart(fragment, at);
        if (start < 0) return -1;
        while (true)
        {
            var before = Adjacent(fragment, start);
            if (before < 0 || !IsWord(fragment, tokens[before]) || !IsModifier(fragment.TextOf(tokens[before]))) return start;
            start = before;
        }
    }

    /// <summary>
    /// The last token of the base type starting at token <paramref name="first"/> (a run of C's arithmetic words,
    /// <c>struct foo</c>, a typedef name), or -1 when none starts there.
    /// </summary>
    public static int BaseTypeEnd(CFragment fragment, int first)
    {
        var tokens = fragment.Tokens;
        var token = tokens[first];
        if (!IsWord(fragment, token)) return -1;
        var word = fragment.TextOf(token);
        if (IsIntegerWord(word))
        {
            var end = first;
            while (true)
            {
                var after = AdjacentAfter(fragment, end);
                if (after < 0 || !IsWord(fragment, tokens[after]) || !IsIntegerWord(fragment.TextOf(tokens[after]))) return end;
                end = after;
            }
        }

        if (IsBasicWord(word)) return first;
        if (word is "struct" or "union" or "enum")
        {
            var tag = AdjacentAfter(fragment, first);
            return tag >= 0 && tokens[tag].Kind == CTokenKind.Identifier ? tag : -1;
        }

        return token.Kind == CTokenKind.Identifier && TypedefNames.IsTypeName(word) ? first : -1;
    }

    /// <summary>
    /// The last token of a whole type (checkpatch's <c>$Type</c>) starting at token <paramref name="first"/>: leading
    /// modifiers, the base type, then modifiers, <c>const</c> and <c>*</c>s; -1 when no type starts there.
    /// </summary>
    public static int TypeEnd(CFragment fragment, int first)
    {
        var tokens = fragment.Tokens;
        var at = first;
        while (IsWord(fragment, tokens[at]) && IsModifier(fragment.TextOf(tokens[at])))
        {
            at = AdjacentAfter(fragment, at);
            if (at < 0) return -1;
        }

        var end = BaseTypeEnd(fragment, at);
        if (end < 0) return -1;
        while (true)
        {
            var after = AdjacentAfter(fragment, end);
            if (after < 0) return end;
            var token = tokens[after];
            if (!token.IsSymbol('*') && !(IsWord(fragment, token) && IsModifier(fragment.TextOf(token)))) return end;
            end = after;
        }
    }

    /// <summary>The text of tokens <paramref name="first"/>..<paramref name="last"/>, which are on one line.</summary>
    public static string TextOf(CFragment fragment, int first, int last)
    {
        var tokens = fragment.Tokens;
        return fragment.Lines[tokens[first].Line].Text[tokens[first].Start..tokens[last].End].ToString();
    }
}
