using System.Diagnostics;
using System.Globalization;
using System.Text;
using DiffLint.Core.Git;
using DiffLint.Core.Model;

namespace DiffLint.Core.Trees;

/// <summary>
/// A git repository (work tree or bare) as a tree. The pre-image is the blob the patch's <c>index</c> line names, so any
/// clone holding the objects serves, whatever is checked out; a diff without that line (<c>diff -u</c>) gets the file
/// at its old path in <c>HEAD</c>. Blobs are read through one <c>git cat-file --batch</c> process, started on the first
/// request (a run whose rules ask for nothing starts no git) and ended with the tree; requests take turns on it.
/// </summary>
/// <param name="ownRepositoryOnly">
/// Ignore <c>GIT_DIR</c> and its kin: the repository was named (<c>--tree DIR</c>), not found from where difflint runs.
/// </param>
public sealed class GitSourceTree(string directory, bool ownRepositoryOnly = false) : PreImageTree(directory)
{
    private readonly Lock _lock = new();
    private CatFileBatch? _batch;
    private bool _gitUnavailable;
    private bool _disposed;

    protected override byte[]? ReadPreImage(FileDiff file)
    {
        var name = ObjectName(file);
        if (name is null) return null;
        lock (_lock)
        {
            if (_gitUnavailable || _disposed) return null;
            try
            {
                _batch ??= new CatFileBatch(GitProcess.Start(Directory, ["cat-file", "--batch"], ownRepositoryOnly));
                return _batch.ReadBlob(name, MaximumPreImageBytes);
            }
            catch (GitUnavailableException)
            {
                // A .git directory without a git binary: no pre-image can be read, as if none were there.
                _gitUnavailable = true;
                return null;
            }
            catch (IOException)
            {
                // git died or broke the protocol: this file falls back, and the next one starts a fresh git.
                _batch?.Dispose();
                _batch = null;
                return null;
            }
        }
    }

    /// <summary>
    /// The blob id of the <c>index</c> line, or <c>HEAD:path</c> without one; null for a new file's zero id and for a
    /// path that cannot be asked for on cat-file's line-based input.
    /// </summary>
    private static string? ObjectName(FileDiff file)
    {
        if (file.OldBlob is { } blob) return blob.AsSpan().IndexOfAnyExcept('0') < 0 ? null : blob;
        return file.OldPath is { Length: > 0 } path && path.AsSpan().IndexOfAny('\n', '\r') < 0 ? "HEAD:" + path : null;
    }

    public override void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _batch?.Dispose();
            _batch = null;
        }
    }

    /// <summary>
    /// The protocol of <c>git cat-file --batch</c>: one object name per line in; <c>&lt;id&gt; &lt;type&gt; &lt;size&gt;</c>,
    /// the content and a newline out, or <c>&lt;name&gt; missing</c> (or <c>ambiguous</c>) alone.
    /// </summary>
    private sealed class CatFileBatch : IDisposable
    {
        private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(2);

        private readonly Process _process;
        private readonly StreamWriter _requests;
        private readonly BufferedStream _responses;

        public CatFileBatch(Process process)
        {
            _process = process;
            // git writes nothing there for a missing object, but an unread pipe could still stall it.
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            _requests = process.StandardInput;
            _responses = new BufferedStream(process.StandardOutput.BaseStream, 1 << 16);
        }

        /// <summary>The blob's bytes; null when git has no such object, it is not a blob, or it is too large.</summary>
        /// <exception cref="IOException">git ended or answered out of protocol.</exception>
        public byte[]? ReadBlob(string name, long maximumBytes)
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
            if (fields[1] == "blob" && size <= maximumBytes)
            {
                content = new byte[size];
                _responses.ReadExactly(content);
            }
            else Skip(size);

            if (_responses.ReadByte() != '\n') throw new IOException($"git cat-file --batch: no newline after the content of '{name}'");
            return content;
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
