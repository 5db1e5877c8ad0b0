using System.Collections.Immutable;
using System.Text.RegularExpressions;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Message;

/// <summary>Reports commit-message lines longer than the profile's limit, except text that cannot be wrapped.</summary>
public sealed partial class CommitLogLongLineRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL1030",
        name: "commit-log-long-line",
        title: "Commit message line too long",
        messageFormat: "Commit message line is {0} characters long; wrap it at {1}",
        category: "Message",
        defaultSeverity: Severity.Warning,
        checkpatchType: "COMMIT_LOG_LONG_LINE",
        documentation: """
            ## What it does
            Reports every line of the commit message longer than the profile's limit (75 characters for the kernel, QEMU
            and U-Boot, 72 for git). Lines that cannot or should not be wrapped are left alone: trailers (`Fixes:`,
            `Link:`, `Signed-off-by:` ...), lines that are too long only because of a URL (`[1] https://...`), `path/to/file:` lines, diffstat lines, and pasted logs and
            stack dumps (from a `WARNING:`/`BUG:` line, a `[ 12.345678]` timestamp or an address dump up to the next
            blank line).

            ## Why it matters
            `git log` indents the message by four columns; lines much longer than 72–75 characters wrap badly in
            terminals and mail. checkpatch reports only the first long line of a patch, so fixing that one reveals the
            next; DiffLint reports them all at once.

            ## Example
            ```
            This change makes the driver reset the watchdog counter before enabling the interrupt, which avoids a spurious reboot.
            ```

            ## Configuration
            The limit is the profile's `CommitLogLineLimit`.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private static void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (!patch.HasCommitMessage) return;
        var limit = context.Profile.CommitLogLineLimit;
        var lines = patch.CommitMessage;
        var inDump = context.GetValue(CommitLog.StackDumpsOfMessage);
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].Span;
            if (text.Length <= limit || inDump[i] || IsUnwrappable(text, limit)) continue;
            context.Report(Descriptor, Locations.InMessage(lines[i], i, limit, text.Length), text.Length, limit);
        }
    }

    private static bool IsUnwrappable(ReadOnlySpan<char> text, int limit)
    {
        var trimmed = text.TrimStart();
        return CommitLog.IsTrailerLike(trimmed) || IsLongBecauseOfUrl(text, limit) || CommitLog.IsMatch(DiffstatOrPath(), text);
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

    /// <summary>checkpatch's exceptions: a diffstat line (<c>foo.c | 3 +-</c>) or a line starting with <c>dir/file:</c>.</summary>
    [GeneratedRegex(@"^\s*[a-zA-Z0-9_/.]+\s+\|\s+\d+|^\s*(?:[\w.+-]*/)+[\w.+-]+:", RegexOptions.None, CommitLog.RegexTimeoutMilliseconds)]
    private static partial Regex DiffstatOrPath();
}
