using System.Buffers;
using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.Intrinsics;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Message;

/// <summary>Reports a word repeated in the commit message or in a comment of an added line ("the the").</summary>
[DiffLintRule]
public sealed class RepeatedWordRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL1040",
        name: "repeated-word",
        title: "Repeated word in the commit message or a comment",
        messageFormat: "Possible repeated word: '{0}'",
        category: "Message",
        defaultSeverity: Severity.Warning,
        checkpatchType: "REPEATED_WORD",
        documentation: """
            ## What it does
            Reports a word written twice in a row in the commit message or in a comment of an added line, separated by one space (`the the`). Like
            checkpatch, only lower-case words (an initial capital allowed) of two letters or more count, and `long long`
            and words that could be hex bytes (`ff ff`) are ignored, and so are `ls -l`
            listings.

            ## Why it matters
            It is almost always a typo, and it stays in the history.

            ## Example
            ```
            Move the the check before the allocation.
            ```

            ## Configuration
            None. In added source lines only comments are read: `fsdata fsdata = ...` declares a variable of type
            `fsdata`, and `mount -t tmpfs tmpfs` is a command, while checkpatch reports both.
            """);

    private static readonly string[] AllowedHexWords = ["add", "added", "bad", "be"];

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration)
    {
        registration.RegisterPatchAction(Analyze);
        registration.RegisterAddedLineAction(AnalyzeAddedLine);
    }

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (!patch.HasCommitMessage) return;
        var lines = patch.CommitMessage;
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (var (start, end) in Repetitions(lines[i].Span, 0))
            {
                context.Report(Descriptor, Locations.InMessage(lines[i], i, start, end), FirstWord(lines[i].Span, start, end));
            }
        }
    }

    /// <summary>In added lines, only comments are prose: "fsdata fsdata = ..." declares a variable of type fsdata.</summary>
    private void AnalyzeAddedLine(AddedLineContext context)
    {
        var text = context.Text;
        var comment = CommentStart(text);
        if (comment < 0) return;
        foreach (var (start, end) in Repetitions(text, comment))
        {
            context.Report(Descriptor, start, end, null, FirstWord(text, start, end));
        }
    }

    private static string FirstWord(ReadOnlySpan<char> text, int start, int end) => text[start..end][..text[start..end].IndexOf(' ')].ToString();

    /// <summary>Where the comment text of a C line starts: after <c>/*</c> or <c>//</c>, or a leading <c>*</c> continuation.</summary>
    private static int CommentStart(ReadOnlySpan<char> text)
    {
        // A comment needs a '/' or a leading '*': one vectorised search for both turns away the four added lines in five
        // that have neither, and finds the leading '*' without trimming the line.
        var mark = text.IndexOfAny('/', '*');
        if (mark < 0) return -1;
        if (text[mark] == '*' && text[..mark].IsWhiteSpace() && !text[mark..].StartsWith("*/", StringComparison.Ordinal)) return mark + 1;

        // The first '/' followed by '*' or '/': one character search per '/'.
        for (var slash = text[mark] == '/' ? mark : NextSlash(text, mark); slash >= 0 && slash + 1 < text.Length;)
        {
            if (text[slash + 1] is '*' or '/') return slash + 2;
            slash = NextSlash(text, slash);
        }

        return -1;
    }

    /// <summary>The first '/' after <paramref name="after"/>, or -1.</summary>
    private static int NextSlash(ReadOnlySpan<char> text, int after)
    {
        var next = text[(after + 1)..].IndexOf('/');
        return next < 0 ? -1 : after + 1 + next;
    }

    /// <summary>Spans "word word" of repeated words in <paramref name="text"/> from <paramref name="from"/> on.</summary>
    private static IReadOnlyList<(int Start, int End)> Repetitions(ReadOnlySpan<char> text, int from)
    {
        // Runs on every commit message line and added comment line: goes from space to space (a repetition is two
        // words around one), found 64 characters at a time as the bits of a vector compare rather than with a call per
        // word, allocates only when something is found, and looks for a listing only then.
        List<(int, int)>? found = null;
        for (var chunk = from; chunk < text.Length; chunk += 64)
        {
            // The word before a space is read from the same 64 characters' mask of small letters: no walk back over it.
            var lower = CharacterMask.Of<LowerLetter>(text[chunk..]);
            for (var spaces = CharacterMask.Of<Space>(text[chunk..]); spaces != 0; spaces &= spaces - 1)
            {
                var bit = BitOperations.TrailingZeroCount(spaces);
                var space = chunk + bit;
                var notLowerBefore = ~lower & ((1UL << bit) - 1);
                var start = notLowerBefore == 0
                    ? WordStart(text, from, space)
                    : WordStartFrom(text, from, chunk + 64 - BitOperations.LeadingZeroCount(notLowerBefore), space);
                if (start < 0 || !MayRepeat(text, start, space)) continue;
                var nextEnd = WordEnd(text, space + 1);
                if (nextEnd > 0 && IsRepetition(text, start, space, space + 1, nextEnd)) (found ??= []).Add((start, nextEnd));
            }
        }

        return found is null || LooksLikeListing(text) ? [] : found;
    }

    /// <summary>The space, the one separator <see cref="Repetitions"/> looks at.</summary>
    private readonly struct Space : ICharacterClass
    {
        public static bool Contains(char c) => c == ' ';

        public static Vector128<ushort> Contains(Vector128<ushort> chars) => Vector128.Equals(chars, Vector128.Create((ushort)' '));
    }

    /// <summary>The small letters, the letters of a word <see cref="WordStart"/> walks back over.</summary>
    private readonly struct LowerLetter : ICharacterClass
    {
        public static bool Contains(char c) => char.IsAsciiLetterLower(c);

        public static Vector128<ushort> Contains(Vector128<ushort> chars) =>
            Vector128.LessThanOrEqual(chars - Vector128.Create((ushort)'a'), Vector128.Create((ushort)('z' - 'a')));
    }

    /// <summary>Start of a word <c>[A-Z]?[a-z]{2,}</c> that ends at <paramref name="end"/> and starts at a word boundary at or after <paramref name="from"/>, or -1.</summary>
    private static int WordStart(ReadOnlySpan<char> text, int from, int end)
    {
        var k = end;
        while (k > from && char.IsAsciiLetterLower(text[k - 1])) k--;
        return WordStartFrom(text, from, k, end);
    }

    /// <summary><see cref="WordStart"/> where the small letters before <paramref name="end"/> start at <paramref name="k"/> (at or after <paramref name="from"/>).</summary>
    private static int WordStartFrom(ReadOnlySpan<char> text, int from, int k, int end)
    {
        if (end - k < 2) return -1;
        if (k > from && char.IsAsciiLetterUpper(text[k - 1])) k--;
        return k > 0 && IsWordChar(text[k - 1]) ? -1 : k;
    }

    /// <summary>
    /// Whether the word <c>text[start..end]</c> may be repeated after the space at <paramref name="end"/>: the text
    /// after it is long enough and starts with the same letter in either case. Most words fail this before the next
    /// word is read.
    /// </summary>
    private static bool MayRepeat(ReadOnlySpan<char> text, int start, int end)
    {
        var next = end + 1;
        return next + (end - start) <= text.Length && (text[next] | 0x20) == (text[start] | 0x20);
    }

    private static bool IsRepetition(ReadOnlySpan<char> text, int start, int end, int nextStart, int nextEnd)
    {
        var first = text[start..end];
        var second = text[nextStart..nextEnd];
        if (!first.Equals(second, StringComparison.OrdinalIgnoreCase) || first.SequenceEqual("long")) return false;
        if (start > 0 && !char.IsWhiteSpace(text[start - 1])) return false;
        if (nextEnd < text.Length && " \t.,;?!".IndexOf(text[nextEnd]) < 0) return false;
        if (IsHexWord(first))
        {
            foreach (var allowed in AllowedHexWords)
            {
                if (first.Equals(allowed, StringComparison.OrdinalIgnoreCase)) return true;
            }

            return false;
        }

        return true;
    }

    /// <summary>Words such as "dead" or "be" could be hex bytes in a dump ("ff ff", "de ad").</summary>
    private static bool IsHexWord(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (!char.IsAsciiHexDigit(c)) return false;
        }

        return true;
    }

    /// <summary>End of a word <c>[A-Z]?[a-z]{2,}</c> starting at a word boundary at <paramref name="start"/>, or -1.</summary>
    private static int WordEnd(ReadOnlySpan<char> text, int start)
    {
        if (start > 0 && IsWordChar(text[start - 1])) return -1;
        var k = start;
        if (k < text.Length && char.IsAsciiLetterUpper(text[k])) k++;
        var lowerStart = k;
        while (k < text.Length && char.IsAsciiLetterLower(text[k])) k++;
        if (k - lowerStart < 2 || k < text.Length && IsWordChar(text[k])) return -1;
        return k;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>An <c>ls -l</c> line (<c>-rw-r--r-- 1 root root</c>), where "root root" is not a typo.</summary>
    private static bool LooksLikeListing(ReadOnlySpan<char> text)
    {
        for (var i = 0; i + 10 <= text.Length; i++)
        {
            if (Listing.FileTypes.Contains(text[i]) && !text.Slice(i + 1, 9).ContainsAnyExcept(Listing.PermissionCharacters)) return true;
        }

        return false;
    }

    // A class of its own: built when a repeated word is first found (rarely), not when the rule is made (every run).
    private static class Listing
    {
        public static readonly SearchValues<char> FileTypes = SearchValues.Create("bcCdDlMnpPs?-");
        public static readonly SearchValues<char> PermissionCharacters = SearchValues.Create("rwxsStT-");
    }
}
