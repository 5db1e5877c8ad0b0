using System.Collections.Immutable;
using DiffLint.Core.Analysis;
using DiffLint.Core.Mime;
using DiffLint.Core.Model;

namespace DiffLint.Rules.Series;

/// <summary>
/// What the series rules need to know about one series: its cover letter, its numbered patches, the version and
/// total it announces, and whether the input holds all of it or only part.
/// </summary>
internal sealed class SeriesShape
{
    private SeriesShape(PatchSummary? cover, ImmutableArray<PatchSummary> patches, int total, int version, bool isWhole)
    {
        Cover = cover;
        Patches = patches;
        Total = total;
        Version = version;
        IsWhole = isWhole;
    }

    /// <summary>The first <c>0/m</c> cover letter, if the input holds one.</summary>
    public PatchSummary? Cover { get; }

    /// <summary>The members numbered <c>n/m</c> with n ≥ 1, in input order.</summary>
    public ImmutableArray<PatchSummary> Patches { get; }

    /// <summary>The <c>m</c> of the series: the cover letter's, else the one most members state.</summary>
    public int Total { get; }

    /// <summary>The version of the series: the cover letter's, else that of the first patch.</summary>
    public int Version { get; }

    /// <summary>
    /// Whether the input holds the series as a whole rather than a part of it: it has both the first and the last
    /// patch. <c>0002-foo.patch</c> given alone is a part, and so is a cover letter with the few patches a mailing
    /// list was copied on.
    /// </summary>
    public bool IsWhole { get; }

    /// <summary>The member findings about the series as a whole are reported on: the cover letter, else the first patch.</summary>
    public PatchSummary Anchor => Cover ?? Patches[0];

    /// <summary>The shape of a series of at least one numbered member, or null (single patches are no series).</summary>
    public static SeriesShape? Of(SeriesAnalysisContext context)
    {
        PatchSummary? cover = null;
        var patches = ImmutableArray.CreateBuilder<PatchSummary>();
        foreach (var member in context.Members)
        {
            if (member.Subject is not { Number: { } number, Total: not null }) continue;
            if (number == 0 && member.Kind == MessageKind.CoverLetter) cover ??= member;
            else if (number > 0) patches.Add(member);
        }

        if (patches.Count == 0) return null;
        var total = cover?.Subject.Total ?? patches.GroupBy(p => p.Subject.Total!.Value)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        var version = (cover ?? patches[0]).SeriesVersion;
        var first = patches.FirstOrDefault(p => p.Subject.Number == 1);
        var hasLast = patches.Any(p => p.Subject.Number == total);
        return new SeriesShape(cover, patches.ToImmutable(), total, version, first is not null && hasLast);
    }

    /// <summary>
    /// Whether the first patch was sent in reply to a mail that is not among the members: the series' cover letter,
    /// most likely, which the input lacks.
    /// </summary>
    public bool RepliesOutsideInput(ImmutableArray<PatchSummary> members) =>
        Patches.FirstOrDefault(p => p.Subject.Number == 1) is { IsThreaded: true } first
        && !members.Any(m => m.MessageId is { } id && Mentions(first, id));

    /// <summary>Whether the mail's In-Reply-To or References names the Message-ID <paramref name="messageId"/>.</summary>
    public static bool Mentions(PatchSummary message, string messageId)
    {
        var id = MessageIds.Normalize(messageId);
        return message.ReferenceIds.Contains(id, StringComparer.Ordinal)
               || (message.InReplyTo is { } parent && MessageIds.ParseList(parent).Contains(id, StringComparer.Ordinal));
    }
}
