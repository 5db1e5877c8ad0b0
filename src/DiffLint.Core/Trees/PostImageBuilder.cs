using System.Collections.Immutable;
using DiffLint.Core.Model;

namespace DiffLint.Core.Trees;

/// <summary>
/// Applies a file's hunks to its pre-image in memory, the way <c>git apply</c> does without fuzz: every context and
/// removed line must equal the pre-image line it stands for, <c>\ No newline at end of file</c> included. A hunk is
/// looked for at its header's line, then at the nearest lines after and before it, alternately (the file gained or lost
/// lines above it since the patch was made); a hunk starting at line 1 must match at the start and one without trailing
/// context at the end, and a hunk with no context at all (<c>-U0</c>) only where its header puts it, since nothing
/// would confirm any other place. Anything else yields null: the rules then fall back to the patch alone rather than
/// read a post-image the author never had.
/// </summary>
public static class PostImageBuilder
{
    /// <summary>
    /// The post-image of <paramref name="file"/> from <paramref name="preImage"/> (<see cref="PreImage.Empty"/> for a
    /// file the patch adds), or null when a hunk does not apply, is damaged, or the file has no text post-image.
    /// Linear in the file and the patch, plus the distance a moved hunk is searched over.
    /// </summary>
    public static PostImage? Apply(PreImage preImage, FileDiff file)
    {
        if (file.IsBinary || file.NewPath is null) return null;
        var pre = preImage.Lines;
        var output = ImmutableArray.CreateBuilder<string>(Math.Max(0, pre.Count + file.AddedCount - file.RemovedCount));
        var matcher = new HunkMatcher(preImage);
        // Pre-image lines before this index are already in the output, or removed.
        var consumed = 0;
        foreach (var hunk in file.Hunks)
        {
            if (!hunk.IsComplete) return null;
            var position = matcher.Find(hunk, consumed);
            if (position < 0) return null;
            for (var i = consumed; i < position; i++) output.Add(pre[i]);
            var at = position;
            foreach (var line in hunk.Lines)
            {
                switch (line.Kind)
                {
                    case DiffLineKind.Context:
                        output.Add(pre[at++]);
                        break;
                    case DiffLineKind.Removed:
                        at++;
                        break;
                    default:
                        output.Add(line.Text.ToString());
                        break;
                }
            }

            consumed = at;
        }

        for (var i = consumed; i < pre.Count; i++) output.Add(pre[i]);
        return new PostImage(output.DrainToImmutable());
    }

    /// <summary>
    /// Finds where a hunk's old lines (context and removed) sit in the pre-image. Candidate places away from the header's
    /// line are compared by a rolling hash of the lines, one step each, and only a place whose hash agrees is compared
    /// line by line, so searching a long way costs the distance and not the distance times the hunk's length.
    /// </summary>
    private sealed class HunkMatcher(PreImage preImage)
    {
        private const ulong HashBase = 0x100000001B3;

        private readonly IReadOnlyList<string> _lines = preImage.Lines;

        // _prefixHashes[i] is the hash of lines [0, i); built the first time a hunk is not where its header says.
        private ulong[]? _prefixHashes;

        /// <summary>The index of the pre-image line the hunk's first old line matches, or -1.</summary>
        public int Find(Hunk hunk, int lowest)
        {
            var oldLength = 0;
            var trailingContext = 0;
            var hasContext = false;
            foreach (var line in hunk.Lines)
            {
                if (line.Kind == DiffLineKind.Added)
                {
                    trailingContext = 0;
                    continue;
                }

                oldLength++;
                if (line.Kind == DiffLineKind.Context)
                {
                    hasContext = true;
                    trailingContext++;
                }
                else trailingContext = 0;
            }

            var highest = _lines.Count - oldLength;
            if (highest < lowest) return -1;
            var expected = hunk.OldCount == 0 ? hunk.OldStart : hunk.OldStart - 1;
            if (!hasContext) return OnlyAt(hunk, expected, lowest, highest);

            var mustStart = hunk.OldStart <= 1;
            var mustEnd = trailingContext == 0;
            if (mustStart) return mustEnd && highest != 0 ? -1 : OnlyAt(hunk, 0, lowest, highest);
            if (mustEnd) return OnlyAt(hunk, highest, lowest, highest);
            return Search(hunk, oldLength, Math.Clamp(expected, lowest, highest), lowest, highest);
        }

        private int OnlyAt(Hunk hunk, int position, int lowest, int highest) =>
            position >= lowest && position <= highest && Matches(hunk, position) ? position : -1;

        /// <summary><c>git apply</c>'s order: the expected line, then one after, one before, two after, two before...</summary>
        private int Search(Hunk hunk, int oldLength, int expected, int lowest, int highest)
        {
            if (Matches(hunk, expected)) return expected;
            var prefix = _prefixHashes ??= PrefixHashes();
            ulong target = 0, power = 1;
            foreach (var line in hunk.Lines)
            {
                if (line.Kind == DiffLineKind.Added) continue;
                target = target * HashBase + LineHash(line.Span);
                power *= HashBase;
            }

            for (var distance = 1; expected + distance <= highest || expected - distance >= lowest; distance++)
            {
                var after = expected + distance;
                if (after <= highest && prefix[after + oldLength] - prefix[after] * power == target && Matches(hunk, after)) return after;
                var before = expected - distance;
                if (before >= lowest && prefix[before + oldLength] - prefix[before] * power == target && Matches(hunk, before)) return before;
            }

            return -1;
        }

        private ulong[] PrefixHashes()
        {
            var hashes = new ulong[_lines.Count + 1];
            for (var i = 0; i < _lines.Count; i++) hashes[i + 1] = hashes[i] * HashBase + LineHash(_lines[i]);
            return hashes;
        }

        // Never zero, so that a run of empty lines still changes the hash.
        private static ulong LineHash(ReadOnlySpan<char> line) => (ulong)(uint)string.GetHashCode(line) + 1;

        private bool Matches(Hunk hunk, int position)
        {
            var index = position;
            foreach (var line in hunk.Lines)
            {
                if (line.Kind == DiffLineKind.Added) continue;
                var lastWithoutNewline = index == _lines.Count - 1 && !preImage.EndsWithNewline;
                if (line.NoNewlineAtEnd != lastWithoutNewline || !line.Span.SequenceEqual(_lines[index])) return false;
                index++;
            }

            return true;
        }
    }
}
