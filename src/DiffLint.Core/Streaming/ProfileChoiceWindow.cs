using DiffLint.Core.Profiles;

namespace DiffLint.Core;

/// <summary>
/// The profile choices of the messages analysed lately, in input order, with the running count of their votes
/// (<see cref="ProfileSelector.LayoutVotes"/>): the votes of the choices around an undecided patch are the difference of
/// two running counts found by binary search, where counting the two windows of choices around each such patch was a
/// visible share of a run's profile.
/// </summary>
internal sealed class ProfileChoiceWindow
{
    // Each choice's sequence and the votes of every choice up to and including it; those before _head are dropped.
    private readonly List<(long Sequence, ProfileSelector.LayoutVotes Through)> _choices = [];
    private int _head;
    private ProfileSelector.LayoutVotes _total;

    // The votes of every choice dropped so far.
    private ProfileSelector.LayoutVotes _dropped;

    /// <summary>Adds the choice of message <paramref name="sequence"/>, later than any added before.</summary>
    public void Add(long sequence, ProfileChoice choice)
    {
        _total = _total.Add(choice);
        _choices.Add((sequence, _total));
    }

    /// <summary>Forgets the choices of the messages before <paramref name="sequence"/>.</summary>
    public void DropBefore(long sequence)
    {
        while (_head < _choices.Count && _choices[_head].Sequence < sequence) _dropped = _choices[_head++].Through;
        if (_head < 4096 || _head * 2 < _choices.Count) return;
        _choices.RemoveRange(0, _head);
        _head = 0;
    }

    /// <summary>The votes of the choices kept whose sequence is within <paramref name="radius"/> of <paramref name="sequence"/>.</summary>
    public ProfileSelector.LayoutVotes Around(long sequence, long radius) => Through(sequence + radius) - Through(sequence - radius - 1);

    /// <summary>The votes of the choices up to message <paramref name="sequence"/>, those dropped included.</summary>
    private ProfileSelector.LayoutVotes Through(long sequence)
    {
        // The last kept choice at or before the sequence.
        int low = _head, high = _choices.Count - 1, last = -1;
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            if (_choices[middle].Sequence <= sequence)
            {
                last = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return last < 0 ? _dropped : _choices[last].Through;
    }
}
