using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Message;

/// <summary>Reports an author that a mailing list rewrote to "Name via list &lt;list@...&gt;" (DMARC mitigation).</summary>
[DiffLintRule]
public sealed class AuthorMangledByListRule : PatchRule
{
    public static readonly RuleDescriptor Descriptor = new(
        id: "DL1037",
        name: "author-mangled-by-list",
        title: "Author address rewritten by the mailing list",
        messageFormat: "The author \"{0}\" is the list's rewrite of the sender; git am would record the list as the author",
        category: "Message",
        defaultSeverity: Severity.Error,
        qemuCheckpatchType: "Q_AUTHOR_MANGLED_BY_LIST",
        documentation: """
            ## What it does
            Reports a patch whose author (the in-body `From:` line, else the mail's `From:`) reads `Name via list
            <list@host>`: a mailing list rewrote the sender's address because of the sender domain's DMARC policy.

            ## Why it matters
            `git am` takes the author from that header, so the commit would be authored by the mailing list. The
            sender should add an in-body `From: Name <address>` line (`git format-patch --from`), or the maintainer must
            fix the author by hand.

            ## Example
            ```
            From: Jane Developer via qemu-devel <qemu-devel@nongnu.org>
            ```

            ## Configuration
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (!patch.HasCommitMessage || patch.Author is not { } author || !IsListRewrite(author)) return;
        var header = patch.InBodyHeaders.Find("From") ?? patch.Headers.Find("From");
        context.Report(Descriptor, Locations.AtInputLine(header?.Line ?? patch.FirstInputLine), author);
    }

    /// <summary><c>Name via list &lt;list@host&gt;</c>: the word after "via" is the local part of the address.</summary>
    private static bool IsListRewrite(string author)
    {
        var open = author.LastIndexOf('<');
        var at = author.LastIndexOf('@');
        if (open < 0 || at < open) return false;
        var name = author.AsSpan(0, open).Trim().Trim('"').TrimEnd();
        var via = name.LastIndexOf(" via ", StringComparison.OrdinalIgnoreCase);
        if (via < 0) return false;
        var list = name[(via + 5)..].Trim();
        var localPart = author.AsSpan(open + 1, at - open - 1);
        return list.Equals(localPart, StringComparison.OrdinalIgnoreCase);
    }
}
