using System.Collections.Frozen;

namespace DiffLint.Core.CSyntax;

/// <summary>C keywords: C11, the C23 additions, and the GNU spellings found in kernel-style code.</summary>
public static class CKeywords
{
    private static readonly FrozenSet<string> All = FrozenSet.Create(StringComparer.Ordinal,
    [
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
        "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
        "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while",
        "_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic", "_Imaginary", "_Noreturn",
        "_Static_assert", "_Thread_local",
        "alignas", "alignof", "bool", "constexpr", "false", "nullptr", "static_assert", "thread_local", "true",
        "typeof", "typeof_unqual",
        "asm", "__asm__", "__asm", "__attribute__", "__attribute", "__extension__", "__inline", "__inline__",
        "__restrict", "__restrict__", "__typeof__", "__typeof", "__volatile__", "__volatile", "__const", "__const__",
        "__signed__", "__alignof__", "__label__", "__builtin_va_arg", "__builtin_offsetof",
    ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = All.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsKeyword(ReadOnlySpan<char> word) => Lookup.Contains(word);
}
