using DiffLint.Core.Analysis;

namespace DiffLint.Core.Reading;

/// <summary>
/// The two buffers a message lives in while it is analysed, kept per thread and reused from message to message: the
/// raw bytes the mbox splitter cuts out, and the decoded text the patch's lines are slices of. Once a patch is analysed
/// nothing points into them (its report keeps strings and line hashes, see <see cref="PatchSummary"/>), and together
/// they were some 40% of an archive run's allocation (1,696 MB on the 250 MB archive: ~306 MB raw bytes, ~344 MB text).
/// </summary>
/// <remarks>
/// A buffer is taken out of its slot (a second message read before the first is analysed gets a new one) and comes
/// back only through <see cref="Return(byte[])"/> or <see cref="Return(char[])"/>, by the code that knows its patch is
/// gone; a buffer never given back is ordinary garbage. Buffers larger than the kept maximum are not kept: the largest
/// message of the 250 MB archive is 402 KB, so a thread keeps at most 1 MB of bytes and 2 MB of text.
/// </remarks>
internal static class MessageBuffers
{
    private const int MaxKeptLength = 1 << 20;

    /// <summary>The smallest buffer handed out: the slot then soon holds one that fits most messages (6-7 KB on average).</summary>
    private const int MinLength = 1 << 16;

    [ThreadStatic] private static byte[]? t_bytes;
    [ThreadStatic] private static char[]? t_text;

    /// <summary>A buffer of at least <paramref name="length"/> bytes, not zeroed, owned by the caller until returned.</summary>
    public static byte[] RentBytes(int length) => Rent(ref t_bytes, length);

    /// <summary>A buffer of at least <paramref name="length"/> chars, not zeroed, owned by the caller until returned.</summary>
    public static char[] RentText(int length) => Rent(ref t_text, length);

    /// <summary>Gives back a buffer from <see cref="RentBytes"/> that nothing points into any more.</summary>
    public static void Return(byte[] bytes) => Keep(ref t_bytes, bytes);

    /// <summary>Gives back a buffer from <see cref="RentText"/> that nothing points into any more.</summary>
    public static void Return(char[] text)
    {
        // Locations keeps the string of the last line it reported, known by the line's memory: the next patch's
        // lines would be at the same places of the same buffer.
        Locations.ForgetLastLine();
        Keep(ref t_text, text);
    }

    private static T[] Rent<T>(ref T[]? slot, int length)
    {
        if (slot is { } kept && kept.Length >= length)
        {
            slot = null;
            return kept;
        }

        return GC.AllocateUninitializedArray<T>(length <= MaxKeptLength ? Math.Max(length, MinLength) : length);
    }

    private static void Keep<T>(ref T[]? slot, T[] array)
    {
        if (array.Length <= MaxKeptLength && (slot is null || slot.Length < array.Length)) slot = array;
    }
}
