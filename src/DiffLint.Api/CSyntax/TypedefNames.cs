namespace DiffLint.Core.CSyntax;

/// <summary>
/// The type names kernel checkpatch knows without reading a typedef, by spelling: its <c>$typeTypedefs</c> list (C99
/// and kernel fixed-width types, the BSD and SysV shorthands, <c>atomic_t</c>, <c>FILE</c>) and the name patterns of
/// its <c>@typeList</c> (<c>*_t</c>, <c>*_handler</c>, <c>*_handler_fn</c>). One list for every rule that reads a
/// declaration or a type as the script does.
/// </summary>
public static class TypedefNames
{
    /// <summary>
    /// A name of checkpatch's <c>$typeTypedefs</c>: <c>uint8_t</c>..<c>__int64_t</c>, <c>u8</c>..<c>__le64</c>,
    /// <c>atomic_t</c>, <c>u_char</c>/<c>u_short</c>/<c>u_int</c>/<c>u_long</c>, <c>unchar</c>/<c>ushort</c>/<c>uint</c>/<c>ulong</c>
    /// and <c>FILE</c>. A line naming one of these is not a new typedef to the script (NEW_TYPEDEFS).
    /// </summary>
    public static bool IsListed(ReadOnlySpan<char> word) =>
        word is "atomic_t" or "FILE" or "u_char" or "u_short" or "u_int" or "u_long" or "unchar" or "ushort" or "uint" or "ulong"
        || IsKernelFixedWidth(word) || IsC99FixedWidth(word);

    /// <summary>A name checkpatch takes for a type: <see cref="IsListed"/> or a name ending in <c>_t</c>, <c>_handler</c> or <c>_handler_fn</c>.</summary>
    public static bool IsTypeName(ReadOnlySpan<char> word) =>
        (word.Length > 2 && word.EndsWith("_t")) || (word.Length > 8 && word.EndsWith("_handler"))
        || (word.Length > 11 && word.EndsWith("_handler_fn")) || IsListed(word);

    /// <summary>checkpatch's kernel fixed-width types: <c>(__)?(u|s|be|le)(8|16|32|64)</c>.</summary>
    public static bool IsKernelFixedWidth(ReadOnlySpan<char> word)
    {
        if (word.StartsWith("__")) word = word[2..];
        if (word.StartsWith("be") || word.StartsWith("le")) word = word[2..];
        else if (word.Length > 0 && word[0] is 'u' or 's') word = word[1..];
        else return false;
        return IsBitCount(word);
    }

    /// <summary>checkpatch's C99 fixed-width types: <c>(__)?([us]_?)?int_?(8|16|32|64)_t</c> (<c>uint8_t</c>, <c>u_int32_t</c>, <c>__int64_t</c>).</summary>
    public static bool IsC99FixedWidth(ReadOnlySpan<char> word)
    {
        if (!word.EndsWith("_t")) return false;
        word = word[..^2];
        if (word.StartsWith("__")) word = word[2..];
        if (word.Length > 0 && word[0] is 'u' or 's')
        {
            word = word[1..];
            if (word.StartsWith("_")) word = word[1..];
        }

        if (!word.StartsWith("int")) return false;
        word = word[3..];
        if (word.StartsWith("_")) word = word[1..];
        return IsBitCount(word);
    }

    private static bool IsBitCount(ReadOnlySpan<char> bits) => bits is "8" or "16" or "32" or "64";
}
