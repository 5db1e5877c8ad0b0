namespace DiffLint.Core.CSyntax;

/// <summary>C keywords: C11, the C23 additions, and the GNU spellings found in kernel-style code.</summary>
public static class CKeywords
{
    /// <summary>
    /// Asked for every identifier the tokenizer reads. A switch on a span lets the compiler dispatch on length and
    /// characters, which is cheaper here than hashing each identifier for a set lookup.
    /// </summary>
    public static bool IsKeyword(ReadOnlySpan<char> word) =>
        // Every keyword starts with a lower-case letter or '_': a macro or type name in capitals is told apart at once.
        word.Length >= 2 && word[0] is (>= 'a' and <= 'z') or '_' && IsSpelledAsKeyword(word);

    private static bool IsSpelledAsKeyword(ReadOnlySpan<char> word) => word switch
    {
        "auto" or "break" or "case" or "char" or "const" or "continue" or "default" or "do" or "double" or
        "else" or "enum" or "extern" or "float" or "for" or "goto" or "if" or "inline" or "int" or "long" or
        "register" or "restrict" or "return" or "short" or "signed" or "sizeof" or "static" or "struct" or
        "switch" or "typedef" or "union" or "unsigned" or "void" or "volatile" or "while" or "_Alignas" or
        "_Alignof" or "_Atomic" or "_Bool" or "_Complex" or "_Generic" or "_Imaginary" or "_Noreturn" or
        "_Static_assert" or "_Thread_local" or "alignas" or "alignof" or "bool" or "constexpr" or "false" or
        "nullptr" or "static_assert" or "thread_local" or "true" or "typeof" or "typeof_unqual" or "asm" or
        "__asm__" or "__asm" or "__attribute__" or "__attribute" or "__extension__" or "__inline" or
        "__inline__" or "__restrict" or "__restrict__" or "__typeof__" or "__typeof" or "__volatile__" or
        "__volatile" or "__const" or "__const__" or "__signed__" or "__alignof__" or "__label__" or
        "__builtin_va_arg" or "__builtin_offsetof"
            => true,
        _ => false,
    };
}
