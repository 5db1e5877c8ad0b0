using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace DiffLint.Core.Git;

/// <summary>
/// Objects of a repository read through one <c>git cat-file --batch</c>, started on the first request (a run that asks
/// for nothing starts no git) and ended with this reader; requests take turns on it. One process answers any number of
/// requests, where a git run per request costs a process start each. A failure answers null: git missing (no later
/// request starts it again), or git dying or breaking the protocol (the next request starts a fresh one).
/// </summary>
/// <param name="ownRepositoryOnly">Ignore <c>GIT_DIR</c> and its kin, so git uses the repository <paramref name="directory"/> is in.</param>
internal sealed class CatFileBatch(string directory, bool ownRepositoryOnly = false) : IDisposable
{
    private readonly Lock _lock = new();
    private Session? _session;
    private bool _gitUnavailable;
    private bool _disposed;

    /// <summary>
    /// The object <paramref name="name"/> names (an id, an abbreviation, <c>HEAD:path</c>, <c>sha^{commit}</c>...): its
    /// full id and content; null when git has no such object, the name is ambiguous, the object is not of
    /// <paramref name="type"/> or it is larger than <paramref name="maximumBytes"/>, or git cannot answer.
    /// </summary>
    public (string Id, byte[] Content)? Read(string name, string type, long maximumBytes)
    {
        lock (_lock)
        {
            if (_gitUnavailable || _disposed) return null;
            try
            {
                _session ??= new Session(GitProcess.Start(directory, ["cat-file", "--batch"], ownRepositoryOnly));
                return _session.Read(name, type, maximumBytes);
            }
            catch (GitUnavailableException)
            {
                // A .git directory without a git binary: nothing can be read, as if it were not there.
                _gitUnavailable = true;
                return null;
            }
            catch (IOException)
            {
                // git died or broke the protocol: this request fails, and the next one starts a fresh git.
                _session?.Dispose();
                _session = null;
                return null;
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _session?.Dispose();
            _session = null;
        }
    }

    /// <summary>
    /// One running <c>git cat-file --batch</c> and its protocol: one object name per line in; <c>&lt;id&gt; &lt;type&gt; &lt;size&gt;</c>,
    /// the content and a newline out, or <c>&lt;name&gt; missing</c> (or <c>ambiguous</c>) alone.
    /// </summary>
    private sealed class Session : IDisposable
    {
        private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(2);

        private readonly Process _process;
        private readonly StreamWriter _requests;
        private readonly BufferedStream _responses;

        public Session(Process process)
        {
            _process = process;
            // git writes nothing there for a missing object, but an unread pipe could still stall it. Drained by a thread
            // of its own: BeginErrorReadLine's reads would start the thread pool (a gate thread and a worker that spins
            // when idle), which a hook's one-patch run otherwise never starts.
            var errors = process.StandardError.BaseStream;
            new Thread(() => Drain(errors)) { IsBackground = true, Name = "git cat-file stderr" }.Start();
            _requests = process.StandardInput;
            _responses = new BufferedStream(process.StandardOutput.BaseStream, 1 << 16);
        }

        private static void Drain(Stream errors)
        {
            try
            {
                errors.CopyTo(Stream.Null);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                // The session ended.
            }
        }

        /// <exception cref="IOException">git ended or answered out of protocol.</exception>
        public (string Id, byte[] Content)? Read(string name, string type, long maximumBytes)
        {
            _requests.Write(name);
            _requests.Write('\n');
            _requests.Flush();

            var header = ReadHeaderLine();
            if (header.EndsWith(" missing", StringComparison.Ordinal) || header.EndsWith(" ambiguous", StringComparison.Ordinal)) return null;
            var fields = header.Split(' ');
            if (fields.Length != 3 || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                throw new IOException($"git cat-file --batch answered '{header}' for '{name}'");

            byte[]? content = null;
            if (fields[1] == type && size <= maximumBytes)
            {
                content = new byte[size];
                _responses.ReadExactly(content);
            }
            else Skip(size);

            if (_responses.ReadByte() != '\n') throw new IOException($"git cat-file --batch: no newline after the content of '{name}'");
            return content is null ? null : (fields[0], content);
        }

        private string ReadHeaderLine()
        {
            var line = new StringBuilder();
            for (var next = _responses.ReadByte(); next != '\n'; next = _responses.ReadByte())
            {
                if (next < 0) throw new IOException("git cat-file --batch ended");
                line.Append((char)next);
            }

            return line.ToString();
        }

        private void Skip(long size)
        {
            var buffer = new byte[81920];
            for (var left = size; left > 0;)
            {
                var read = _responses.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (read == 0) throw new IOException("git cat-file --batch ended inside an object");
                left -= read;
            }
        }

        public void Dispose()
        {
            try
            {
                // End of input is git's signal to exit.
                _requests.Close();
                if (!_process.WaitForExit(ExitWait)) _process.Kill(entireProcessTree: true);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException)
            {
                // Already gone.
            }
            finally
            {
                _process.Dispose();
            }
        }
    }
}
