namespace DiffLint.Core.Reading;

/// <summary>Parses <c>@@ -l[,s] +l[,s] @@[ heading]</c>; an omitted count means 1.</summary>
internal static class HunkHeader
{
    public static bool TryParse(ReadOnlySpan<char> line, out int oldStart, out int oldCount, out int newStart,
        out int newCount, out string heading)
    {
        oldStart = oldCount = newStart = newCount = 0;
        heading = "";
        if (!line.StartsWith("@@ -")) return false;
        var pos = 4;
        if (!TryReadRange(line, ref pos, out oldStart, out oldCount)) return false;
        if (pos >= line.Length || line[pos] != ' ') return false;
        pos++;
        if (pos >= line.Length || line[pos] != '+') return false;
        pos++;
        if (!TryReadRange(line, ref pos, out newStart, out newCount)) return false;
        if (!line[pos..].StartsWith(" @@")) return false;
        pos += 3;
        heading = pos < line.Length ? line[pos..].Trim().ToString() : "";
        return true;
    }

    private static bool TryReadRange(ReadOnlySpan<char> line, ref int pos, out int start, out int count)
    {
        count = 1;
        if (!TryReadNumber(line, ref pos, out start)) return false;
        if (pos < line.Length && line[pos] == ',')
        {
            pos++;
            if (!TryReadNumber(line, ref pos, out count)) return false;
        }

        return true;
    }

    private static bool TryReadNumber(ReadOnlySpan<char> line, ref int pos, out int value)
    {
        value = 0;
        var begin = pos;
        while (pos < line.Length && char.IsAsciiDigit(line[pos]))
        {
            // Counts beyond int range are hostile input, not a real diff.
            if (value > (int.MaxValue - 9) / 10) return false;
            value = value * 10 + (line[pos] - '0');
            pos++;
        }

        return pos > begin;
    }
}
