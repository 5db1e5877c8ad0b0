using System.Buffers;
using System.Collections.Immutable;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Trailers;

/// <summary>URL references in the commit message: tagged Link:/Closes:, those tags followed by a URL, lore rather than old archives.</summary>
[DiffLintRule]
public sealed class LinkTagRule : PatchRule
{
    /// <summary>checkpatch's <c>$obsolete_archives</c>.</summary>
    private static readonly string[] ObsoleteArchives =
    [
        "freedesktop.org/archives/dri-devel", "lists.infradead.org", "lkml.org", "mail-archive.com",
        "mailman.alsa-project.org/pipermail", "marc.info", "ozlabs.org/pipermail", "spinics.net",
    ];

    public static readonly RuleDescriptor UnknownLinkTag = new(
        id: "DL1016",
        name: "unknown-link-tag",
        title: "URL behind a tag other than Link: or Closes:",
        messageFormat: "Unknown link reference '{0}:', use 'Link:' or 'Closes:' instead",
        category: "Trailer",
        defaultSeverity: Severity.Warning,
        checkpatchType: "COMMIT_LOG_USE_LINK",
        documentation: """
            ## What it does
            Reports a commit-message line `Word: http...` whose tag is neither `Link:` nor `Closes:` (`Bug:`,
            `Addresses:`, `Fixes: https://...`).

            ## Why it matters
            Tools look for URLs in `Link:` and `Closes:` only; `Fixes:` in particular is reserved for a commit reference
            (`Fixes: <12+ hex> ("subject")`) and the stable tooling misreads a URL there.

            ## Example
            ```
            Fixes: https://github.com/bluez/bluez/issues/1000
            ```
            Write `Closes: https://github.com/bluez/bluez/issues/1000`.

            ## Configuration
            Version notes (`v2: http...`) are a different problem, left to the versioning rule. Unlike checkpatch, lines
            after the first `Signed-off-by:` are checked too.
            """);

    public static readonly RuleDescriptor LinkWithoutUrl = new(
        id: "DL1017",
        name: "link-without-url",
        title: "Link: or Closes: not followed by a URL",
        messageFormat: "'{0}:' should be followed by a public http(s) link",
        category: "Trailer",
        defaultSeverity: Severity.Warning,
        checkpatchType: "COMMIT_LOG_WRONG_LINK",
        documentation: """
            ## What it does
            Reports a `Link:` or `Closes:` line whose value is not an `http://` or `https://` URL (`Closes: #4194`).

            ## Why it matters
            The commit outlives the forge it was written for: `#4194` means nothing once the patch is in another tree or
            the tracker moves. A full URL stays meaningful.

            ## Example
            ```
            Closes: #4194
            ```
            Write `Closes: https://github.com/util-linux/util-linux/issues/4194`.

            ## Configuration
            """);

    public static readonly RuleDescriptor PreferLore = new(
        id: "DL1018",
        name: "prefer-lore-archive",
        title: "Mailing-list archive link other than lore.kernel.org",
        messageFormat: "Use lore.kernel.org archive links when possible instead of {0} - see https://lore.kernel.org/lists.html",
        category: "Trailer",
        defaultSeverity: Severity.Warning,
        checkpatchType: "PREFER_LORE_ARCHIVE",
        documentation: """
            ## What it does
            Reports a URL in the commit message pointing at a mailing-list archive other than lore.kernel.org (lkml.org,
            marc.info, spinics.net, mail-archive.com, lists.infradead.org pipermail, ...).

            ## Why it matters
            Those archives come and go and their URLs do not contain the Message-ID; lore's `https://lore.kernel.org/r/<msgid>`
            links are permanent and can be resolved by b4.

            ## Example
            ```
            Link: https://lkml.org/lkml/2019/3/12/1234
            ```

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [UnknownLinkTag, LinkWithoutUrl, PreferLore];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (patch.Kind != MessageKind.Patch || patch.Headers.Count == 0) return;
        var message = patch.CommitMessage;
        for (var index = 0; index < message.Length; index++)
        {
            var line = message[index];
            var text = line.Span;
            var start = text.Length - text.TrimStart().Length;
            if (TryTag(text[start..], out var tag, out var value))
            {
                var tagEnd = start + tag.Length + 1;
                var isLinkTag = tag.Equals("Link", StringComparison.OrdinalIgnoreCase) || tag.Equals("Closes", StringComparison.OrdinalIgnoreCase);
                var isUrl = value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                if (isLinkTag && !isUrl)
                {
                    context.Report(LinkWithoutUrl, Locations.InMessage(line, index, start, text.Length), tag.ToString());
                }
                else if (!isLinkTag && value.StartsWith("http", StringComparison.OrdinalIgnoreCase) && !IsVersionNote(tag))
                {
                    context.Report(UnknownLinkTag, Locations.InMessage(line, index, start, tagEnd), tag.ToString());
                }
            }

            // An archive link needs "http" before the archive's name: most lines have none, so the names are not searched.
            if (!text.ContainsAny(Search.Http)) continue;
            foreach (var archive in ObsoleteArchives)
            {
                var at = IgnoreCaseSearch.IndexOf(text, archive);
                if (at < 0 || !IgnoreCaseSearch.Contains(text[..at], "http")) continue;
                context.Report(PreferLore, Locations.InMessage(line, index, at, at + archive.Length), archive);
                break;
            }
        }
    }

    // A class of its own: the searcher is built when the rule first reads a message, not when the rule is made.
    private static class Search
    {
        // "http" in either case, with the framework's vectorised search for one string (two of its characters at a
        // time): a search for its first letter stopped at every 'h' of the line.
        public static readonly SearchValues<string> Http = SearchValues.Create(["http"], StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A leading <c>Word:</c> (letters, digits, underscore: checkpatch's <c>\w+:</c>) and the text after it.</summary>
    private static bool TryTag(ReadOnlySpan<char> text, out ReadOnlySpan<char> tag, out ReadOnlySpan<char> value)
    {
        tag = value = default;
        var colon = text.IndexOf(':');
        if (colon <= 0) return false;
        foreach (var c in text[..colon])
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_') return false;
        }

        tag = text[..colon];
        value = text[(colon + 1)..].TrimStart();
        return true;
    }

    /// <summary><c>v2:</c>, <c>version3:</c>: checkpatch's COMMIT_LOG_VERSIONING, not a link tag.</summary>
    private static bool IsVersionNote(ReadOnlySpan<char> tag)
    {
        var rest = tag.StartsWith("version", StringComparison.OrdinalIgnoreCase) ? tag[7..]
            : tag.StartsWith("v", StringComparison.OrdinalIgnoreCase) ? tag[1..] : [];
        return rest.Length > 0 && char.IsAsciiDigit(rest[0]);
    }
}
