using System.Collections.Immutable;
using System.Globalization;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Message;

/// <summary>Shared reading of commit-message lines: which lines are pasted logs, URLs or trailers.</summary>
internal static class CommitLog
{
    /// <summary><see cref="StackDumpLines"/> of a patch's commit message, computed once per patch.</summary>
    public static readonly PatchValueProvider<bool[]> StackDumpsOfMessage = new(patch => StackDumpLines(patch.CommitMessage));

    /// <summary>
    /// The index of the commit message's first <c>Signed-off-by:</c> line (leading whitespace and case aside), or the
    /// number of lines when there is none: checkpatch's commit log ends there. Found once per patch for the rules that
    /// read the log up to it or ask whether there is one, which each walked the message for it.
    /// </summary>
    public static readonly PatchValueProvider<int> FirstSignOffLine = new(patch => FirstSignOff(patch.CommitMessage));

    private static int FirstSignOff(ImmutableArray<MessageLine> lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Span.TrimStart().StartsWith("Signed-off-by:", StringComparison.OrdinalIgnoreCase)) return i;
        }

        return lines.Length;
    }

    /// <summary>
    /// Marks the lines that belong to a pasted kernel log or stack dump (checkpatch's heuristics: a <c>WARNING:</c> or
    /// <c>BUG:</c> line, a <c>[ 12.345678]</c> timestamp, a <c>[&lt;ffffffff...&gt;]</c> address, register dumps).
    /// A dump lasts until the next blank line. Such lines are quoted text: neither wrapped nor read as commit references.
    /// </summary>
    public static bool[] StackDumpLines(ImmutableArray<MessageLine> lines)
    {
        var inDump = new bool[lines.Length];
        var dump = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].Span;
            if (!dump && StartsStackDump(text)) dump = true;
            inDump[i] = dump;
            if (dump && text.IsWhiteSpace()) dump = false;
        }

        return inDump;
    }

    private static bool StartsStackDump(ReadOnlySpan<char> line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.StartsWith("WARNING:", StringComparison.Ordinal) || trimmed.StartsWith("BUG:", StringComparison.Ordinal)) return true;
        if (trimmed.StartsWith('[')) return IsLogPrefix(trimmed);
        // Each form needs its first character: the (many) lines that cannot match are not read further.
        return (trimmed.Length < line.Length && IsRegisterDump(line)) || (trimmed.StartsWith('#') && IsGdbFrame(trimmed));
    }

    // The readers below match what checkpatch's regexes match, in one pass each (no backtracking, so linear in the
    // line): every repetition in those patterns ends where the next part's first character cannot continue it.
    // \s is char.IsWhiteSpace, \d char.IsDigit and \w IsRegexWordChar, as in .NET regexes.

    /// <summary><c>^\[\s*\d+\.\d{6}\s*\]</c> (a kernel log timestamp) or <c>^\[&lt;[0-9a-fA-F]{8,}&gt;\]</c> (a stack address).</summary>
    private static bool IsLogPrefix(ReadOnlySpan<char> text)
    {
        var k = 1 + WhiteSpaceRun(text, 1);
        var seconds = DigitRun(text, k);
        k += seconds;
        if (seconds > 0 && k < text.Length && text[k] == '.' && DigitRun(text, k + 1) >= 6)
        {
            k += 7;
            k += WhiteSpaceRun(text, k);
            if (k < text.Length && text[k] == ']') return true;
        }

        if (text.Length < 2 || text[1] != '<') return false;
        var address = HexRun(text, 2);
        return address >= 8 && text[(2 + address)..].StartsWith(">]", StringComparison.Ordinal);
    }

    /// <summary><c>^(?:\s+\w+:\s+[0-9a-fA-F]+){3}</c>: three indented <c>REG: value</c> pairs.</summary>
    private static bool IsRegisterDump(ReadOnlySpan<char> line)
    {
        var k = 0;
        for (var pair = 0; pair < 3; pair++)
        {
            var space = WhiteSpaceRun(line, k);
            if (space == 0) return false;
            k += space;
            var name = WordRun(line, k);
            if (name == 0) return false;
            k += name;
            if (k >= line.Length || line[k] != ':') return false;
            space = WhiteSpaceRun(line, ++k);
            if (space == 0) return false;
            k += space;
            var value = HexRun(line, k);
            if (value == 0) return false;
            k += value;
        }

        return true;
    }

    /// <summary><c>^#\d+\s*\[[0-9a-fA-F]+\]\s*\w+ at [0-9a-fA-F]+</c>: a gdb backtrace frame.</summary>
    private static bool IsGdbFrame(ReadOnlySpan<char> text)
    {
        var frame = DigitRun(text, 1);
        if (frame == 0) return false;
        var k = 1 + frame;
        k += WhiteSpaceRun(text, k);
        if (k >= text.Length || text[k] != '[') return false;
        var address = HexRun(text, ++k);
        if (address == 0) return false;
        k += address;
        if (k >= text.Length || text[k] != ']') return false;
        k++;
        k += WhiteSpaceRun(text, k);
        var function = WordRun(text, k);
        if (function == 0) return false;
        k += function;
        return text[k..].StartsWith(" at ", StringComparison.Ordinal) && HexRun(text, k + 4) > 0;
    }

    /// <summary>Regex <c>\w</c>: letters, non-spacing marks, decimal digits and connector punctuation (<c>_</c>).</summary>
    public static bool IsRegexWordChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c == '_'
        || (c >= 0x80 && char.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation);

    /// <summary>Length of the run of regex <c>\s</c> characters starting at <paramref name="start"/>.</summary>
    public static int WhiteSpaceRun(ReadOnlySpan<char> text, int start)
    {
        var end = start;
        while (end < text.Length && char.IsWhiteSpace(text[end])) end++;
        return end - start;
    }

    /// <summary>Length of the run of regex <c>\d</c> characters (Unicode decimal digits) starting at <paramref name="start"/>.</summary>
    public static int DigitRun(ReadOnlySpan<char> text, int start)
    {
        var end = start;
        while (end < text.Length && char.IsDigit(text[end])) end++;
        return end - start;
    }

    /// <summary>Length of the run of regex <c>\w</c> characters starting at <paramref name="start"/>.</summary>
    public static int WordRun(ReadOnlySpan<char> text, int start)
    {
        var end = start;
        while (end < text.Length && IsRegexWordChar(text[end])) end++;
        return end - start;
    }

    /// <summary>A <c>Key: value</c> trailer such as <c>Signed-off-by:</c>, <c>Link:</c> or <c>Fixes:</c>.</summary>
    public static bool IsTrailerLike(ReadOnlySpan<char> line)
    {
        var colon = line.IndexOf(':');
        if (colon <= 0 || colon + 1 < line.Length && line[colon + 1] != ' ') return false;
        foreach (var c in line[..colon])
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-') return false;
        }

        return line[..colon].Contains('-') || TrailerKeys.Contains(line[..colon].ToString());
    }

    private static readonly HashSet<string> TrailerKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "Fixes", "Link", "Closes", "Cc", "BugLink", "Patchwork", "Bug", "Resolves", "Buglink", "Suggested", "Message-Id",
    };

    public static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    /// <summary>Length of the run of hex digits starting at <paramref name="start"/>.</summary>
    public static int HexRun(ReadOnlySpan<char> text, int start)
    {
        var end = start;
        while (end < text.Length && IsHex(text[end])) end++;
        return end - start;
    }

    /// <summary>
    /// Finds a parenthesised group starting at <paramref name="open"/> (which must be '('), with nested parentheses
    /// balanced; returns the index just past the closing ')', or -1 when the group does not close on this text.
    /// </summary>
    public static int BalancedParensEnd(ReadOnlySpan<char> text, int open)
    {
        if (open >= text.Length || text[open] != '(') return -1;
        var depth = 0;
        for (var k = open; k < text.Length; k++)
        {
            if (text[k] == '(') depth++;
            else if (text[k] == ')' && --depth == 0) return k + 1;
        }

        return -1;
    }

    /// <summary>The text of a <c>("subject")</c> group: the inside of the parentheses, and whether it was double-quoted.</summary>
    public static (string Subject, bool Quoted) ParenthesisedSubject(ReadOnlySpan<char> group)
    {
        var inside = group[1..^1];
        if (inside.Length >= 2 && inside[0] == '"' && inside[^1] == '"') return (inside[1..^1].ToString(), true);
        return (inside.ToString(), false);
    }
}
