using System.Buffers;
using System.Collections.Immutable;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Message;

/// <summary>How a commit is referred to in a commit message.</summary>
internal enum CommitReferenceKind
{
    /// <summary>A <c>Fixes: &lt;sha&gt; ("subject")</c> tag.</summary>
    FixesTag,

    /// <summary><c>commit &lt;sha&gt; ("subject")</c> in the text.</summary>
    CommitWord,

    /// <summary>A bare 12-40 digit sha in the text, without the word "commit".</summary>
    BareSha,
}

/// <summary>
/// A commit the message refers to. <see cref="Start"/>..<see cref="End"/> cover the reference on line
/// <see cref="LineIndex"/> of the commit message; <see cref="Subject"/> is the text of the <c>(...)</c> group after the sha
/// (quotes removed when <see cref="SubjectQuoted"/>), null when there is none. <see cref="ShaOnNextLine"/>: the line ends
/// with "commit" and the sha starts the next line.
/// </summary>
internal sealed record CommitReference(
    CommitReferenceKind Kind,
    int LineIndex,
    int Start,
    int End,
    string Sha,
    string? Subject,
    bool SubjectQuoted,
    string Keyword,
    string Separator,
    string GapBeforeSubject = " ",
    bool ShaOnNextLine = false)
{
    /// <summary>The sha as git understands it (lower case).</summary>
    public string NormalizedSha => Sha.ToLowerInvariant();
}

/// <summary>
/// Finds the commit references of a commit message the way checkpatch looks for them: Fixes: tags, <c>commit &lt;sha&gt;</c>
/// (the sha may start the next line, the <c>("subject")</c> may continue on it) and bare 12+ digit shas; lines of pasted
/// logs, URLs, <c>Link:</c>-style tags and <c>This reverts commit</c> are skipped.
/// </summary>
internal static class CommitReferences
{
    private const int MinimumAbbreviation = 5;

    /// <summary>The references of a patch's commit message, found once per patch for the rules that check them.</summary>
    public static readonly PatchValueProvider<ImmutableArray<CommitReference>> OfPatch =
        PatchValueProvider<ImmutableArray<CommitReference>>.FromAnalysis(sink => Find(sink.Patch, sink.GetValue(CommitLog.StackDumpsOfMessage)));

    private static ImmutableArray<CommitReference> Find(Patch patch, bool[] inDump)
    {
        var lines = patch.CommitMessage;
        var found = ImmutableArray.CreateBuilder<CommitReference>();
        var previousLineEndsWithCommit = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var startsWithPreviousSha = previousLineEndsWithCommit;
            previousLineEndsWithCommit = false;
            var text = lines[i].Span;
            // The indentation, once for both readers of the line's start.
            var start = text.Length - text.TrimStart().Length;
            if (TryReadFixesTag(text, start, i, out var fixes))
            {
                found.Add(fixes);
                continue;
            }

            if (inDump[i] || IsExcludedLine(text, start)) continue;
            var next = i + 1 < lines.Length ? lines[i + 1].Span : [];
            var before = found.Count;
            ReadCommitWords(text, next, i, found);
            if (found.Count > before)
            {
                previousLineEndsWithCommit = found[^1].ShaOnNextLine;
            }
            else if (!startsWithPreviousSha)
            {
                // A sha starting the line after "... commit" belongs to that reference; it is not a bare one.
                ReadBareSha(text, i, found);
            }
        }

        return found.ToImmutable();
    }

    private static bool IsExcludedLine(ReadOnlySpan<char> text, int start)
    {
        var trimmed = text[start..];
        // The prefixes start with L, P, h, B, b or C in either case, "This reverts" with T: most lines start otherwise,
        // and a line is compared with the prefixes of its first letter only ("The ..." with none).
        if (trimmed.IsEmpty) return false;
        var first = trimmed[0] | 0x20;
        if (first == 't') return text.StartsWith("This reverts commit ", StringComparison.Ordinal);
        if (first is not ('l' or 'p' or 'h' or 'b' or 'c')) return false;
        ReadOnlySpan<string> prefixes = ["Link:", "Patchwork:", "http:", "https:", "BugLink:", "base-commit:", "Closes:"];
        foreach (var prefix in prefixes)
        {
            if ((prefix[0] | 0x20) == first && trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }

    /// <summary>
    /// <c>Fixes: &lt;sha&gt; ("subject")</c>, in any case and spacing, with an optional word "commit", starting at
    /// <paramref name="start"/> (after the line's indentation).
    /// </summary>
    private static bool TryReadFixesTag(ReadOnlySpan<char> text, int start, int lineIndex, out CommitReference reference)
    {
        reference = null!;
        if (!text[start..].StartsWith("fixes", StringComparison.OrdinalIgnoreCase)) return false;
        var k = start + 5;
        var hasColon = k < text.Length && text[k] == ':';
        if (hasColon) k++;
        var keywordEnd = k;
        var separatorStart = k;
        while (k < text.Length && char.IsWhiteSpace(text[k])) k++;
        if (!hasColon && k == separatorStart) return false;
        if (text[k..].StartsWith("commit", StringComparison.OrdinalIgnoreCase))
        {
            k += 6;
            while (k < text.Length && char.IsWhiteSpace(text[k])) k++;
        }

        var shaLength = CommitLog.HexRun(text, k);
        if (shaLength < MinimumAbbreviation || !EndsWord(text, k + shaLength)) return false;
        var sha = text.Slice(k, shaLength);
        // Without the colon, "fixes added ..." is prose; require a digit as git abbreviations nearly always have one.
        if (!hasColon && !HasDigit(sha)) return false;
        var afterSha = k + shaLength;
        var open = afterSha;
        while (open < text.Length && char.IsWhiteSpace(text[open])) open++;
        var close = CommitLog.BalancedParensEnd(text, open);
        string? subject = null;
        var quoted = false;
        if (close > 0) (subject, quoted) = CommitLog.ParenthesisedSubject(text[open..close]);
        reference = new CommitReference(CommitReferenceKind.FixesTag, lineIndex, start, close > 0 ? close : text.Length,
            sha.ToString(), subject, quoted, text[start..keywordEnd].ToString(),
            text[separatorStart..k].ToString(), text[afterSha..open].ToString());
        return true;
    }

    /// <summary>Each <c>commit &lt;sha&gt;</c> on the line, including "commit" at the end of the line with the sha on the next.</summary>
    private static void ReadCommitWords(ReadOnlySpan<char> text, ReadOnlySpan<char> next, int lineIndex,
        ImmutableArray<CommitReference>.Builder found)
    {
        var from = 0;
        while (true)
        {
            var at = text[from..].IndexOfAny(CommitWord.Search);
            if (at < 0) return;
            at += from;
            from = at + 6;
            if (at > 0 && IsWordChar(text[at - 1])) continue;
            var k = at + 6;
            while (k < text.Length && char.IsWhiteSpace(text[k])) k++;
            if (k == text.Length)
            {
                // "... commit" with the sha starting the next line; the subject may follow it there.
                var nextStart = next.Length - next.TrimStart().Length;
                var nextSha = CommitLog.HexRun(next, nextStart);
                if (nextSha < MinimumAbbreviation || !EndsWord(next, nextStart + nextSha) || !HasDigit(next.Slice(nextStart, nextSha))) return;
                var (subject, quoted) = SubjectAfter(next, nextStart + nextSha, []);
                found.Add(new CommitReference(CommitReferenceKind.CommitWord, lineIndex, at, text.Length,
                    next.Slice(nextStart, nextSha).ToString(), subject, quoted, text.Slice(at, 6).ToString(), " ",
                    ShaOnNextLine: true));
                return;
            }

            if (k == at + 6) continue;
            var shaLength = CommitLog.HexRun(text, k);
            if (shaLength < MinimumAbbreviation || !EndsWord(text, k + shaLength)) continue;
            var sha = text.Slice(k, shaLength);
            // "commit added", "commit faced": English words made of hex letters are not abbreviations.
            if (shaLength < 12 && !HasDigit(sha)) continue;
            var (subj, isQuoted) = SubjectAfter(text, k + shaLength, next);
            found.Add(new CommitReference(CommitReferenceKind.CommitWord, lineIndex, at, k + shaLength, sha.ToString(), subj,
                isQuoted, text.Slice(at, 6).ToString(), text[(at + 6)..k].ToString()));
            from = k + shaLength;
        }
    }

    // A class of its own: the searcher is built when a commit message is first read, not when a rule is made.
    private static class CommitWord
    {
        // "commit" in either case, with the framework's vectorised search for one string (two of its characters at a
        // time): a search for its first letter stopped at every 'c' of the line.
        public static readonly SearchValues<string> Search = SearchValues.Create(["commit"], StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The <c>(...)</c> group after a sha, on the same line or continued on the next one.</summary>
    private static (string? Subject, bool Quoted) SubjectAfter(ReadOnlySpan<char> text, int from, ReadOnlySpan<char> next)
    {
        var open = from;
        while (open < text.Length && char.IsWhiteSpace(text[open])) open++;
        if (open == text.Length && !next.IsEmpty)
        {
            // The group starts on the next line.
            var nextOpen = next.Length - next.TrimStart().Length;
            var end = CommitLog.BalancedParensEnd(next, nextOpen);
            if (end < 0) return (null, false);
            return CommitLog.ParenthesisedSubject(next[nextOpen..end]);
        }

        if (open >= text.Length || text[open] != '(') return (null, false);
        var close = CommitLog.BalancedParensEnd(text, open);
        if (close > 0) return CommitLog.ParenthesisedSubject(text[open..close]);
        if (next.IsEmpty) return (null, false);
        var joined = string.Concat(text[open..], " ", next.Trim());
        var joinedClose = CommitLog.BalancedParensEnd(joined, 0);
        return joinedClose < 0 ? (null, false) : CommitLog.ParenthesisedSubject(joined.AsSpan(0, joinedClose));
    }

    /// <summary>A bare 12-40 digit sha: after a space (or at the start), followed by a space, quote, '(' or '['.</summary>
    private static void ReadBareSha(ReadOnlySpan<char> text, int lineIndex, ImmutableArray<CommitReference>.Builder found)
    {
        // A bare sha is a whole run of hex digits with a digit in it: the runs are reached from the line's digits, one
        // vectorised search each, where a test of every character of the line looked for runs after whitespace.
        for (var from = 0; from < text.Length;)
        {
            var digit = text[from..].IndexOfAny(AsciiDigits.Decimal);
            if (digit < 0) return;
            // The run around the digit; the one before it ended at or before 'from'.
            var start = from + digit;
            while (start > from && CommitLog.IsHex(text[start - 1])) start--;
            var end = from + digit + CommitLog.HexRun(text, from + digit);
            var sha = text[start..end];
            if ((start == 0 || char.IsWhiteSpace(text[start - 1])) && sha.Length is >= 12 and <= 40
                && (end == text.Length || char.IsWhiteSpace(text[end]) || text[end] is '"' or '\'' or '(' or '[')
                && HasHexLetter(sha) && !LooksLikeAddress(sha))
            {
                found.Add(new CommitReference(CommitReferenceKind.BareSha, lineIndex, start, end, sha.ToString(), null, false, "", ""));
                return;
            }

            from = end;
        }
    }

    /// <summary>
    /// Addresses in pasted memory maps and oopses (<c>000000007ffdd000</c>, <c>ffffffff81234567</c>): a sha starts with
    /// four zeros or four f's once in 65,536 times, an address nearly always does.
    /// </summary>
    private static bool LooksLikeAddress(ReadOnlySpan<char> sha) =>
        sha.StartsWith("0000", StringComparison.Ordinal) || sha.StartsWith("ffff", StringComparison.OrdinalIgnoreCase);

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool EndsWord(ReadOnlySpan<char> text, int index) => index >= text.Length || !IsWordChar(text[index]);

    // Not IndexOfAnyInRange('a', 'f'): see AsciiDigits.
    private static readonly SearchValues<char> HexLetters = SearchValues.Create("abcdefABCDEF");

    private static bool HasDigit(ReadOnlySpan<char> text) => text.ContainsAny(AsciiDigits.Decimal);

    private static bool HasHexLetter(ReadOnlySpan<char> text) => text.ContainsAny(HexLetters);
}
