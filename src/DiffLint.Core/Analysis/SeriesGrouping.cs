using System.Collections.Immutable;
using DiffLint.Core.Mime;
using DiffLint.Core.Model;

namespace DiffLint.Core.Analysis;

/// <summary>
/// Groups the patches and cover letters of a run into series, whatever the files or Patchwork objects they came in
/// (docs/series.md describes the rules):
/// <list type="number">
/// <item>Patchwork objects with the same series ID form one series.</item>
/// <item>A numbered patch (<c>n/m</c>, n ≥ 1) joins the series of its parent (In-Reply-To, or the nearest
/// References entry present in the input) when the parent is a cover letter or a numbered patch of the same version
/// or the same total. Unnumbered patches never join: a <c>[PATCH v2]</c> sent in reply to v1 is a new submission.</item>
/// <item>Numbered patches whose parent is not in the input but who name the same thread (first References entry,
/// else In-Reply-To) with the same version and total form one series: their cover letter was not given.</item>
/// <item>Unthreaded numbered mails (no In-Reply-To, no References: <c>git format-patch</c> without <c>--thread</c>,
/// or a patch sent in a later <c>git send-email</c> run) join the mail just before them when it is numbered too,
/// with the same total, version and sender, and a number not above their own.</item>
/// </list>
/// Everything else is a series of its own.
/// </summary>
public static class SeriesGrouping
{
    public static IEnumerable<ImmutableArray<PatchSummary>> Group(IEnumerable<PatchSummary> messages)
    {
        var list = messages.OrderBy(m => m.Sequence).ToList();
        var sets = new DisjointSets(list.Count);
        // The same mail may come twice (an mbox and its mails split into files). Each copy gets a generation (0 for
        // the first copy of its Message-ID, 1 for the second...) and only meets mails of its own generation, so
        // that two copies of a series make two series, not one with every patch twice.
        var byId = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var generation = new int[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].MessageId is not { } id) continue;
            var key = MessageIds.Normalize(id);
            if (byId.TryGetValue(key, out var copies))
            {
                generation[i] = copies.Count;
                copies.Add(i);
            }
            else
            {
                byId[key] = [i];
            }
        }

        var firstOfPatchworkSeries = new Dictionary<(long Series, int Generation), int>();
        var firstOfAbsentThread = new Dictionary<(string Thread, int Version, int Total, int Generation), int>();
        for (var i = 0; i < list.Count; i++)
        {
            var message = list[i];
            if (message.Patchwork?.SeriesId is { } seriesId)
            {
                if (firstOfPatchworkSeries.TryGetValue((seriesId, generation[i]), out var first)) sets.Union(first, i);
                else firstOfPatchworkSeries[(seriesId, generation[i])] = i;
            }

            if (!IsNumberedPatch(message)) continue;
            if (message.IsThreaded)
            {
                if (TryFindParent(message, generation[i], byId, out var parent))
                {
                    if (parent != i && Continues(list[parent], message)) sets.Union(parent, i);
                }
                else
                {
                    var key = (NamedThread(message), message.SeriesVersion, message.Subject.Total!.Value, generation[i]);
                    if (firstOfAbsentThread.TryGetValue(key, out var first)) sets.Union(first, i);
                    else firstOfAbsentThread[key] = i;
                }
            }
            else if (message.Patchwork?.SeriesId is null && i > 0 && FollowsUnthreaded(list[i - 1], message))
            {
                sets.Union(i - 1, i);
            }
        }

        return Enumerable.Range(0, list.Count)
            .GroupBy(sets.Find)
            .Select(g => g.Select(i => list[i]).ToImmutableArray())
            .OrderBy(g => g[0].Sequence);
    }

    internal static bool IsNumberedPatch(PatchSummary message) => message.Subject is { Number: >= 1, Total: not null };

    private static bool IsNumbered(PatchSummary message) => message.Subject is { Number: not null, Total: not null };

    /// <summary>
    /// Whether <see cref="Group"/> could ever put <paramref name="message"/> with another message: a message that is
    /// neither numbered (N/M, a cover letter's 0/M included) nor in a Patchwork series stays alone, whatever comes.
    /// </summary>
    internal static bool MayJoinASeries(PatchSummary message) => IsNumbered(message) || message.Patchwork?.SeriesId is not null;

    /// <summary>
    /// The member the mail replies to (In-Reply-To if present in the input, else the nearest References entry that
    /// is), in the copy of the mail's own generation where there is one; false when none is present.
    /// </summary>
    internal static bool TryFindParent<T>(PatchSummary message, int generation, Dictionary<string, List<T>> byId,
        [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T parent)
    {
        if (message.InReplyTo is { } inReplyTo)
        {
            foreach (var id in MessageIds.ParseList(inReplyTo))
            {
                if (byId.TryGetValue(id, out var copies))
                {
                    parent = copies[Math.Min(generation, copies.Count - 1)];
                    return true;
                }
            }
        }

        var references = message.ReferenceIds;
        for (var k = references.Length - 1; k >= 0; k--)
        {
            if (byId.TryGetValue(references[k], out var copies))
            {
                parent = copies[Math.Min(generation, copies.Count - 1)];
                return true;
            }
        }

        parent = default;
        return false;
    }

    /// <summary>The thread a mail says it belongs to: the root of its References, else what it replies to.</summary>
    internal static string NamedThread(PatchSummary message) =>
        message.ReferenceIds is { IsEmpty: false } references ? references[0] : MessageIds.Normalize(message.InReplyTo ?? "");

    internal static bool Continues(PatchSummary parent, PatchSummary child) =>
        IsNumbered(parent) && (parent.SeriesVersion == child.SeriesVersion || parent.Subject.Total == child.Subject.Total);

    internal static bool FollowsUnthreaded(PatchSummary previous, PatchSummary message) =>
        previous.Patchwork?.SeriesId is null
        && IsNumbered(previous)
        && previous.Subject.Total == message.Subject.Total
        && previous.SeriesVersion == message.SeriesVersion
        && previous.Subject.Number <= message.Subject.Number
        && string.Equals(previous.Sender, message.Sender, StringComparison.OrdinalIgnoreCase);

    /// <summary>Union-find over member indices; a set is named by its lowest index, so groups keep input order.</summary>
    private sealed class DisjointSets
    {
        private readonly int[] _parent;

        public DisjointSets(int count)
        {
            _parent = new int[count];
            for (var i = 0; i < count; i++) _parent[i] = i;
        }

        public int Find(int i)
        {
            while (_parent[i] != i)
            {
                _parent[i] = _parent[_parent[i]];
                i = _parent[i];
            }

            return i;
        }

        public void Union(int a, int b)
        {
            var (ra, rb) = (Find(a), Find(b));
            if (ra == rb) return;
            if (ra < rb) _parent[rb] = ra;
            else _parent[ra] = rb;
        }
    }
}
