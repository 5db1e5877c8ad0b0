using System.Collections.Immutable;
using DiffLint.Core.Mime;
using DiffLint.Core.Model;
using DiffLint.Core.Patchwork;

namespace DiffLint.Core.Reading;

/// <summary>
/// Turns one decoded mail into a <see cref="Patch"/>: subject, in-body headers, scissors, commit message and
/// trailers, the notes and diffstat below <c>---</c>, then the diff. Follows <c>git mailinfo</c>'s layout rules.
/// </summary>
public static class PatchParser
{
    public static Patch Parse(DecodedMail mail, InputSource source, int messageIndex, long sequence, RawMessage raw,
        PatchworkInfo? patchwork = null, InputLimits? limits = null)
    {
        ReadOnlySpan<BodyLine> body = mail.LineArray.AsSpan(0, mail.LineCount);
        var headers = mail.Headers;
        var i = 0;

        // Scissors (git am --scissors): everything above a "-- >8 --" line is discussion, not the commit message.
        var patchStart = FindPatchStart(body, 0);
        for (var k = patchStart - 1; k >= 0; k--)
        {
            if (IsScissorsLine(body[k].Text.Span))
            {
                i = k + 1;
                break;
            }
        }

        var inBodyHeaders = ReadInBodyHeaders(body, ref i);

        var subjectHeader = inBodyHeaders.Find("Subject") ?? headers.Find("Subject");
        var subject = SubjectLine.Parse(subjectHeader?.Value ?? "");

        // The scissors and the in-body headers are above the first patch break, and the lines between are neither a
        // break nor a diff start: the message ends where that first search stopped.
        var messageStart = i;
        var messageEnd = patchStart;
        var separatorLine = 0;
        var notesStart = messageEnd;
        if (messageEnd < body.Length && IsPatchBreak(body[messageEnd].Text.Span) && !DiffParser.IsDiffStart(body, messageEnd))
        {
            separatorLine = body[messageEnd].Line;
            notesStart = messageEnd + 1;
        }

        var diffStart = notesStart;
        while (diffStart < body.Length && !DiffParser.IsDiffStart(body, diffStart)) diffStart++;

        var commitMessage = Slice(body, messageStart, messageEnd);
        var notes = Slice(body, notesStart, diffStart);
        limits ??= InputLimits.Default;
        var diff = diffStart < body.Length ? DiffParser.Parse(mail.LineArray, mail.LineCount, diffStart, limits.HunkLines, limits.PatchLines) : null;

        var kind = Classify(mail, subject, diff);
        var author = inBodyHeaders["From"] ?? headers["From"];
        return new Patch
        {
            Source = source,
            MessageIndex = messageIndex,
            Sequence = sequence,
            Kind = kind,
            FirstInputLine = raw.FirstInputLine,
            LastInputLine = raw.LastInputLine,
            ByteLength = raw.Bytes.Length,
            Headers = headers,
            InBodyHeaders = inBodyHeaders,
            Subject = subject,
            SubjectInputLine = subjectHeader?.Line ?? raw.FirstInputLine,
            Author = author,
            MessageId = headers["Message-ID"],
            InReplyTo = headers["In-Reply-To"],
            CommitMessage = commitMessage,
            Trailers = TrailerParser.Parse(commitMessage),
            Notes = notes,
            Diffstat = DiffstatParser.Parse(notes),
            Files = diff?.Files ?? [],
            DiffProblems = diff?.Problems ?? [],
            MailProblems = [.. mail.Problems],
            SeparatorInputLine = separatorLine,
            BaseCommit = diff?.BaseCommit,
            CommitId = CommitIdFromSeparator(raw.SeparatorLine) ?? CommitIdFromPatchwork(patchwork),
            Patchwork = patchwork,
        };
    }

    private static MessageKind Classify(DecodedMail mail, SubjectLine subject, DiffParser.Result? diff)
    {
        if (subject.IsReply) return MessageKind.Reply;
        if (subject.IsCoverLetter) return MessageKind.CoverLetter;
        var hasDiff = diff is { } d && (d.Files.Length > 0 || d.Problems.Length > 0);
        if (!mail.HasHeaders) return hasDiff ? MessageKind.PlainDiff : MessageKind.Other;
        if (hasDiff || subject.HasPatchTag) return MessageKind.Patch;
        return MessageKind.Other;
    }

    /// <summary>Index of the first line that ends the commit message: <c>---</c>, or the start of a diff.</summary>
    private static int FindPatchStart(ReadOnlySpan<BodyLine> body, int from)
    {
        for (var k = from; k < body.Length; k++)
        {
            // A break starts with '-', and IsDiffStart turns away by the first character too.
            var text = body[k].Text.Span;
            if ((text.Length > 0 && text[0] == '-' && IsPatchBreak(text)) || DiffParser.IsDiffStart(body, k)) return k;
        }

        return body.Length;
    }

    /// <summary>git mailinfo's patchbreak: <c>---</c> followed only by whitespace.</summary>
    private static bool IsPatchBreak(ReadOnlySpan<char> line) => line.StartsWith("---") && line[3..].IsWhiteSpace();

    private static HeaderList ReadInBodyHeaders(ReadOnlySpan<BodyLine> body, ref int i)
    {
        var start = i;
        while (start < body.Length && body[start].Text.Span.IsWhiteSpace()) start++;
        var found = new List<MailHeader>();
        var k = start;
        while (k < body.Length)
        {
            var line = body[k].Text.Span;
            var name = line.StartsWith("From: ") ? "From" : line.StartsWith("Date: ") ? "Date" : line.StartsWith("Subject: ") ? "Subject" : null;
            if (name is null) break;
            var value = line[(name.Length + 2)..].Trim().ToString();
            found.Add(new MailHeader(name, value, EncodedWords.Decode(value), body[k].Line));
            k++;
        }

        if (found.Count == 0 || (k < body.Length && !body[k].Text.Span.IsWhiteSpace()))
        {
            // Not an in-body header block; the lines are ordinary message text.
            i = start;
            return HeaderList.Empty;
        }

        i = k;
        return new HeaderList(found);
    }

    /// <summary>A <c>-- &gt;8 --</c> style line: scissors marks and dashes, optionally "cut here".</summary>
    private static bool IsScissorsLine(ReadOnlySpan<char> line)
    {
        // One character search turns away the lines without scissors before the two string searches.
        if (!line.Contains('8')) return false;
        line = line.Trim();
        if (line.IndexOf(">8") < 0 && line.IndexOf("8<") < 0) return false;
        var perforation = 0;
        var other = 0;
        for (var k = 0; k < line.Length; k++)
        {
            var c = line[k];
            if (c == '-') perforation++;
            else if ((c == '>' || c == '<') && k + 1 < line.Length && line[k + 1] == '8') { perforation += 2; k++; }
            else if (c == '8' && k + 1 < line.Length && (line[k + 1] == '<' || line[k + 1] == '>')) { perforation += 2; k++; }
            else if (c != ' ') other++;
        }

        return perforation >= 4 && other <= perforation * 3;
    }

    private static ImmutableArray<MessageLine> Slice(ReadOnlySpan<BodyLine> body, int start, int end)
    {
        if (end <= start) return [];
        var builder = ImmutableArray.CreateBuilder<MessageLine>(end - start);
        for (var k = start; k < end; k++) builder.Add(new MessageLine(body[k].Text, body[k].Line));
        return builder.MoveToImmutable();
    }

    /// <summary>Patchwork's <c>commit_ref</c> when it is a commit id (4 to 40 lower-case hex digits); it is free text.</summary>
    private static string? CommitIdFromPatchwork(PatchworkInfo? patchwork) =>
        patchwork?.CommitRef is { Length: >= 4 and <= 40 } commitRef && commitRef.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c))
            ? commitRef
            : null;

    private static string? CommitIdFromSeparator(string? separator)
    {
        if (separator is null || separator.Length < 46) return null;
        var candidate = separator.AsSpan(5, 40);
        foreach (var c in candidate)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c)) return null;
        }

        return separator[45] == ' ' ? candidate.ToString() : null;
    }
}
