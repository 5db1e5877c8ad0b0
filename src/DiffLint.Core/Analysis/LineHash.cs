using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace DiffLint.Core.Analysis;

/// <summary>
/// A fast 32-bit hash of a line's text for finding moved code, eight bytes per step. Not randomised and not meant
/// for hash tables fed by an adversary: a collision only makes a line a candidate that the alignment then compares as
/// text (within a patch), or needs a run of three or more colliding lines in a row to matter (between patches).
/// <c>string.GetHashCode</c> (Marvin) was a few percent of the whole pipeline, hashing every changed line.
/// </summary>
internal static class LineHash
{
    private const ulong Multiplier = 0x9E3779B97F4A7C15;

    public static int Of(ReadOnlySpan<char> text)
    {
        var bytes = MemoryMarshal.AsBytes(text);
        var hash = (ulong)bytes.Length * Multiplier;
        while (bytes.Length >= 8)
        {
            hash = Mix(hash, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
            bytes = bytes[8..];
        }

        ulong tail = 0;
        for (var i = 0; i < bytes.Length; i++) tail |= (ulong)bytes[i] << (8 * i);
        hash = Mix(hash, tail);
        hash ^= hash >> 29;
        hash *= Multiplier;
        return (int)(hash ^ (hash >> 32));
    }

    private static ulong Mix(ulong hash, ulong word) => BitOperations.RotateLeft(hash ^ (word * Multiplier), 27) * 5 + 0x52DCE729;
}
