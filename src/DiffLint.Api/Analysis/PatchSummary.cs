using System.Collections.Immutable;
using DiffLint.Core.Mime;
using DiffLint.Core.Model;
using DiffLint.Core.Patchwork;
using DiffLint.Core.Profiles;

namespace DiffLint.Core.Analysis;

/// <summary>
/// What outlives the analysis of a patch: enough to report on it and to check its series, without holding the
/// patch text (so a large archive is not kept in memory).
/// </summary>
public sealed record PatchSummary(
    InputSource Source,
    int MessageIndex,
    long Sequence,
    MessageKind Kind,
    SubjectLine Subject,
    int SubjectInputLine,
    string? MessageId,
    string? InReplyTo,
    string? Author,
    string? CommitId,
    PatchworkInfo? Patchwork,
    int FirstInputLine,
    int LastInputLine,
    long ByteLength,
    int FileCount,
    int HunkCount,
    int AddedLines,
    int RemovedLines,
    int ContextLines,
    string? FirstChangedPath = null,
    int FirstChangedLine = 0,
    string? BaseCommit = null,
    int CheckpatchLines = 0,
    string? LastFilePath = null,
    ProfileChoice? ProfileChoice = null,
    string? Sender = null,
    ImmutableArray<string> References = default)
{
    private static readonly ProfileChoice DefaultChoice = new(BuiltInProfiles.Kernel, "default");

    /// <summary>The profile the patch was checked under, and why.</summary>
    public ProfileChoice Profile => ProfileChoice ?? DefaultChoice;

    public static PatchSummary From(Patch patch, ProfileChoice? profile = null)
    {
        int hunks = 0, added = 0, removed = 0, context = 0, checkpatchLines = 0;
        foreach (var file in patch.Files)
        {
            hunks += file.Hunks.Length;
            added += file.AddedCount;
            removed += file.RemovedCount;
            foreach (var hunk in file.Hunks)
            {
                context += hunk.Lines.Length - hunk.AddedCount - hunk.RemovedCount;
                checkpatchLines += CheckpatchLinesOf(hunk);
            }
        }

        var (firstPath, firstLine) = FirstChanged(patch);
        return new PatchSummary(patch.Source, patch.MessageIndex, patch.Sequence, patch.Kind, patch.Subject,
            patch.SubjectInputLine, patch.MessageId, patch.InReplyTo, patch.Author, patch.CommitId, patch.Patchwork,
            patch.FirstInputLine, patch.LastInputLine, patch.ByteLength, patch.Files.Length, hunks, added, removed, context,
            firstPath, firstLine, patch.BaseCommit, checkpatchLines,
            patch.Files.IsDefaultOrEmpty ? null : patch.Files[^1].Path, profile, patch.Headers["From"],
            MessageIds.ParseList(patch.Headers["References"]));
    }

    /// <summary>
    /// The hunk's share of checkpatch's "N lines checked": it counts down the post-image length from the <c>@@</c>
    /// line and counts every line read while lines are left, so every context and added line counts, and removed lines
    /// and <c>\ No newline</c> markers count only before the hunk's last post-image line.
    /// </summary>
    private static int CheckpatchLinesOf(Hunk hunk)
    {
        var lastNew = -1;
        for (var i = hunk.Lines.Length - 1; i >= 0 && lastNew < 0; i--)
        {
            if (hunk.Lines[i].Kind != Model.DiffLineKind.Removed) lastNew = i;
        }

        var count = lastNew + 1;
        for (var i = 0; i < lastNew; i++)
        {
            if (hunk.Lines[i].NoNewlineAtEnd) count++;
        }

        return count;
    }

    /// <summary>
    /// The post-image path of the first file diff and its first added line (or the first hunk's new start when the
    /// file adds nothing): where reporters that need a file (SARIF) anchor findings about the commit message.
    /// </summary>
    private static (string? Path, int Line) FirstChanged(Patch patch)
    {
        if (patch.Files.IsDefaultOrEmpty) return (null, 0);
        var file = patch.Files[0];
        var path = file.Path.Length > 0 ? file.Path : null;
        foreach (var hunk in file.Hunks)
        {
            foreach (var line in hunk.Lines)
            {
                if (line.Kind == Model.DiffLineKind.Added && line.NewLine > 0) return (path, line.NewLine);
            }
        }

        var start = file.Hunks.IsDefaultOrEmpty ? 1 : Math.Max(1, file.Hunks[0].NewStart);
        return (path, start);
    }

    /// <summary>The Message-IDs of the References header, oldest ancestor first (empty when there is none).</summary>
    public ImmutableArray<string> ReferenceIds => References.IsDefault ? [] : References;

    /// <summary>Whether the mail names a parent (In-Reply-To or References), i.e. was sent threaded.</summary>
    public bool IsThreaded => InReplyTo is not null || !ReferenceIds.IsEmpty;

    /// <summary>The version the subject states (<c>[PATCH v2 ...]</c>); no version tag means version 1.</summary>
    public int SeriesVersion => Subject.Version ?? 1;

    public bool IsAnalysed => Kind is MessageKind.Patch or MessageKind.PlainDiff;
}
