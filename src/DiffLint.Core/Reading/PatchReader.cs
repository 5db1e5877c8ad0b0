using DiffLint.Core.Mime;
using DiffLint.Core.Model;
using DiffLint.Core.Patchwork;

namespace DiffLint.Core.Reading;

/// <summary>How inputs are read: the mbox quoting and the <see cref="InputLimits"/> (null: the defaults).</summary>
public sealed record ReaderOptions(MboxFormat MboxFormat = MboxFormat.Auto, InputLimits? Limits = null);

/// <summary>
/// One message to parse, cut from an input; parsing it needs nothing else, so it can run on any thread.
/// <paramref name="InputLines"/> maps the lines of a mail rebuilt from Patchwork JSON back to the JSON file;
/// <paramref name="Limits"/> bound what is read of it (null: the defaults).
/// </summary>
public sealed record MessageWork(InputSource Source, int MessageIndex, RawMessage Raw, PatchworkInfo? Patchwork, PatchworkLineMap? InputLines = null,
    InputLimits? Limits = null)
{
    public Patch Parse(long sequence) => Parse(sequence, null, out _);

    /// <summary>
    /// Gives the raw mail's <see cref="MessageBuffers"/> buffer back once the message is parsed and analysed; with
    /// <paramref name="keepMail"/> the work returned keeps a copy of the mail of its own size, to be parsed again later
    /// (a reused buffer held that long would be one buffer of the largest size per waiting message).
    /// </summary>
    internal MessageWork ReturnBuffer(bool keepMail)
    {
        if (Raw.RentedBuffer is not { } buffer) return this;
        var work = keepMail ? this with { Raw = Raw with { Bytes = Raw.Bytes.ToArray(), RentedBuffer = null } } : this;
        MessageBuffers.Return(buffer);
        return work;
    }

    /// <summary>
    /// Decodes and parses the message; with <paramref name="timings"/>, each of the two stages is timed. The patch's
    /// text lies in <paramref name="rentedText"/>, a <see cref="MessageBuffers"/> buffer the caller may give back once
    /// nothing of the patch is left (or leave to the garbage collector).
    /// </summary>
    internal Patch Parse(long sequence, Analysis.RuleTimings? timings, out char[]? rentedText)
    {
        var start = timings is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        var mail = MailDecoder.Decode(Raw.Bytes, Raw.FirstInputLine, Limits, rentBuffers: true);
        rentedText = mail.RentedText;
        try
        {
            if (timings is null) return PatchParser.Parse(mail, Source, MessageIndex, sequence, Raw, Patchwork, Limits);
            timings.AddStage(Analysis.RuleTimings.MimeStage, start);
            start = System.Diagnostics.Stopwatch.GetTimestamp();
            var patch = PatchParser.Parse(mail, Source, MessageIndex, sequence, Raw, Patchwork, Limits);
            timings.AddStage(Analysis.RuleTimings.DiffParseStage, start);
            return patch;
        }
        finally
        {
            // The patch keeps the lines' text, not the array that listed them.
            mail.ReturnLines();
        }
    }
}

/// <summary>Either a message to parse or an input that could not be read.</summary>
public readonly record struct ReadEvent(MessageWork? Message, InputError? Error);

/// <summary>
/// Recognises what an input is (Patchwork JSON, mbox, single mail, plain diff) from its first bytes and cuts it
/// into messages. mbox inputs are streamed; nothing here knows about rules.
/// </summary>
public sealed class PatchReader(ReaderOptions options)
{
    private const int SniffLength = 1 << 16;
    private const string Expected = "expected a git format-patch mail, an mbox, a unified diff or Patchwork JSON";

    public static readonly string[] DirectoryPatterns = ["*.patch", "*.diff", "*.mbox", "*.eml", "*.json"];

    /// <summary>Reads one input; <paramref name="open"/> is called once, lazily.</summary>
    public IEnumerable<ReadEvent> Read(InputSource source, Func<Stream> open)
    {
        Stream stream;
        byte[] head;
        int headLength;
        try
        {
            stream = open();
            head = new byte[SniffLength];
            headLength = ReadFully(stream, head);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [new ReadEvent(null, new InputError(source.DisplayName, null, null, $"cannot read: {ex.Message}"))];
        }

        if (headLength == 0)
        {
            stream.Dispose();
            return [new ReadEvent(null, new InputError(source.DisplayName, null, null, $"empty input: {Expected}"))];
        }

        var sniff = head.AsSpan(0, headLength);
        if (PatchworkJsonReader.LooksLikePatchwork(sniff))
        {
            return ReadPatchwork(source, head, headLength, stream, options.Limits);
        }

        if (LooksBinary(sniff, out var nulOffset))
        {
            stream.Dispose();
            return [new ReadEvent(null, new InputError(source.DisplayName, null, null,
                $"binary data (NUL byte at offset {nulOffset}), not text: {Expected}"))];
        }

        return ReadMbox(source, new ConcatenatedStream(head, headLength, stream));
    }

    private IEnumerable<ReadEvent> ReadMbox(InputSource source, Stream stream)
    {
        using (stream)
        {
            var splitter = new MboxSplitter(stream, options.MboxFormat);
            var index = 0;
            foreach (var raw in splitter.ReadAll())
            {
                yield return new ReadEvent(new MessageWork(source, index++, raw, null, null, options.Limits), null);
            }
        }
    }

    private static IEnumerable<ReadEvent> ReadPatchwork(InputSource source, byte[] head, int headLength, Stream stream, InputLimits? limits)
    {
        byte[] all;
        using (stream)
        {
            using var buffer = new MemoryStream();
            buffer.Write(head, 0, headLength);
            stream.CopyTo(buffer);
            all = buffer.ToArray();
        }

        IReadOnlyList<PatchworkMail> mails;
        try
        {
            mails = PatchworkJsonReader.ReadWithLineMaps(all);
        }
        catch (PatchworkFormatException ex)
        {
            return [new ReadEvent(null, new InputError(source.DisplayName, ex.Line, ex.Column, ex.Message))];
        }

        var events = new List<ReadEvent>(mails.Count);
        for (var i = 0; i < mails.Count; i++)
        {
            var mail = mails[i].Mail;
            var lines = mail.AsSpan().Count((byte)'\n');
            if (mail.Length > 0 && mail[^1] != (byte)'\n') lines++;
            events.Add(new ReadEvent(new MessageWork(source, i, new RawMessage(mail, 1, Math.Max(lines, 1), null), mails[i].Info, mails[i].Lines, limits), null));
        }

        return events;
    }

    /// <summary>A NUL byte near the start of something that does not begin like a mail or a diff.</summary>
    private static bool LooksBinary(ReadOnlySpan<byte> head, out int nulOffset)
    {
        var probe = head[..Math.Min(head.Length, 8192)];
        nulOffset = probe.IndexOf((byte)0);
        if (nulOffset < 0) return false;
        return !(head.StartsWith("From "u8) || head.StartsWith("diff "u8) || head.StartsWith("--- "u8)
                 || head.StartsWith("Index: "u8) || MboxSplitter.IsHeaderLine(head[..Math.Max(0, head.IndexOf((byte)'\n'))]));
    }

    private static int ReadFully(Stream stream, byte[] buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer, total, buffer.Length - total);
            if (n == 0) break;
            total += n;
        }

        return total;
    }
}
