using System.Text;

namespace DiffLint.Cli;

/// <summary>
/// A report file written under a temporary name in the same folder and renamed into place once complete
/// (<see cref="Commit"/>), so that a killed or failed run never leaves a truncated report where a good one was.
/// A report into something that is not a regular file (<c>/dev/null</c>, <c>/dev/stdout</c>, a FIFO, a terminal) is
/// written into it directly: renaming a file over it would replace the device or the pipe, for every program on the
/// machine in the case of <c>/dev/null</c> run as root. A report through a symbolic link replaces the file the link names
/// and leaves the link as it was.
/// </summary>
internal sealed class ReportFile : IDisposable
{
    private readonly string _path;
    private readonly string? _temporary;
    private bool _committed;

    private ReportFile(string path)
    {
        var full = Path.GetFullPath(path);
        if (IsSpecialFile(full))
        {
            _path = full;
            Writer = new StreamWriter(new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16), new UTF8Encoding(false));
            return;
        }

        _path = Resolve(full);
        var folder = Path.GetDirectoryName(_path) ?? ".";
        _temporary = Path.Combine(folder, $".{Path.GetFileName(_path)}.{Guid.NewGuid():N}.tmp");
        Writer = new StreamWriter(new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16), new UTF8Encoding(false));
    }

    public TextWriter Writer { get; }

    public static ReportFile Create(string path) => new(path);

    /// <summary>The full path of a file, through a symbolic link to what it names (an output must not be an input by another name).</summary>
    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            return new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        }
        catch (IOException)
        {
            return full;
        }
    }

    /// <summary>Closes the temporary file and puts it in the report's place.</summary>
    public void Commit()
    {
        Writer.Dispose();
        if (_temporary is not null) File.Move(_temporary, _path, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        if (_committed) return;
        Writer.Dispose();
        if (_temporary is null) return;
        try
        {
            File.Delete(_temporary);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// Whether <paramref name="path"/> (through symbolic links) exists and is not a regular file or a folder: a character
    /// or block device, a FIFO or a socket. Where the file's type cannot be asked (Windows), every path counts as a
    /// regular file.
    /// </summary>
    internal static bool IsSpecialFile(string path)
    {
        try
        {
            if (UnixFileStatus.Stat(path, out var status) != 0) return false;
            var type = status.Mode & UnixFileStatus.TypeMask;
            return type is not (UnixFileStatus.RegularFile or UnixFileStatus.Folder);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
