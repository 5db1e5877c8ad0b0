using System.Text;

namespace DiffLint.Cli;

/// <summary>
/// A report file written under a temporary name in the same folder and renamed into place once complete
/// (<see cref="Commit"/>), so that a killed or failed run never leaves a truncated report where a good one was.
/// </summary>
internal sealed class ReportFile : IDisposable
{
    private readonly string _path;
    private readonly string _temporary;
    private bool _committed;

    private ReportFile(string path)
    {
        _path = Path.GetFullPath(path);
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
        File.Move(_temporary, _path, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        if (_committed) return;
        Writer.Dispose();
        try
        {
            File.Delete(_temporary);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
