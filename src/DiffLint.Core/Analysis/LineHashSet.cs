using System.Numerics;

namespace DiffLint.Core.Analysis;

/// <summary>
/// A set of <see cref="LineHash"/> values of a known most size: open addressing with linear probing over a
/// power-of-two table at most half full. Membership costs one or two probes of one array, where
/// <c>HashSet&lt;int&gt;</c> went through its buckets and entries (a third of moved-code detection's first look).
/// </summary>
internal sealed class LineHashSet
{
    // 0 marks an empty slot; the value 0 itself is recorded in _hasZero.
    private readonly int[] _slots;
    private readonly int _mask;
    private bool _hasZero;
    private int _count;

    /// <param name="most">The most distinct values that will be added.</param>
    public LineHashSet(int most)
    {
        _slots = new int[(int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, 2 * most))];
        _mask = _slots.Length - 1;
    }

    public void Add(int hash)
    {
        if (hash == 0)
        {
            _hasZero = true;
            return;
        }

        var slot = hash & _mask;
        while (_slots[slot] != 0)
        {
            if (_slots[slot] == hash) return;
            slot = (slot + 1) & _mask;
        }

        // Past the size it was made for, a full table would make the probes loop forever.
        if (++_count > _slots.Length / 2) throw new InvalidOperationException("more line hashes than the set was made for");
        _slots[slot] = hash;
    }

    public bool Contains(int hash)
    {
        if (hash == 0) return _hasZero;
        var slot = hash & _mask;
        while (true)
        {
            var value = _slots[slot];
            if (value == hash) return true;
            if (value == 0) return false;
            slot = (slot + 1) & _mask;
        }
    }
}
