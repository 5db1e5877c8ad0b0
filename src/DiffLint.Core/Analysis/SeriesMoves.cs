using DiffLint.Core.Model;

namespace DiffLint.Core.Analysis;

/// <summary>
/// What a patch removes and adds, kept as line hashes once the patch is analysed (its text is not kept), so that code
/// one patch of a series removes and another adds back unchanged is recognised as moved (<see cref="SeriesMoves"/>).
/// Each array has one entry per line, in patch order; <c>Continues</c> tells whether a line follows the previous one of
/// its kind in the same hunk with no context line between them (the other kind's lines do not break a run).
/// </summary>
public sealed class ChangedLines
{
    public static readonly ChangedLines None = new(new Side([], [], []), new Side([], [], []), []);

    private ChangedLines(Side removed, Side added, int[] addedInputLines)
    {
        Removed = removed;
        Added = added;
        AddedInputLines = addedInputLines;
    }

    /// <summary>One kind of changed line: text hashes, whether each line is substantial, and run continuity.</summary>
    internal sealed record Side(int[] Hashes, bool[] Substantial, bool[] Continues)
    {
        public int Count => Hashes.Length;
    }

    internal Side Removed { get; }

    /// <summary>Added lines the patch writes (lines it moves within itself are left out: they are judged already).</summary>
    internal Side Added { get; }

    /// <summary>The input line of each added line: where the diagnostics on it point.</summary>
    internal int[] AddedInputLines { get; }

    public static ChangedLines Of(Patch patch, MoveMap moves)
    {
        int removedCount = 0, addedCount = 0;
        foreach (var file in patch.Files)
        {
            removedCount += file.RemovedCount;
            addedCount += file.AddedCount;
        }

        if (removedCount + addedCount == 0) return None;
        var removed = new SideBuilder(removedCount);
        var added = new SideBuilder(addedCount);
        var inputLines = new int[addedCount];
        for (var f = 0; f < patch.Files.Length; f++)
        {
            var hunks = patch.Files[f].Hunks;
            for (var h = 0; h < hunks.Length; h++)
            {
                var kinds = moves.KindsOf(f, h);
                bool removedRun = false, addedRun = false;
                var lines = hunks[h].Lines;
                for (var l = 0; l < lines.Length; l++)
                {
                    var line = lines[l];
                    switch (line.Kind)
                    {
                        case DiffLineKind.Removed:
                            removed.Add(line.Span, removedRun);
                            removedRun = true;
                            break;
                        case DiffLineKind.Added when kinds is not null && kinds[l] == MoveKind.Moved:
                            addedRun = false;
                            break;
                        case DiffLineKind.Added:
                            inputLines[added.Count] = line.InputLine;
                            added.Add(line.Span, addedRun);
                            addedRun = true;
                            break;
                        default:
                            removedRun = addedRun = false;
                            break;
                    }
                }
            }
        }

        return new ChangedLines(removed.Build(), added.Build(), inputLines[..added.Count]);
    }

    private sealed class SideBuilder(int capacity)
    {
        private readonly int[] _hashes = new int[capacity];
        private readonly bool[] _substantial = new bool[capacity];
        private readonly bool[] _continues = new bool[capacity];

        public int Count { get; private set; }

        public void Add(ReadOnlySpan<char> text, bool continues)
        {
            _hashes[Count] = LineHash.Of(text);
            _substantial[Count] = MovedCodeDetector.IsSubstantial(text);
            _continues[Count] = continues;
            Count++;
        }

        public Side Build() => Count == _hashes.Length
            ? new Side(_hashes, _substantial, _continues)
            : new Side(_hashes[..Count], _substantial[..Count], _continues[..Count]);
    }
}

/// <summary>
/// Code a series only moves between its patches: a run of added lines of one patch equal, line for line, to a run of
/// lines another patch of the series removes, holding at least <see cref="MovedCodeDetector.MinimumSubstantialLines"/>
/// substantial lines (the rule of moves within one patch). Exact text only: code that moves between patches and is
/// re-indented on the way is judged like new code.
/// </summary>
public static class SeriesMoves
{
    // How many removed occurrences of one line are tried as the start of a run (repeated lines such as a common
    // error path would otherwise make the search quadratic).
    private const int MaximumCandidates = 32;

    /// <summary>
    /// Whether <paramref name="patch"/> can have siblings in a series (<see cref="SeriesGrouping"/>: numbered n/m with
    /// m &gt; 1, or a Patchwork series): only then are its changed lines worth keeping.
    /// </summary>
    public static bool MayShareMoves(Patch patch) => patch.Patchwork?.SeriesId is not null || patch.Subject is { Number: >= 1, Total: > 1 };

    /// <summary>For each member, the input lines of its added lines that another member removes (null when none).</summary>
    public static HashSet<int>?[] Find(IReadOnlyList<ChangedLines> members)
    {
        var moved = new HashSet<int>?[members.Count];
        var removedAt = new Dictionary<int, List<(int Member, int Line)>>();
        for (var m = 0; m < members.Count; m++)
        {
            var removed = members[m].Removed;
            for (var r = 0; r < removed.Count; r++)
            {
                if (!removed.Substantial[r]) continue;
                if (!removedAt.TryGetValue(removed.Hashes[r], out var at)) removedAt[removed.Hashes[r]] = at = [];
                if (at.Count < MaximumCandidates) at.Add((m, r));
            }
        }

        if (removedAt.Count == 0) return moved;
        for (var j = 0; j < members.Count; j++)
        {
            var added = members[j].Added;
            var marked = new bool[added.Count];
            for (var k = 0; k < added.Count; k++)
            {
                if (marked[k] || !added.Substantial[k] || !removedAt.TryGetValue(added.Hashes[k], out var candidates)) continue;
                foreach (var (m, r) in candidates)
                {
                    if (m == j) continue;
                    var (first, last) = Run(added, k, members[m].Removed, r);
                    if (SubstantialLines(added, first, last) < MovedCodeDetector.MinimumSubstantialLines) continue;
                    for (var a = first; a <= last; a++) marked[a] = true;
                    break;
                }
            }

            for (var k = 0; k < added.Count; k++)
            {
                if (marked[k]) (moved[j] ??= []).Add(members[j].AddedInputLines[k]);
            }
        }

        return moved;
    }

    /// <summary>The widest run around added line <paramref name="a"/> and removed line <paramref name="r"/> (equal hashes) that stays equal and contiguous on both sides.</summary>
    private static (int First, int Last) Run(ChangedLines.Side added, int a, ChangedLines.Side removed, int r)
    {
        var back = 0;
        while (a - back > 0 && r - back > 0 && added.Continues[a - back] && removed.Continues[r - back]
               && added.Hashes[a - back - 1] == removed.Hashes[r - back - 1])
            back++;

        var ahead = 0;
        while (a + ahead + 1 < added.Count && r + ahead + 1 < removed.Count && added.Continues[a + ahead + 1]
               && removed.Continues[r + ahead + 1] && added.Hashes[a + ahead + 1] == removed.Hashes[r + ahead + 1])
            ahead++;

        return (a - back, a + ahead);
    }

    private static int SubstantialLines(ChangedLines.Side added, int first, int last)
    {
        var count = 0;
        for (var a = first; a <= last; a++)
        {
            if (added.Substantial[a]) count++;
        }

        return count;
    }
}
