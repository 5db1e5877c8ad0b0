using System.Collections.Immutable;

namespace DiffLint.Core.Analysis;

/// <summary>
/// Groups messages into series: by Patchwork series where known, otherwise by mail thread (In-Reply-To followed up
/// to the first message of the run it reaches), otherwise by input file.
/// </summary>
public static class SeriesGrouping
{
    public static IEnumerable<ImmutableArray<PatchSummary>> Group(IEnumerable<PatchSummary> messages)
    {
        var list = messages.ToList();
        var byId = new Dictionary<string, PatchSummary>(StringComparer.Ordinal);
        foreach (var m in list)
        {
            if (m.MessageId is { } id) byId.TryAdd(Normalize(id), m);
        }

        string Key(PatchSummary m)
        {
            if (m.Patchwork?.SeriesId is { } seriesId) return "pw:" + seriesId;
            var current = m;
            var seen = new HashSet<PatchSummary>(ReferenceEqualityComparer.Instance);
            while (current.InReplyTo is { } parent && byId.TryGetValue(Normalize(parent), out var up) && seen.Add(current))
                current = up;
            if (current.MessageId is { } root) return "thread:" + Normalize(root);
            return "input:" + m.Source.Ordinal;
        }

        return list.GroupBy(Key, StringComparer.Ordinal)
            .Select(g => g.OrderBy(m => m.Sequence).ToImmutableArray())
            .OrderBy(g => g[0].Sequence);
    }

    private static string Normalize(string messageId) => messageId.Trim().Trim('<', '>').Trim();
}
