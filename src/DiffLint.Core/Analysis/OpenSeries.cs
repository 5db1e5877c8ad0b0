using DiffLint.Core.Mime;

namespace DiffLint.Core.Analysis;

/// <summary>
/// The grouping rules of <see cref="SeriesGrouping"/>, applied to a stream one message at a time (docs/series.md,
/// "Streaming"): each member joins, on arrival, the series its links lead to (its parent, its Patchwork series, the
/// absent cover letter's thread, the unthreaded mail before it) unless that series is complete, that is
/// <see cref="Window"/> messages have come after its last member. A series is a union-find set that knows its last
/// member and its members, so adding a message, asking whether its series is complete, and listing that series cost
/// O(1) amortized per message, whatever the window; what a message can be linked to is forgotten once its series is
/// complete. A parent that comes after its child is linked when it arrives.
/// </summary>
internal sealed class OpenSeries<T>(int window)
{
    /// <summary>The members whose links later messages may still follow, in input order.</summary>
    private readonly Queue<Member> _linkable = new();

    /// <summary>The linkable members by normalized Message-ID: the copies of a mail given more than once, in input order.</summary>
    private readonly Dictionary<string, List<Member>> _byId = new(StringComparer.Ordinal);

    /// <summary>Numbered patches that found no parent, by each Message-ID they name: a later mail with that ID is their parent.</summary>
    private readonly Dictionary<string, List<Member>> _waitingForParent = new(StringComparer.Ordinal);

    private readonly Dictionary<(long Series, int Generation), Member> _firstOfPatchworkSeries = [];
    private readonly Dictionary<(string Thread, int Version, int Total, int Generation), Member> _firstOfAbsentThread = [];
    private Member? _previous;

    public int Window => window;

    /// <summary>Adds the next member (in input order) and links it to the open series it belongs to.</summary>
    public Member Add(PatchSummary summary, T item)
    {
        var member = new Member(summary, item);
        var generation = 0;
        if (summary.MessageId is { } id)
        {
            member.IdKey = MessageIds.Normalize(id);
            if (_byId.TryGetValue(member.IdKey, out var copies))
            {
                generation = copies.Count;
                copies.Add(member);
            }
            else
            {
                _byId[member.IdKey] = [member];
                AdoptWaitingChildren(member);
            }
        }

        if (summary.Patchwork?.SeriesId is { } seriesId)
        {
            var key = (seriesId, generation);
            if (_firstOfPatchworkSeries.TryGetValue(key, out var first) && IsOpen(first, member)) Union(first, member);
            else _firstOfPatchworkSeries[key] = member;
            member.PatchworkKey = key;
        }

        if (SeriesGrouping.IsNumberedPatch(summary))
        {
            if (summary.IsThreaded)
            {
                if (SeriesGrouping.TryFindParent(summary, generation, _byId, out var parent))
                {
                    if (parent != member && SeriesGrouping.Continues(parent.Summary, summary) && IsOpen(parent, member)) Union(parent, member);
                }
                else
                {
                    var key = (SeriesGrouping.NamedThread(summary), summary.SeriesVersion, summary.Subject.Total!.Value, generation);
                    if (_firstOfAbsentThread.TryGetValue(key, out var first) && IsOpen(first, member)) Union(first, member);
                    else _firstOfAbsentThread[key] = member;
                    member.ThreadKey = key;
                    WaitForParent(member);
                }
            }
            else if (summary.Patchwork?.SeriesId is null && _previous is { } previous && SeriesGrouping.FollowsUnthreaded(previous.Summary, summary)
                     && IsOpen(previous, member))
            {
                Union(previous, member);
            }
        }

        _previous = member;
        _linkable.Enqueue(member);
        return member;
    }

    /// <summary>Whether no message after <paramref name="newest"/> can join the series of <paramref name="member"/>.</summary>
    public bool IsComplete(Member member, long newest) => newest - Find(member).Last >= window;

    /// <summary>The members of the series of <paramref name="member"/>, in input order.</summary>
    public List<Member> SeriesOf(Member member)
    {
        var members = Find(member).Members!;
        members.Sort(static (a, b) => a.Summary.Sequence.CompareTo(b.Summary.Sequence));
        return members;
    }

    /// <summary>Forgets the links of the members whose series is complete once <paramref name="newest"/> is read.</summary>
    public void Forget(long newest)
    {
        while (_linkable.TryPeek(out var oldest) && IsComplete(oldest, newest))
        {
            _linkable.Dequeue();
            if (oldest.IdKey is { } id && _byId.TryGetValue(id, out var copies))
            {
                copies.Remove(oldest);
                if (copies.Count == 0) _byId.Remove(id);
            }

            if (oldest.PatchworkKey is { } series && _firstOfPatchworkSeries.GetValueOrDefault(series) == oldest) _firstOfPatchworkSeries.Remove(series);
            if (oldest.ThreadKey is { } thread && _firstOfAbsentThread.GetValueOrDefault(thread) == oldest) _firstOfAbsentThread.Remove(thread);
            if (oldest.WaitsForParent) StopWaiting(oldest);
            if (_previous == oldest) _previous = null;
        }
    }

    /// <summary>Whether <paramref name="joining"/> comes within the window of the last member of the series of <paramref name="member"/>.</summary>
    private bool IsOpen(Member member, Member joining) => joining.Summary.Sequence - Find(member).Last <= window;

    private void WaitForParent(Member child)
    {
        child.WaitsForParent = true;
        foreach (var id in NamedParents(child.Summary))
        {
            if (_waitingForParent.TryGetValue(id, out var children)) children.Add(child);
            else _waitingForParent[id] = [child];
        }
    }

    private void StopWaiting(Member child)
    {
        child.WaitsForParent = false;
        foreach (var id in NamedParents(child.Summary))
        {
            if (!_waitingForParent.TryGetValue(id, out var children)) continue;
            children.Remove(child);
            if (children.Count == 0) _waitingForParent.Remove(id);
        }
    }

    /// <summary>A mail that came after the numbered patches replying to it: it is their parent, as in a whole-input grouping.</summary>
    private void AdoptWaitingChildren(Member parent)
    {
        if (!_waitingForParent.TryGetValue(parent.IdKey!, out var children)) return;
        foreach (var child in children.ToList())
        {
            StopWaiting(child);
            if (SeriesGrouping.Continues(parent.Summary, child.Summary) && IsOpen(child, parent)) Union(child, parent);
        }
    }

    private static IEnumerable<string> NamedParents(PatchSummary message) =>
        (message.InReplyTo is { } inReplyTo ? MessageIds.ParseList(inReplyTo) : []).Concat(message.ReferenceIds).Distinct(StringComparer.Ordinal);

    private static Member Find(Member member)
    {
        while (member.Root != member)
        {
            member.Root = member.Root.Root;
            member = member.Root;
        }

        return member;
    }

    private static void Union(Member a, Member b)
    {
        var (ra, rb) = (Find(a), Find(b));
        if (ra == rb) return;
        // The larger set absorbs the smaller, so a member moves O(log n) times at most.
        if (ra.Members!.Count < rb.Members!.Count) (ra, rb) = (rb, ra);
        rb.Root = ra;
        ra.Members!.AddRange(rb.Members!);
        rb.Members = null;
        ra.Last = Math.Max(ra.Last, rb.Last);
    }

    /// <summary>A member of the stream; the root of its set holds the series' last sequence and its members.</summary>
    public sealed class Member
    {
        internal Member(PatchSummary summary, T item)
        {
            Summary = summary;
            Item = item;
            Root = this;
            Last = summary.Sequence;
            Members = [this];
        }

        public PatchSummary Summary { get; }

        public T Item { get; }

        internal Member Root { get; set; }

        internal long Last { get; set; }

        internal List<Member>? Members { get; set; }

        internal string? IdKey { get; set; }

        internal (long, int)? PatchworkKey { get; set; }

        internal (string, int, int, int)? ThreadKey { get; set; }

        internal bool WaitsForParent { get; set; }
    }
}
