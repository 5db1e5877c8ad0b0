using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// checkpatch's idea of a declaration on one line (its <c>$Declare</c>: storage class, modifiers, a type it knows,
/// pointers) read from tokens, for the strict rules that look at declared types.
/// </summary>
internal static class CDeclarationShape
{
    // Qualifiers and declarator stars a real type has at most (checkpatch allows four pointer groups); the bound keeps
    // a line of a thousand 'const' from being read once per start position.
    private const int MaxQualifiers = 16;

    /// <summary>
    /// The end (exclusive) of a type starting at token <paramref name="start"/> and not running past
    /// <paramref name="end"/>, storage class and pointers included; -1 when no known type starts there.
    /// </summary>
    public static int TypeEnd(CFragment fragment, int start, int end)
    {
        var tokens = fragment.Tokens;
        var t = start;
        if (t < end && IsWord(tokens[t]) && IsStorage(fragment.TextOf(tokens[t])))
        {
            t++;
            if (t < end && IsWord(tokens[t]) && IsInline(fragment.TextOf(tokens[t]))) t++;
        }

        var limit = Math.Min(end, start + MaxQualifiers);
        while (t < limit && IsWord(tokens[t]) && IsModifier(fragment.TextOf(tokens[t]))) t++;
        t = BaseTypeEnd(fragment, t, end);
        if (t < 0) return -1;
        limit = Math.Min(end, t + MaxQualifiers);
        while (t < limit && IsWord(tokens[t]) && IsModifier(fragment.TextOf(tokens[t]))) t++;
        while (t < limit)
        {
            var token = tokens[t];
            if (token.IsSymbol('*') || (IsWord(token) && fragment.Is(token, "const"))) t++;
            else if (token.IsSymbol('[') && t + 1 < end && tokens[t + 1].IsSymbol(']')) t += 2;
            else break;
        }

        limit = Math.Min(end, t + MaxQualifiers);
        while (t < limit && IsWord(tokens[t]) && (IsModifier(fragment.TextOf(tokens[t])) || IsInline(fragment.TextOf(tokens[t])))) t++;
        return t;
    }

    private static int BaseTypeEnd(CFragment fragment, int t, int end)
    {
        var tokens = fragment.Tokens;
        if (t >= end || !IsWord(tokens[t])) return -1;
        var word = fragment.TextOf(tokens[t]);
        if (word is "struct" or "union" or "enum") return t + 1 < end && IsWord(tokens[t + 1]) ? t + 2 : -1;
        if (word is "signed" or "unsigned" or "char" or "short" or "int" or "long")
        {
            // The C90 integer spellings: [un]signed, then char, short [int], int, long [int], long long [int].
            var sign = word is "signed" or "unsigned";
            var u = sign ? t + 1 : t;
            if (u < end && IsWord(tokens[u]))
            {
                var next = fragment.TextOf(tokens[u]);
                if (next is "char" or "int") return u + 1;
                if (next is "short" or "long")
                {
                    u++;
                    if (next is "long" && u < end && fragment.Is(tokens[u], "long")) u++;
                    if (u < end && fragment.Is(tokens[u], "int")) u++;
                    return u;
                }
            }

            return sign ? t + 1 : -1;
        }

        return IsKnownTypeName(word) ? t + 1 : -1;
    }

    /// <summary>The single-word types checkpatch knows without reading a typedef.</summary>
    public static bool IsKnownTypeName(ReadOnlySpan<char> word) =>
        word is "void" or "float" or "double" or "bool" || TypedefNames.IsTypeName(word);

    public static bool IsWord(in CToken token) => token.Kind is CTokenKind.Identifier or CTokenKind.Keyword;

    public static bool IsStorage(ReadOnlySpan<char> word) => word is "extern" or "static" or "asmlinkage";

    public static bool IsInline(ReadOnlySpan<char> word) => word is "inline" or "__always_inline" or "noinline" or "__inline" or "__inline__";

    /// <summary>checkpatch's <c>$Attribute</c> and <c>$Sparse</c> words (those without arguments).</summary>
    public static bool IsModifier(ReadOnlySpan<char> word) =>
        word is "const" or "volatile" or "__percpu" or "__nocast" or "__safe" or "__bitwise" or "__packed__" or "__packed2__" or "__naked"
            or "__maybe_unused" or "__always_unused" or "__noreturn" or "__used" or "__cold" or "__pure" or "__noclone" or "__deprecated"
            or "__read_mostly" or "__ro_after_init" or "__kprobes" or "__weak" or "____cacheline_aligned" or "____cacheline_aligned_in_smp"
            or "____cacheline_internodealigned_in_smp" or "__user" or "__kernel" or "__force" or "__iomem" or "__must_check" or "__ref"
            or "__refconst" or "__refdata" or "__rcu" or "__private" or "__init" or "__initdata" or "__initconst" or "__meminit"
            or "__meminitdata" or "__meminitconst" or "__cpuinit" or "__devinit" or "__net_init" or "__net_initdata";
}
