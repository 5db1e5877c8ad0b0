using System.Collections.Immutable;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Trailers;

/// <summary>Checks that the patch author signed off, under the same name and address as the From: line.</summary>
[DiffLintRule]
public sealed class AuthorSignOffRule : PatchRule
{
    public static readonly RuleDescriptor NoAuthorSignOff = new(
        id: "DL1002",
        name: "no-author-sign-off",
        title: "The patch author has not signed off",
        messageFormat: "Missing Signed-off-by: line by the patch author '{0}'",
        category: "Trailer",
        defaultSeverity: Severity.Error,
        checkpatchType: "NO_AUTHOR_SIGN_OFF",
        checkpatchMessage: "Missing Signed-off-by: line by nominal patch author '{0}'",
        documentation: """
            ## What it does
            Reports a patch whose `Signed-off-by:` lines exist but none names the author: the in-body `From:` line when
            there is one (that is who `git am` records), otherwise the mail's `From:`. A sign-off matching the author's
            address or name with a difference in the other is reported by DL1003 instead.

            ## Why it matters
            The Developer's Certificate of Origin is certified by the person who wrote the change. A patch signed off only
            by someone else (a colleague, a maintainer) does not carry the author's certification.

            ## Example
            ```
            From: Jane Developer <jane@example.org>
            Subject: [PATCH] foo: fix the frobnicator
            ...
            Signed-off-by: John Maintainer <john@example.org>
            ```

            ## Configuration
            Applies where the profile sets `RequiresAuthorSignOff` (every built-in profile: QEMU's script does not check
            it, but QEMU's submitting-a-patch guide requires the author's sign-off all the same). Encoded names (RFC 2047)
            and quoted-printable bodies are decoded before comparing, so they do not cause false reports. When a list
            rewrote the From: for DMARC (`Jane Developer via SeaBIOS <seabios@seabios.org>`), the name alone is compared.
            """);

    public static readonly RuleDescriptor SignOffMismatch = new(
        id: "DL1003",
        name: "from-sign-off-mismatch",
        title: "The author's sign-off differs from the From: line",
        messageFormat: "From:/Signed-off-by: email {0} mismatch: 'From: {1}' != 'Signed-off-by: {2}'",
        category: "Trailer",
        defaultSeverity: Severity.Warning,
        checkpatchType: "FROM_SIGN_OFF_MISMATCH",
        documentation: """
            ## What it does
            Reports a patch whose author (in-body `From:` first, then the mail's `From:`) has a `Signed-off-by:` that
            matches the author's address but not the name, or the name but not the address (a `+subaddress` difference
            is named as such). Names compare ignoring case and repeated spaces; addresses ignoring case.

            ## Why it matters
            The sign-off should identify the author exactly as the commit does; a patch sent from a private address but
            signed off with a work address (or the reverse) usually needs an in-body `From:` line or a fixed sign-off,
            and maintainers bounce it.

            ## Example
            ```
            From: Jane Developer <jane.dev@gmail.com>
            ...
            Signed-off-by: Jane Developer <jane@example.com>
            ```
            Add `From: Jane Developer <jane@example.com>` as the first line of the body, or sign off with the From: address.

            ## Configuration
            Applies where the profile sets `RequiresAuthorSignOff`.
            """);

    public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [NoAuthorSignOff, SignOffMismatch];

    public override void Initialize(RuleRegistration registration) => registration.RegisterPatchAction(Analyze);

    private void Analyze(PatchAnalysisContext context)
    {
        var patch = context.Patch;
        if (patch.Kind != MessageKind.Patch || patch.Headers.Count == 0 || !context.Profile.RequiresAuthorSignOff) return;
        if (context.GetValue(Identities.AuthorOf) is not { } author) return;
        if (Identities.NameBehindListRewrite(author) is { } realName) author = author with { Name = realName, Address = "" };

        Mailbox? sameAddress = null, sameName = null;
        var any = false;
        foreach (var line in context.GetValue(SignatureLine.OfPatch))
        {
            if (!line.IsSignOff) continue;
            any = true;
            if (line.Person is not { } signer)
            {
                // "Jane Developer jane@example.org": the author did sign off, in a form DL1008 reports.
                if (author.Address.Length > 0 && IgnoreCaseSearch.Contains(line.Value, author.Address)) return;
                continue;
            }

            if (signer.SameIdentity(author)) return;
            if (signer.SameAddress(author)) sameAddress ??= signer;
            else if (signer.SameName(author)) sameName ??= signer;
        }

        // No sign-off at all is DL1001's finding; with a list-rewritten From: the author's address is unknown.
        if (!any || (author.Address.Length == 0 && sameName is not null)) return;
        if (sameAddress is not null)
        {
            context.Report(SignOffMismatch, Locations.AtPatch(patch), "name", author, sameAddress);
        }
        else if (sameName is not null)
        {
            var what = sameName.AddressWithoutSubaddress == author.AddressWithoutSubaddress ? "subaddress" : "address";
            context.Report(SignOffMismatch, Locations.AtPatch(patch), what, author, sameName);
        }
        else
        {
            context.Report(NoAuthorSignOff, Locations.AtPatch(patch), author);
        }
    }
}
