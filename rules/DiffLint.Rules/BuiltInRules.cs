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
        new Message.DiffstatMismatchRule(),
        new Series.SeriesNumberingRule(),
        new Series.SeriesVersionRule(),
        new Series.MissingCoverLetterRule(),
        new Series.CoverLetterThreadingRule(),
        new Series.DuplicateSubjectRule(),
        new Whitespace.TrailingWhitespaceRule(),
    ];
}
