using System.Collections.Immutable;
using DiffLint.Core.Mime;
using DiffLint.Core.Patchwork;

namespace DiffLint.Core.Model;

public enum MessageKind : byte
{
    /// <summary>A mail (or Patchwork object) that carries a diff or is tagged [PATCH].</summary>
    Patch,

    /// <summary>A [PATCH 0/N] cover letter: kept for series checks, not analysed as a patch.</summary>
    CoverLetter,

    /// <summary>A reply (Re:, Aw:, ...): skipped and counted.</summary>
    Reply,

    /// <summary>A mail that is neither a patch, a cover letter nor a reply (pull request, bot report): skipped and counted.</summary>
    Other,

    /// <summary>A unified diff with no mail around it: no commit message, so no message rules.</summary>
    PlainDiff,
}

/// <summary>
/// One message of the input, parsed: mail headers, subject, commit message with its trailers,
/// the notes and diffstat below <c>---</c>, and the file diffs. Immutable.
/// All line numbers are 1-based lines of the input file.
/// </summary>
public sealed class Patch
{
    public required InputSource Source { get; init; }

    /// <summary>0-based position of this message within its input.</summary>
    public required int MessageIndex { get; init; }

    /// <summary>Input-wide ordinal used to keep output deterministic.</summary>
    public required long Sequence { get; init; }

    public required MessageKind Kind { get; init; }
    public required int FirstInputLine { get; init; }
    public required int LastInputLine { get; init; }
    public required long ByteLength { get; init; }

    public HeaderList Headers { get; init; } = HeaderList.Empty;

    /// <summary>In-body <c>From:</c>/<c>Date:</c>/<c>Subject:</c> lines, which override the mail headers for <c>git am</c>.</summary>
    public HeaderList InBodyHeaders { get; init; } = HeaderList.Empty;

    public SubjectLine Subject { get; init; } = SubjectLine.Empty;
    public int SubjectInputLine { get; init; }

    /// <summary>The author as <c>git am</c> would record it: in-body From: first, then the mail's From:.</summary>
    public string? Author { get; init; }

    public string? MessageId { get; init; }
    public string? InReplyTo { get; init; }

    /// <summary>Lines of the commit message body (after the subject and in-body headers, before <c>---</c>).</summary>
    public ImmutableArray<MessageLine> CommitMessage { get; init; } = [];

    public ImmutableArray<Trailer> Trailers { get; init; } = [];

    /// <summary>Free text between <c>---</c> and the first diff (changelog, diffstat).</summary>
    public ImmutableArray<MessageLine> Notes { get; init; } = [];

    public Diffstat? Diffstat { get; init; }
    public ImmutableArray<FileDiff> Files { get; init; } = [];
    public ImmutableArray<DiffProblem> DiffProblems { get; init; } = [];
    public ImmutableArray<MailProblem> MailProblems { get; init; } = [];

    /// <summary>Input line of the <c>---</c> separating message from diff, or 0.</summary>
    public int SeparatorInputLine { get; init; }

    /// <summary><c>base-commit:</c> written by <c>git format-patch --base</c>.</summary>
    public string? BaseCommit { get; init; }

    /// <summary>
    /// The commit that contains the change: the sha on a format-patch <c>From &lt;sha&gt;</c> line, else Patchwork's
    /// <c>commit_ref</c> when the patch has been applied.
    /// </summary>
    public string? CommitId { get; init; }

    public PatchworkInfo? Patchwork { get; init; }

    public bool HasCommitMessage => Kind is MessageKind.Patch or MessageKind.CoverLetter && Headers.Count > 0;

    public string DisplayTitle => Subject.Summary.Length > 0 ? Subject.Summary : Source.DisplayName;
}
