namespace DiffLint.Core.Patchwork;

/// <summary>What the Patchwork patch object says about the patch, beside the mail itself.</summary>
/// <param name="CommitRef">Patchwork's <c>commit_ref</c>: the commit the patch was applied as, once accepted.</param>
public sealed record PatchworkInfo(
    long Id,
    string? Url,
    string? WebUrl,
    string? MessageId,
    string? Name,
    IReadOnlyList<string> Prefixes,
    string? ProjectLinkName,
    string? ProjectName,
    string? ListId,
    long? SeriesId,
    string? SeriesName,
    int? SeriesVersion,
    string? Hash,
    string? SubmitterName,
    string? SubmitterEmail,
    string? CommitRef = null);
