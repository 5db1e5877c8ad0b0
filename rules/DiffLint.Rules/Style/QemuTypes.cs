using DiffLint.Core.CSyntax;

namespace DiffLint.Rules.Style;

/// <summary>
/// The type names QEMU's checkpatch recognises without seeing a declaration: C type keywords, tags after
/// <c>struct</c>/<c>union</c>/<c>enum</c>, <c>*_t</c> typedefs, GLib's <c>g*</c> types, <c>hwaddr</c>,
/// <c>target_[u]long</c>, and CamelCase names (QEMU's QOM types: <c>DeviceState</c>, <c>Error</c> is not one).
/// </summary>
internal static class QemuTypes
{
    /// <summary>True when code token <paramref name="index"/> is a type name or a type keyword (qualifiers excluded).</summary>
    public static bool IsTypeWord(CFragment fragment, int index)
    {
        var token = fragment.Tokens[index];
        var word = fragment.TextOf(token);
        if (token.Kind == CTokenKind.Keyword) return IsBaseTypeKeyword(word);
        return token.Kind == CTokenKind.Identifier && (TokenSpacing.IsTypeName(fragment, index) || IsTypeName(word));
    }

    /// <summary>Type keywords that name a type on their own (not <c>const</c>, <c>volatile</c> or <c>restrict</c>).</summary>
    public static bool IsBaseTypeKeyword(ReadOnlySpan<char> word) => word is "void" or "char" or "short" or "int" or "long" or "float"
        or "double" or "signed" or "unsigned" or "bool" or "_Bool" or "_Complex" or "__signed__";

    /// <summary>QEMU's typedef spellings: CamelCase (not a <c>KiB</c>-style unit), GLib types, hwaddr, target_[u]long.</summary>
    public static bool IsTypeName(ReadOnlySpan<char> word)
    {
        if (word is "hwaddr" or "target_ulong" or "target_long" or "gchar" or "gshort" or "glong" or "gint" or "gboolean"
            or "guchar" or "gushort" or "gulong" or "guint" or "gfloat" or "gdouble" or "gpointer" or "gconstpointer" or "gint8"
            or "guint8" or "gint16" or "guint16" or "gint32" or "guint32" or "gint64" or "guint64" or "gsize" or "gssize"
            or "goffset" or "gintptr" or "guintptr" or "QEMUBH")
        {
            return true;
        }

        return word.Length > 2 && word.EndsWith("_t") || IsCamelCase(word);
    }

    /// <summary>An upper-case letter, more upper-case letters, digits or '_', then a lower-case letter: <c>DeviceState</c>, <c>QEMUTimer</c>.</summary>
    private static bool IsCamelCase(ReadOnlySpan<char> word)
    {
        if (word.Length < 2 || word[0] is < 'A' or > 'Z') return false;
        var i = 1;
        while (i < word.Length && (word[i] is >= 'A' and <= 'Z' or >= '0' and <= '9' or '_')) i++;
        if (i >= word.Length || word[i] is < 'a' or > 'z') return false;
        // KiB, MiB...: binary-prefix units, not types.
        return !(i == 1 && word.Length == 3 && word[1] == 'i' && word[2] == 'B' && word[0] is 'K' or 'M' or 'G' or 'T' or 'P' or 'E');
    }
}
