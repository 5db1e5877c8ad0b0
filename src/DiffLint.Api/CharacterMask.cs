using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DiffLint.Core;

/// <summary>A class of characters, tested one character at a time or a vector of UTF-16 code units at a time.</summary>
public interface ICharacterClass
{
    /// <summary>Whether <paramref name="c"/> is in the class.</summary>
    static abstract bool Contains(char c);

    /// <summary>All bits set in each lane of <paramref name="chars"/> that is in the class, clear in the others.</summary>
    static abstract Vector128<ushort> Contains(Vector128<ushort> chars);
}

/// <summary>
/// The characters of a class in up to 64 characters of text, as the bits of one <c>ulong</c>: code that scans every
/// line of a mail (the reader's line feeds, the spelling and repeated-word rules' words) then finds what it looks for
/// with bit scans instead of a call per line or word, where lines and words are a few characters long.
/// </summary>
public static class CharacterMask
{
    /// <summary>Bit k set when <c>text[k]</c> is in <typeparamref name="TClass"/>, for the first 64 characters (the bits past the text's end clear).</summary>
    public static ulong Of<TClass>(ReadOnlySpan<char> text) where TClass : struct, ICharacterClass
    {
        var count = Math.Min(64, text.Length);
        var bits = 0UL;
        if (!Vector128.IsHardwareAccelerated || count < Vector128<ushort>.Count)
        {
            for (var k = 0; k < count; k++)
            {
                if (TClass.Contains(text[k])) bits |= 1UL << k;
            }

            return bits;
        }

        var chars = MemoryMarshal.Cast<char, ushort>(text);
        for (var k = 0; ; k += Vector128<ushort>.Count)
        {
            // The last vector ends at the last character, overlapping the one before: lines are short, and a scalar
            // loop over the rest cost as much as the vectors before it.
            if (k + Vector128<ushort>.Count > count) k = count - Vector128<ushort>.Count;
            var v = Vector128.Create(chars.Slice(k, Vector128<ushort>.Count));
            bits |= (ulong)TClass.Contains(v).ExtractMostSignificantBits() << k;
            if (k + Vector128<ushort>.Count == count) return bits;
        }
    }
}
