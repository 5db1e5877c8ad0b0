using DiffLint.Core.Model;
using DiffPlex;

namespace DiffLint.Core.Analysis;

/// <summary>
/// Finds code a patch only moves: runs of added lines equal to runs of removed lines, anywhere in the patch
/// (same file or another). Lines are aligned with DiffPlex over the removed and the added lines of the whole patch,
/// first on exact text (<see cref="MoveKind.Moved"/>), then on text trimmed of surrounding whitespace
/// (<see cref="MoveKind.Reindented"/>). A single line never counts: an aligned run must stay contiguous on both
/// sides and hold at least <see cref="MinimumSubstantialLines"/> substantial lines, so a lone <c>}</c>,
/// <c>return 0;</c> or blank line that happens to appear on both sides stays new.
/// </summary>
public static class MovedCodeDetector
{
    /// <summary>Lines with at least <see cref="SubstantialAlphanumerics"/> letters or digits needed in a run.</summary>
    public const int MinimumSubstantialLines = 3;

    public const int SubstantialAlphanumerics = 3;

    /// <summary>Passes per stage: each pass aligns what the previous ones left, so swapped blocks are found too.</summary>
    private const int PassesPerStage = 3;

    private readonly record struct ChangedLine(int File, int Hunk, int Line, int Block, string Text);

    public static MoveMap Detect(Patch patch)
    {
        var removed = new List<ChangedLine>();
        var added = new List<ChangedLine>();
        // A run pairs at least MinimumSubstantialLines removed lines with as many added ones.
        var removedCount = 0;
        var addedCount = 0;
        foreach (var file in patch.Files)
        {
            removedCount += file.RemovedCount;
            addedCount += file.AddedCount;
        }

        if (removedCount < MinimumSubstantialLines || addedCount < MinimumSubstantialLines ||
            !MayHaveRun(patch, out var removedHashes, out var addedHashes, out var lineHashes)) return MoveMap.None;

        // A run pairs contiguous lines on both sides, every one of them present on the other side, with at least
        // MinimumSubstantialLines substantial ones. So only streaks of such lines (unbroken by context or by a line the
        // other side lacks) that hold enough substantial lines are copied out, each streak a block of its own: the
        // alignment then sees a few candidate lines instead of a whole rewrite.
        var removedStreak = new Streak(removed);
        var addedStreak = new Streak(added);
        var changed = 0; // index into lineHashes: changed lines in the order MayHaveRun hashed them
        for (var f = 0; f < patch.Files.Length; f++)
        {
            var file = patch.Files[f];
            for (var h = 0; h < file.Hunks.Length; h++)
            {
                var lines = file.Hunks[h].Lines;
                for (var l = 0; l < lines.Length; l++)
                {
                    var line = lines[l];
                    switch (line.Kind)
                    {
                        case DiffLineKind.Removed when addedHashes.Contains(lineHashes[changed++]):
                            removedStreak.Add(f, h, l, line);
                            break;
                        case DiffLineKind.Added when removedHashes.Contains(lineHashes[changed++]):
                            addedStreak.Add(f, h, l, line);
                            break;
                        case DiffLineKind.Removed:
                            removedStreak.End();
                            break;
                        case DiffLineKind.Added:
                            addedStreak.End();
                            break;
                        default:
                            removedStreak.End();
                            addedStreak.End();
                            break;
                    }
                }

                removedStreak.End();
                addedStreak.End();
            }
        }

        if (removed.Count < MinimumSubstantialLines || added.Count < MinimumSubstantialLines) return MoveMap.None;

        var addedKind = new MoveKind[added.Count];
        var removedUsed = new bool[removed.Count];
        var differ = new Differ();
        var moved = Stage(removed, added, removedUsed, addedKind, MoveKind.Moved, static text => text, differ);
        var reindented = Stage(removed, added, removedUsed, addedKind, MoveKind.Reindented, static text => text.Trim(), differ);
        if (moved + reindented == 0) return MoveMap.None;

        var kinds = new MoveKind[]?[patch.Files.Length][];
        for (var f = 0; f < kinds.Length; f++) kinds[f] = new MoveKind[]?[patch.Files[f].Hunks.Length];
        for (var i = 0; i < added.Count; i++)
        {
            if (addedKind[i] == MoveKind.New) continue;
            var line = added[i];
            var hunk = kinds[line.File][line.Hunk] ??= new MoveKind[patch.Files[line.File].Hunks[line.Hunk].Lines.Length];
            hunk[line.Line] = addedKind[i];
        }

        return new MoveMap(kinds, moved, reindented);
    }

    /// <summary>Runs the passes of one stage; returns how many added lines it marked.</summary>
    private static int Stage(List<ChangedLine> removed, List<ChangedLine> added, bool[] removedUsed, MoveKind[] addedKind,
        MoveKind mark, Func<string, string> key, Differ differ)
    {
        // Each line's key is made once per stage, not in every pass (and twice per removed line in each).
        var keysOfRemoved = new string[removed.Count];
        for (var i = 0; i < keysOfRemoved.Length; i++) keysOfRemoved[i] = key(removed[i].Text);
        var keysOfAdded = new string[added.Count];
        for (var i = 0; i < keysOfAdded.Length; i++) keysOfAdded[i] = key(added[i].Text);
        var marked = 0;
        for (var pass = 0; pass < PassesPerStage; pass++)
        {
            var found = Pass(removed, added, keysOfRemoved, keysOfAdded, removedUsed, addedKind, mark, differ);
            if (found == 0) break;
            marked += found;
        }

        return marked;
    }

    private static int Pass(List<ChangedLine> removed, List<ChangedLine> added, string[] keysOfRemoved, string[] keysOfAdded, bool[] removedUsed,
        MoveKind[] addedKind, MoveKind mark, Differ differ)
    {
        // Only lines that have a counterpart on the other side take part: this keeps the alignment cheap on
        // patches that rewrite a lot, and non-candidates could not be in a run anyway.
        var removedKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < removed.Count; i++)
        {
            if (!removedUsed[i]) removedKeys.Add(keysOfRemoved[i]);
        }

        var addedKeys = new HashSet<string>(StringComparer.Ordinal);
        var addedIndex = new List<int>();
        var addedText = new List<string>();
        for (var i = 0; i < added.Count; i++)
        {
            if (addedKind[i] != MoveKind.New) continue;
            var k = keysOfAdded[i];
            if (!removedKeys.Contains(k)) continue;
            addedKeys.Add(k);
            addedIndex.Add(i);
            addedText.Add(k);
        }

        if (addedIndex.Count < MinimumSubstantialLines) return 0;
        var removedIndex = new List<int>();
        var removedText = new List<string>();
        for (var i = 0; i < removed.Count; i++)
        {
            if (removedUsed[i]) continue;
            var k = keysOfRemoved[i];
            if (!addedKeys.Contains(k)) continue;
            removedIndex.Add(i);
            removedText.Add(k);
        }

        var pairs = removedText.Count + addedText.Count <= MaximumAlignedLines
            ? Aligned(removedIndex, removedText, addedIndex, addedText, differ)
            : Chained(removedIndex, removedText, addedIndex, addedText);

        var marked = 0;
        var runStart = 0;
        for (var p = 1; p <= pairs.Count; p++)
        {
            if (p < pairs.Count && Continues(pairs[p - 1], pairs[p], removed, added)) continue;
            var substantial = 0;
            for (var q = runStart; q < p; q++)
            {
                if (IsSubstantial(added[pairs[q].Added].Text)) substantial++;
            }

            if (substantial >= MinimumSubstantialLines)
            {
                for (var q = runStart; q < p; q++)
                {
                    removedUsed[pairs[q].Removed] = true;
                    addedKind[pairs[q].Added] = mark;
                    marked++;
                }
            }

            runStart = p;
        }

        return marked;
    }

    /// <summary>
    /// The most candidate lines (both sides) aligned with DiffPlex. Its Myers alignment takes time N·D, and a block added
    /// back in reverse order makes D as large as N: past this size the pairs are chained instead, in linear time.
    /// </summary>
    private const int MaximumAlignedLines = 4000;

    /// <summary>Pairs candidates along a longest common subsequence (DiffPlex), so the pairs rise on both sides.</summary>
    private static List<(int Removed, int Added)> Aligned(List<int> removedIndex, List<string> removedText, List<int> addedIndex,
        List<string> addedText, Differ differ)
    {
        // DiffPlex splits each of two texts into pieces with the chunker it is given: the lines are pieces already, so
        // the chunker hands them over instead of DiffPlex splitting a text they were joined into (keys never hold '\n',
        // so that gave the same pieces, each line copied twice more). DiffPlex does not call the chunker for an empty
        // text and takes no pieces from it: a side whose joined text would be empty is passed as one.
        var removedPieces = removedText.ToArray();
        var addedPieces = addedText.ToArray();
        var diff = differ.CreateCustomDiffs(TextStandingFor(removedPieces, RemovedSide), TextStandingFor(addedPieces, AddedSide), false,
            text => ReferenceEquals(text, RemovedSide) ? removedPieces : addedPieces);

        var pairs = new List<(int Removed, int Added)>();
        int a = 0, b = 0;
        foreach (var block in diff.DiffBlocks)
        {
            while (a < block.DeleteStartA && b < block.InsertStartB) pairs.Add((removedIndex[a++], addedIndex[b++]));
            a = block.DeleteStartA + block.DeleteCountA;
            b = block.InsertStartB + block.InsertCountB;
        }

        while (a < removedIndex.Count && b < addedIndex.Count) pairs.Add((removedIndex[a++], addedIndex[b++]));
        return pairs;
    }

    // Two distinct texts for the two sides of an alignment, which the chunker tells apart by reference.
    private static readonly string RemovedSide = new('-', 1);
    private static readonly string AddedSide = new('+', 1);

    /// <summary>The text passed to DiffPlex for <paramref name="pieces"/>: empty where their joined text would be.</summary>
    private static string TextStandingFor(string[] pieces, string side) => pieces.Length == 0 || (pieces.Length == 1 && pieces[0].Length == 0) ? "" : side;

    /// <summary>
    /// Pairs candidates in linear time, for inputs too large to align: each added line goes on the run of the line
    /// before it when the next removed line matches, and otherwise starts a run at the first unused removed line with
    /// its text. Each removed line is taken or passed over once.
    /// </summary>
    private static List<(int Removed, int Added)> Chained(List<int> removedIndex, List<string> removedText, List<int> addedIndex,
        List<string> addedText)
    {
        var positions = new Dictionary<string, Queue<int>>(StringComparer.Ordinal);
        for (var r = 0; r < removedText.Count; r++)
        {
            if (!positions.TryGetValue(removedText[r], out var queue)) positions[removedText[r]] = queue = new Queue<int>();
            queue.Enqueue(r);
        }

        var used = new bool[removedText.Count];
        var pairs = new List<(int Removed, int Added)>();
        var previous = -1;
        for (var b = 0; b < addedText.Count; b++)
        {
            var next = previous + 1;
            if (previous < 0 || next >= removedText.Count || used[next] || !string.Equals(removedText[next], addedText[b], StringComparison.Ordinal))
            {
                next = -1;
                if (positions.TryGetValue(addedText[b], out var queue))
                {
                    while (queue.TryDequeue(out var r))
                    {
                        if (used[r]) continue;
                        next = r;
                        break;
                    }
                }
            }

            previous = next;
            if (next < 0) continue;
            used[next] = true;
            pairs.Add((removedIndex[next], addedIndex[b]));
        }

        return pairs;
    }

    /// <summary>Collects one side's candidate lines and keeps a streak only if it holds enough substantial lines.</summary>
    private sealed class Streak(List<ChangedLine> into)
    {
        private readonly List<(int File, int Hunk, int Line, DiffLine Diff)> _pending = [];
        private int _substantial;
        private int _block;

        public void Add(int file, int hunk, int line, DiffLine diff)
        {
            _pending.Add((file, hunk, line, diff));
            if (IsSubstantial(diff.Span)) _substantial++;
        }

        public void End()
        {
            if (_substantial >= MinimumSubstantialLines)
            {
                _block++;
                foreach (var (file, hunk, line, diff) in _pending) into.Add(new ChangedLine(file, hunk, line, _block, diff.Text.ToString()));
            }

            _pending.Clear();
            _substantial = 0;
        }
    }

    /// <summary>
    /// A cheap first look on hashes of the trimmed lines: moved or re-indented code needs at least
    /// <see cref="MinimumSubstantialLines"/> substantial added lines whose trimmed text hashes like a removed line's.
    /// Also returns the hashes each side shares with the other, so only those lines are copied out.
    /// </summary>
    private static bool MayHaveRun(Patch patch, out LineHashSet removed, out LineHashSet added, out int[] lineHashes)
    {
        // Each changed line is hashed once, in file/hunk/line order; Detect walks the lines in the same order.
        var changedCount = 0;
        var removedCount = 0;
        foreach (var file in patch.Files)
        {
            changedCount += file.AddedCount + file.RemovedCount;
            removedCount += file.RemovedCount;
        }

        lineHashes = new int[changedCount];
        // The added hashes kept are removed ones too, so neither set holds more than removedCount values.
        removed = new LineHashSet(removedCount);
        added = new LineHashSet(removedCount);
        var next = 0;
        foreach (var file in patch.Files)
        {
            foreach (var hunk in file.Hunks)
            {
                foreach (ref readonly var line in hunk.Lines.AsSpan())
                {
                    if (line.Kind == DiffLineKind.Context) continue;
                    var hash = lineHashes[next++] = LineHash.Of(line.Span.Trim());
                    if (line.Kind == DiffLineKind.Removed) removed.Add(hash);
                }
            }
        }

        var candidates = 0;
        next = 0;
        foreach (var file in patch.Files)
        {
            foreach (var hunk in file.Hunks)
            {
                foreach (ref readonly var line in hunk.Lines.AsSpan())
                {
                    if (line.Kind == DiffLineKind.Context) continue;
                    var hash = lineHashes[next++];
                    if (line.Kind != DiffLineKind.Added || !removed.Contains(hash)) continue;
                    added.Add(hash);
                    // Trimming only drops blanks, which are not counted.
                    if (IsSubstantial(line.Span)) candidates++;
                }
            }
        }

        return candidates >= MinimumSubstantialLines;
    }

    private static bool Continues((int Removed, int Added) previous, (int Removed, int Added) next,
        List<ChangedLine> removed, List<ChangedLine> added) =>
        next.Removed == previous.Removed + 1 && next.Added == previous.Added + 1
        && removed[next.Removed].Block == removed[previous.Removed].Block
        && added[next.Added].Block == added[previous.Added].Block;

    internal static bool IsSubstantial(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) && ++count >= SubstantialAlphanumerics) return true;
        }

        return false;
    }
}
