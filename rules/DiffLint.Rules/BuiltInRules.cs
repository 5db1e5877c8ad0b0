using System.Collections.Immutable;
using DiffLint.Core.Analysis;

namespace DiffLint.Rules;

/// <summary>The rules that ship with DiffLint, in ID order.</summary>
public static class BuiltInRules
{
    public static ImmutableArray<PatchRule> All { get; } =
    [
        new Input.CorruptPatchRule(),
        new Input.MailDecodingRule(),
        new Message.MissingSignOffRule(),
        new Trailers.AuthorSignOffRule(),
        new Trailers.SignatureStyleRule(),
        new Trailers.TrailerAddressRule(),
        new Trailers.DuplicateTrailerRule(),
        new Trailers.CoDevelopedByRule(),
        new Trailers.SenderSignOffRule(),
        new Trailers.SelfReviewRule(),
        new Trailers.ReportedByLinkRule(),
        new Trailers.LinkTagRule(),
        new Message.CommitReferenceStyleRule(),
        new Message.FixesTagStyleRule(),
        new Message.ReferencedCommitRule(),
        new Message.MissingFixesTagRule(),
        new Message.SubjectNamesToolRule(),
        new Message.SubjectFormRule(),
        new Message.MissingDescriptionRule(),
        new Message.CommitLogLongLineRule(),
        new Message.CommitLogContentRule(),
        new Message.AiAttributionRule(),
        new Message.AuthorMangledByListRule(),
        new Message.MessageEncodingRule(),
        new Message.RepeatedWordRule(),
        new Message.DiffstatMismatchRule(),
        new Series.SeriesNumberingRule(),
        new Series.SeriesVersionRule(),
        new Series.MissingCoverLetterRule(),
        new Series.CoverLetterThreadingRule(),
        new Series.DuplicateSubjectRule(),
        new Whitespace.TrailingWhitespaceRule(),
        new Whitespace.DosLineEndingsRule(),
        new Whitespace.SpaceBeforeTabRule(),
        new Whitespace.CodeIndentRule(),
        new Whitespace.LeadingSpaceRule(),
        new Whitespace.TabIndentRule(),
        new Whitespace.LineLengthRule(),
        new Whitespace.IfZeroRule(),
        new Whitespace.ConflictMarkerRule(),
        new Whitespace.MissingEofNewlineRule(),
        new Layout.ExecutePermissionsRule(),
        new Layout.MaintainersUpdateRule(),
        new Layout.SpdxLineRule(),
        new Layout.NewFileSpdxRule(),
        new Layout.SpdxLicenseRule(),
        new Layout.LicenseBoilerplateRule(),
        new Style.C99CommentRule(),
        new Style.BlockCommentRule(),
        new Style.ZeroInitialiserRule(),
        new Style.NewTypedefRule(),
        new Style.PositiveErrnoRule(),
    ];
}
