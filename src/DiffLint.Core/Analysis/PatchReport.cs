using System.Collections.Immutable;
using DiffLint.Core.Model;
using DiffLint.Core.Patchwork;

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
    int ContextLines)
{
    public static PatchSummary From(Patch patch)
    {
        int hunks = 0, added = 0, removed = 0, context = 0;
        foreach (var file in patch.Files)
        {
            hunks += file.Hunks.Length;
            added += file.AddedCount;
            removed += file.RemovedCount;
            foreach (var hunk in file.Hunks) context += hunk.Lines.Length - hunk.AddedCount - hunk.RemovedCount;
        }

        return new PatchSummary(patch.Source, patch.MessageIndex, patch.Sequence, patch.Kind, patch.Subject,
            patch.SubjectInputLine, patch.MessageId, patch.InReplyTo, patch.Author, patch.CommitId, patch.Patchwork,
            patch.FirstInputLine, patch.LastInputLine, patch.ByteLength, patch.Files.Length, hunks, added, removed, context);
    }

    public bool IsAnalysed => Kind is MessageKind.Patch or MessageKind.PlainDiff;
}

/// <summary>A message and the diagnostics reported on it.</summary>
public sealed record PatchReport(PatchSummary Patch, ImmutableArray<Diagnostic> Diagnostics);
