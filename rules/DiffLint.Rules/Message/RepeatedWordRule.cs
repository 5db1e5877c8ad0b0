using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Message;

/// <summary>Reports a word repeated in the commit message ("the the").</summary>
public sealed class RepeatedWordRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL1040",
        name: "repeated-word-in-log",
        title: "Repeated word in the commit message",
        messageFormat: "Possible repeated word: '{0}'",
        category: "Message",
        defaultSeverity: Severity.Warning,
        checkpatchType: "REPEATED_WORD",
        documentation: """
            ## What it does
            Reports a word written twice in a row in the commit message, separated by one space (`the the`). Like
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
            Repeated words in added source lines are reported by the comment rules, not this one.
            """);

    private static readonly string[] AllowedHexWords = ["add", "added", "bad", "be"];

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private static void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (!patch.HasCommitMessage) return;
        var lines = patch.CommitMessage;
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].Span;
            if (LooksLikeListing(text)) continue;
            var k = 0;
            while (k < text.Length)
            {
                var start = k;
                var end = WordEnd(text, start);
                if (end < 0)
                {
                    k++;
                    continue;
                }

                var nextStart = end + 1;
                var nextEnd = nextStart < text.Length && text[end] == ' ' ? WordEnd(text, nextStart) : -1;
                if (nextEnd > 0 && IsRepetition(text, start, end, nextStart, nextEnd))
                {
                    context.Report(Descriptor, Locations.InMessage(lines[i], i, start, nextEnd), text[start..end].ToString());
                }

                k = end;
            }
        }
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
            if ("bcCdDlMnpPs?-".IndexOf(text[i]) < 0) continue;
            var k = 1;
            while (k <= 9 && "rwxsStT-".IndexOf(text[i + k]) >= 0) k++;
            if (k == 10) return true;
        }

        return false;
    }
}
