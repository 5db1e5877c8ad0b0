using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Message;

/// <summary>
/// Reports the first commit-message line longer than the profile's limit (or the first of every paragraph), except text
/// that cannot be wrapped.
/// </summary>
[DiffLintRule]
public sealed class CommitLogLongLineRule : PatchRule
{
    /// <summary>The .editorconfig option that chooses between the first long line (default) and all of them.</summary>
    public static readonly RuleOption ReportAll = new("difflint_commit_log_long_lines", "`first`",
        "`all` reports every paragraph that has a long line instead of only the first (`first`, checkpatch's behaviour): " +
        "one finding per paragraph, at its first long line. A paragraph ends at a blank line, and an indented block (an ASCII " +
        "diagram, a pasted log or back-trace, quoted code) is a paragraph of its own, so a 20-line diagram is one finding.", PerPath: false);

    public static readonly RuleDescriptor Descriptor = new(
        id: "DL1030",
        name: "commit-log-long-line",
        title: "Commit message line too long",
        messageFormat: "Prefer a maximum {0} chars per line (possible unwrapped commit description?)",
        category: "Message",
        defaultSeverity: Severity.Warning,
        checkpatchType: "COMMIT_LOG_LONG_LINE",
        options: [ReportAll],
        documentation: """
            ## What it does
            Reports the first line of the commit message that is longer than the profile's limit (75 characters for the
            kernel, QEMU and U-Boot, 72 for git), as checkpatch's COMMIT_LOG_LONG_LINE does. Like checkpatch it reads the
            message up to its first `Signed-off-by:` (what follows are trailers and maintainers' notes), and leaves alone
            the lines that cannot or should not be wrapped: `Fixes:`, `Link:`, `Closes:` and signature trailers,
            diffstat lines (`foo.c | 3 +-`), `path/to/file:` lines, and pasted logs and stack dumps (from a
            `WARNING:`/`BUG:` line, a `[ 12.345678]` timestamp or an address dump up to the next blank line).

            Where DiffLint deliberately differs from checkpatch:
            * A line that is too long only because of a URL (`[1] https://lore.kernel.org/...`, a pasted prompt naming an
              `imaps://` address) is not reported: without the URL it would fit, and a URL cannot be broken. checkpatch
              reports it, and then nothing else in that patch; DiffLint goes on to the next long line.
            * Length is counted in characters, not in bytes: checkpatch counts the UTF-8 bytes, so 70 characters with
              curly quotes are 76 for it.
            * Any `Key-with-dash:` trailer (`Reported-and-tested-by:`, `Message-ID:` ...) is exempt, not only the
              tags checkpatch lists.
            * The mail is read decoded: checkpatch reads a quoted-printable body raw, where a soft line break makes a
              76-character line ending in `=`.
            * A `[PATCH 0/N]` cover letter is not a commit message and is not checked (its generated `create mode`
              and `Link to v1:` lines are what checkpatch reports there).

            ## Why it matters
            `git log` indents the message by four columns; lines much longer than 72–75 characters wrap badly in
            terminals and mail. One report per patch is enough to say "this message is not wrapped", which is what the
            kernel's reviewers and bots expect.

            ## Example
            ```
            This change makes the driver reset the watchdog counter before enabling the interrupt, which avoids a spurious reboot.
            ```

            ## Configuration
            The limit is the profile's `CommitLogLineLimit`; the message is checkpatch's, with that limit in it. The
            finding spans the part of the line past the limit.
            """);


    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (!patch.HasCommitMessage) return;
        var limit = context.Profile.CommitLogLineLimit;
        var reportAll = string.Equals(context.Options.Get(ReportAll), "all", StringComparison.OrdinalIgnoreCase);
        var lines = patch.CommitMessage;
        var inDump = context.GetValue(CommitLog.StackDumpsOfMessage);
        var reportedParagraph = false;
        // checkpatch's commit log ends at the first sign-off: below it are trailers and maintainers' notes.
        var logEnd = context.GetValue(CommitLog.FirstSignOffLine);
        for (var i = 0; i < logEnd; i++)
        {
            var text = lines[i].Span;
            if (i > 0 && StartsParagraph(lines[i - 1].Span, text)) reportedParagraph = false;
            if (reportedParagraph || text.Length <= limit || inDump[i] || IsUnwrappable(text, limit)) continue;
            context.Report(Descriptor, Locations.InMessage(lines[i], i, limit, text.Length), limit);
            if (!reportAll) return;
            reportedParagraph = true;
        }
    }

    /// <summary>
    /// Whether <paramref name="line"/> starts a paragraph after <paramref name="previous"/>: after a blank line, and where
    /// an indented block (diagram, pasted log, quoted code) begins or ends, since such a block often follows its
    /// introducing sentence without a blank line.
    /// </summary>
    private static bool StartsParagraph(ReadOnlySpan<char> previous, ReadOnlySpan<char> line) =>
        previous.IsWhiteSpace() || IsIndented(previous) != IsIndented(line);

    private static bool IsIndented(ReadOnlySpan<char> line) => line.Length > 0 && line[0] is ' ' or '\t';

    private static bool IsUnwrappable(ReadOnlySpan<char> text, int limit)
    {
        var trimmed = text.TrimStart();
        return CommitLog.IsTrailerLike(trimmed) || IsLongBecauseOfUrl(text, limit) || IsDiffstatOrPath(text);
    }

    /// <summary>
    /// A line such as <c>[1] https://lore.kernel.org/...</c> that is too long only because of a URL, which cannot be
    /// broken: without the URL it would fit.
    /// </summary>
    private static bool IsLongBecauseOfUrl(ReadOnlySpan<char> text, int limit)
    {
        var at = text.IndexOf("://", StringComparison.Ordinal);
        if (at < 0) return false;
        var start = text[..at].LastIndexOfAny(" \t<(") + 1;
        var end = text[at..].IndexOfAny(" \t>");
        var urlLength = (end < 0 ? text.Length - at : end) + at - start;
        return text.Length - urlLength <= limit;
    }

    /// <summary>
    /// checkpatch's exceptions, <c>^\s*[a-zA-Z0-9_/.]+\s+\|\s+\d+|^\s*(?:[\w.+-]*/)+[\w.+-]+:</c>, read in one pass: a
    /// diffstat line (<c>foo.c | 3 +-</c>) or a line starting with <c>dir/file:</c>.
    /// </summary>
    private static bool IsDiffstatOrPath(ReadOnlySpan<char> text)
    {
        var start = CommitLog.WhiteSpaceRun(text, 0);
        var k = start;
        while (k < text.Length && (char.IsAsciiLetterOrDigit(text[k]) || text[k] is '_' or '/' or '.')) k++;
        if (k > start)
        {
            var space = CommitLog.WhiteSpaceRun(text, k);
            k += space;
            if (space > 0 && k < text.Length && text[k] == '|')
            {
                space = CommitLog.WhiteSpaceRun(text, ++k);
                if (space > 0 && k + space < text.Length && char.IsDigit(text[k + space])) return true;
            }
        }

        // Directories: each a run of path characters ended by '/' (none of them is one, so each ends at the first).
        k = start;
        var directories = 0;
        while (true)
        {
            var name = PathRun(text, k);
            if (k + name >= text.Length || text[k + name] != '/') break;
            k += name + 1;
            directories++;
        }

        var file = PathRun(text, k);
        return directories > 0 && file > 0 && k + file < text.Length && text[k + file] == ':';
    }

    /// <summary>Length of the run of <c>[\w.+-]</c> starting at <paramref name="start"/>.</summary>
    private static int PathRun(ReadOnlySpan<char> text, int start)
    {
        var end = start;
        while (end < text.Length && (text[end] is '.' or '+' or '-' || CommitLog.IsRegexWordChar(text[end]))) end++;
        return end - start;
    }
}
