using System.Collections.Immutable;

namespace DiffLint.Core;

/// <summary>
/// Per-thread scratch collections for the hot paths that build one exact-size result at a time (a hunk's lines, a
/// file's tokens, a fragment's statements): filling a reused builder and copying out once beats growing a fresh one
/// by doubling and copying it again. The caller keeps the slot in a <c>[ThreadStatic]</c> field and must not use it
/// again before it has taken its result. A collection grown past <c>maxKeptCapacity</c> by a huge input is replaced
/// on its next use rather than kept for the life of the thread.
/// </summary>
internal static class ThreadScratch
{
    public static ImmutableArray<T>.Builder Builder<T>(ref ImmutableArray<T>.Builder? slot, int initialCapacity, int maxKeptCapacity)
    {
        if (slot is null || slot.Capacity > maxKeptCapacity) slot = ImmutableArray.CreateBuilder<T>(initialCapacity);
        slot.Clear();
        return slot;
    }

    public static List<T> List<T>(ref List<T>? slot, int initialCapacity, int maxKeptCapacity)
    {
        if (slot is null || slot.Capacity > maxKeptCapacity) slot = new List<T>(initialCapacity);
        slot.Clear();
        return slot;
    }

    /// <summary>An array of at least <paramref name="size"/> elements, with whatever an earlier use left in it.</summary>
    public static T[] Array<T>(ref T[]? slot, int size) =>
        slot is { } array && array.Length >= size ? array : slot = new T[Math.Max(size, 256)];
}
