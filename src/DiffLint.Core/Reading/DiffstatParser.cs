using System.Collections.Immutable;
using DiffLint.Core.Model;

namespace DiffLint.Core.Reading;

/// <summary>Reads the <c> path | N +-</c> rows and the summary line git diff --stat writes below <c>---</c>.</summary>
internal static class DiffstatParser
{
    public static Diffstat? Parse(ImmutableArray<MessageLine> notes)
    {
        var entries = ImmutableArray.CreateBuilder<DiffstatEntry>();
        for (var k = 0; k < notes.Length; k++)
        {
            var line = notes[k].Span;
            if (TryParseSummary(line, out var files, out var insertions, out var deletions))
            {
                return new Diffstat(entries.ToImmutable(), files, insertions, deletions, notes[k].InputLine);
            }

            var bar = line.IndexOf(" | ");
            if (bar > 0 && line.Length > 0 && line[0] == ' ')
            {
                var path = line[..bar].Trim().ToString();
                var stat = line[(bar + 3)..].Trim();
                var isBinary = stat.StartsWith("Bin");
                int? changes = null;
                var space = stat.IndexOf(' ');
                var number = space < 0 ? stat : stat[..space];
                if (int.TryParse(number, out var n)) changes = n;
                entries.Add(new DiffstatEntry(path, changes, isBinary, notes[k].InputLine));
            }
            else if (entries.Count > 0)
            {
                entries.Clear();
            }
        }

        return null;
    }

    /// <summary><c> 2 files changed, 32 insertions(+), 4 deletions(-)</c>; either count may be missing.</summary>
    private static bool TryParseSummary(ReadOnlySpan<char> line, out int files, out int? insertions, out int? deletions)
    {
        files = 0;
        insertions = deletions = null;
        line = line.Trim();
        var changed = line.IndexOf(" changed");
        if (changed <= 0 || !(line.StartsWith("1 file") || line.IndexOf(" files changed") > 0)) return false;
        var space = line.IndexOf(' ');
        if (!int.TryParse(line[..space], out files)) return false;
        foreach (var range in line.Split(','))
        {
            var part = line[range].Trim();
            var partSpace = part.IndexOf(' ');
            if (partSpace <= 0 || !int.TryParse(part[..partSpace], out var count)) continue;
            if (part.IndexOf("insertion") > 0) insertions = count;
            else if (part.IndexOf("deletion") > 0) deletions = count;
        }

        return true;
    }
}
