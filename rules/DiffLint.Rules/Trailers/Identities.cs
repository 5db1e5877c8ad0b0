using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Trailers;

/// <summary>Who wrote and who sent a patch, as mailboxes.</summary>
internal static class Identities
{
    /// <summary>The author as <c>git am</c> records it: the in-body <c>From:</c> first, then the mail's.</summary>
    public static Mailbox? Author(Patch patch) =>
        patch.Author is { } author && Mailbox.TryParse(author, out var mailbox) ? mailbox : null;

    /// <summary><see cref="Author"/>, parsed once per patch for the rules that compare trailers with it.</summary>
    public static readonly PatchValueProvider<Mailbox?> AuthorOf = new(Author);

    /// <summary>
    /// The real name behind a From: a mailing list rewrote for DMARC (<c>Jane Developer via SeaBIOS &lt;seabios@seabios.org&gt;</c>),
    /// or null when the From: was not rewritten. The address is the list's, so only the name identifies the author.
    /// </summary>
    public static string? NameBehindListRewrite(Mailbox author)
    {
        var via = author.Name.LastIndexOf(" via ", StringComparison.Ordinal);
        return via > 0 ? author.Name[..via].Trim() : null;
    }

    /// <summary>
    /// The person who sent the mail: <c>X-Original-From:</c> when a list rewrote <c>From:</c> (DMARC), else <c>From:</c>.
    /// </summary>
    public static Mailbox? Sender(Patch patch) =>
        (patch.Headers["X-Original-From"] ?? patch.Headers["From"]) is { } from && Mailbox.TryParse(from, out var mailbox) ? mailbox : null;
}
