using System.Text;

namespace DiffLint.Cli.Hooks;

/// <summary>
/// What a hook client and the hook server say over the socket. The client writes one request: a version byte, the
/// kind, then its working folder, its arguments, its whole environment and what it read from standard input (pre-push:
/// the pushed refs). The server answers with <see cref="Accepted"/>
/// as soon as it takes the request up, then, when it is done, the outcome, the exit code and everything the run wrote
/// to standard error. The answer comes whole or not at all: a client that gets no complete answer has written nothing
/// and runs the hook itself.
/// </summary>
internal static class HookServerProtocol
{
    public const byte Version = 2;

    /// <summary>The byte the server writes when it takes a request up: a client that does not get it soon runs the hook itself.</summary>
    public const byte Accepted = 0xA5;

    /// <summary>The longest a request may be: argument lists and environments are a few kilobytes, pre-push's refs a line each.</summary>
    public const int MaximumRequestBytes = 8 << 20;

    /// <summary>The longest an answer may be: a hook's report on one patch or series, with room to spare.</summary>
    public const int MaximumAnswerBytes = 512 << 20;

    public enum Kind : byte
    {
        /// <summary>Run the hook as the client would have.</summary>
        Run = 1,

        /// <summary>Stop the server (<c>difflint hook serve --stop</c>).</summary>
        Stop = 2,
    }

    public enum Outcome : byte
    {
        /// <summary>The hook ran; the exit code and standard error follow.</summary>
        Ran = 0,

        /// <summary>The server will not run this one (rule packs, a failure of its own): the client runs it.</summary>
        Declined = 1,
    }

    public sealed record Request(Kind Kind, string WorkingFolder, string[] Arguments, IReadOnlyDictionary<string, string> Environment, byte[] StandardInput);

    public static void WriteRequest(Stream stream, Request request)
    {
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write((byte)request.Kind);
            writer.Write(request.WorkingFolder);
            writer.Write(request.Arguments.Length);
            foreach (var argument in request.Arguments) writer.Write(argument);
            writer.Write(request.Environment.Count);
            foreach (var (name, value) in request.Environment)
            {
                writer.Write(name);
                writer.Write(value);
            }

            writer.Write(request.StandardInput.Length);
            writer.Write(request.StandardInput);
        }

        WriteFrame(stream, body);
    }

    /// <summary>The request, or null when it is not one this server understands.</summary>
    public static Request? ReadRequest(Stream stream)
    {
        if (ReadFrame(stream, MaximumRequestBytes) is not { } frame) return null;
        try
        {
            using var reader = new BinaryReader(new MemoryStream(frame), Encoding.UTF8);
            if (reader.ReadByte() != Version) return null;
            var kind = (Kind)reader.ReadByte();
            var folder = reader.ReadString();
            var arguments = new string[Count(reader)];
            for (var i = 0; i < arguments.Length; i++) arguments[i] = reader.ReadString();
            var count = Count(reader);
            var environment = new Dictionary<string, string>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++) environment[reader.ReadString()] = reader.ReadString();
            var length = Count(reader);
            var input = reader.ReadBytes(length);
            if (input.Length != length) return null;
            return kind is Kind.Run or Kind.Stop ? new Request(kind, folder, arguments, environment, input) : null;
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or FormatException)
        {
            return null;
        }
    }

    public static void WriteAnswer(Stream stream, Outcome outcome, int exitCode, string error)
    {
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write((byte)outcome);
            writer.Write(exitCode);
            writer.Write(error);
        }

        WriteFrame(stream, body);
    }

    /// <summary>The server's answer; null when the connection ends before a whole one came.</summary>
    public static (Outcome Outcome, int ExitCode, string Error)? ReadAnswer(Stream stream)
    {
        if (ReadFrame(stream, MaximumAnswerBytes) is not { } frame) return null;
        try
        {
            using var reader = new BinaryReader(new MemoryStream(frame), Encoding.UTF8);
            return ((Outcome)reader.ReadByte(), reader.ReadInt32(), reader.ReadString());
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or FormatException)
        {
            return null;
        }
    }

    private static int Count(BinaryReader reader) =>
        reader.ReadInt32() is var count and >= 0 and <= MaximumRequestBytes ? count : throw new FormatException("a count out of range");

    private static void WriteFrame(Stream stream, MemoryStream body)
    {
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, checked((int)body.Length));
        stream.Write(length);
        stream.Write(body.GetBuffer(), 0, (int)body.Length);
        stream.Flush();
    }

    /// <summary>
    /// A frame of at most <paramref name="maximum"/> bytes; null when it is longer or the stream ends first. Its buffer
    /// grows with the bytes that arrive, so a damaged length costs no more memory than the bytes actually sent.
    /// </summary>
    private static byte[]? ReadFrame(Stream stream, int maximum)
    {
        Span<byte> header = stackalloc byte[4];
        if (!ReadExactly(stream, header)) return null;
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length < 0 || length > maximum) return null;
        var frame = new byte[Math.Min(length, 1 << 16)];
        var read = 0;
        while (read < length)
        {
            if (read == frame.Length) Array.Resize(ref frame, (int)Math.Min(length, 2L * frame.Length));
            var count = stream.Read(frame, read, frame.Length - read);
            if (count == 0) return null;
            read += count;
        }

        return frame;
    }

    private static bool ReadExactly(Stream stream, Span<byte> buffer)
    {
        try
        {
            stream.ReadExactly(buffer);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }
}
