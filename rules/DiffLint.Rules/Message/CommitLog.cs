using System.Collections.Immutable;
using System.Text.RegularExpressions;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Message;

/// <summary>Shared reading of commit-message lines: which lines are pasted logs, URLs or trailers.</summary>
internal static partial class CommitLog
{
    /// <summary>
    /// Bound on the commit-message regexes. They are source-generated: the NonBacktracking engine they ran on before
    /// spent about 60 ms building its automata at each cold start, a hook's whole budget. All are anchored and run on
    /// one message line, so they are linear in practice; the timeout is for hostile input.
    /// </summary>
    internal const int RegexTimeoutMilliseconds = 100;

    /// <summary>A match that runs past <see cref="RegexTimeoutMilliseconds"/> (hostile input) counts as no match instead of failing the rule.</summary>
    internal static bool IsMatch(Regex regex, ReadOnlySpan<char> line)
    {
        try
        {
            return regex.IsMatch(line);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary><see cref="StackDumpLines"/> of a patch's commit message, computed once per patch.</summary>
    public static readonly PatchValueProvider<bool[]> StackDumpsOfMessage = new(patch => StackDumpLines(patch.CommitMessage));

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
        if (trimmed.StartsWith('[')) return IsMatch(StackDumpPrefix(), trimmed);
        // Each pattern needs its first character: skip the regex on the (many) lines that cannot match.
        return (trimmed.Length < line.Length && IsMatch(RegisterDump(), line)) || (trimmed.StartsWith('#') && IsMatch(GdbFrame(), trimmed));
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

    [GeneratedRegex(@"^\[\s*\d+\.\d{6}\s*\]|^\[<[0-9a-fA-F]{8,}>\]", RegexOptions.None, RegexTimeoutMilliseconds)]
    private static partial Regex StackDumpPrefix();

    [GeneratedRegex(@"^(?:\s+\w+:\s+[0-9a-fA-F]+){3}", RegexOptions.None, RegexTimeoutMilliseconds)]
    private static partial Regex RegisterDump();

    [GeneratedRegex(@"^#\d+\s*\[[0-9a-fA-F]+\]\s*\w+ at [0-9a-fA-F]+", RegexOptions.None, RegexTimeoutMilliseconds)]
    private static partial Regex GdbFrame();
}
