using System.Text;

namespace DiffLint.Cli;

/// <summary>
/// The writers the process gives the command line. <see cref="Console.Out"/> flushes after every write, one system call
/// per output line: tens of thousands on an archive, about 1% of its CPU. Redirected output goes through a buffer instead,
/// which the check command flushes after each patch's report (a reader following the output still sees each patch as it
/// is done) and <see cref="Flush"/> empties at exit. When standard error is redirected too (often to the same place),
/// standard output is flushed before anything is written to it, so the two keep the order they were written in.
/// Redirected, each writer is made at its first write: a hook's run on a clean patch writes nothing, and making them
/// (the console's encoding, its streams, two writers) was 5-6 ms of the main thread's start.
/// </summary>
internal sealed record StandardStreams(TextWriter Output, TextWriter Error)
{
    public static StandardStreams ForConsole()
    {
        if (!Console.IsOutputRedirected) return new StandardStreams(Console.Out, Console.Error);
        // Console.OutputEncoding is the console's own, without a byte order mark.
        var output = new FirstWriteWriter(static () => TextWriter.Synchronized(new StreamWriter(Console.OpenStandardOutput(), Console.OutputEncoding, 1 << 16)));
        return new StandardStreams(output, Console.IsErrorRedirected ? new OutputFirstWriter(output, new FirstWriteWriter(static () => Console.Error)) : Console.Error);
    }

    public void Flush() => Output.Flush();

    /// <summary>Standard error that empties standard output's buffer before each write.</summary>
    private sealed class OutputFirstWriter(TextWriter output, TextWriter error) : TextWriter
    {
        public override Encoding Encoding => error.Encoding;

        public override void Write(char value)
        {
            output.Flush();
            error.Write(value);
        }

        public override void Write(string? value)
        {
            output.Flush();
            error.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            output.Flush();
            error.Write(buffer, index, count);
        }

        public override void WriteLine(string? value)
        {
            output.Flush();
            error.WriteLine(value);
        }

        public override void Flush() => error.Flush();
    }

    /// <summary>
    /// A writer made by <paramref name="create"/> at the first write (or the first use of its encoding); flushing it
    /// before then does nothing, as there is nothing to flush.
    /// </summary>
    private sealed class FirstWriteWriter(Func<TextWriter> create) : TextWriter
    {
        private readonly Lock _lock = new();
        private TextWriter? _writer;

        private TextWriter Writer => Volatile.Read(ref _writer) ?? Create();

        private TextWriter Create()
        {
            lock (_lock)
            {
                if (_writer is null) Volatile.Write(ref _writer, create());
                return _writer;
            }
        }

        public override Encoding Encoding => Writer.Encoding;

        public override void Write(char value) => Writer.Write(value);

        public override void Write(string? value) => Writer.Write(value);

        public override void Write(char[] buffer, int index, int count) => Writer.Write(buffer, index, count);

        public override void Write(ReadOnlySpan<char> buffer) => Writer.Write(buffer);

        public override void WriteLine() => Writer.WriteLine();

        public override void WriteLine(string? value) => Writer.WriteLine(value);

        public override void WriteLine(ReadOnlySpan<char> buffer) => Writer.WriteLine(buffer);

        public override void Flush() => Volatile.Read(ref _writer)?.Flush();
    }
}
