using System.Collections.Immutable;

namespace DiffLint.Core.Model;

public enum FileChangeKind : byte
{
    Modified,
    Added,
    Deleted,
    Renamed,
    Copied,
}

/// <summary>
/// The diff of one file. Paths are repository-relative, without the <c>a/</c>/<c>b/</c> prefixes;
/// <see cref="OldPath"/> is null for a new file and <see cref="NewPath"/> null for a deleted one.
/// </summary>
public sealed class FileDiff
{
    public FileDiff(string? oldPath, string? newPath, FileChangeKind change, string? oldMode, string? newMode,
        int? similarity, bool isBinary, int headerInputLine, ImmutableArray<Hunk> hunks,
        int extendedHeaderInputLine = 0, string? oldBlob = null, string? newBlob = null)
    {
        OldPath = oldPath;
        NewPath = newPath;
        Change = change;
        OldMode = oldMode;
        NewMode = newMode;
        Similarity = similarity;
        IsBinary = isBinary;
        HeaderInputLine = headerInputLine;
        ExtendedHeaderInputLine = extendedHeaderInputLine == 0 ? headerInputLine : extendedHeaderInputLine;
        Hunks = hunks;
        OldBlob = oldBlob;
        NewBlob = newBlob;
        foreach (var hunk in hunks)
        {
            AddedCount += hunk.AddedCount;
            RemovedCount += hunk.RemovedCount;
        }
    }

    public string? OldPath { get; }
    public string? NewPath { get; }

    /// <summary>The post-image path, or the pre-image path of a deleted file.</summary>
    public string Path => NewPath ?? OldPath ?? "";

    public FileChangeKind Change { get; }
    public string? OldMode { get; }
    public string? NewMode { get; }
    public int? Similarity { get; }
    public bool IsBinary { get; }

    /// <summary>Input line of the <c>diff --git</c> (or <c>---</c>) line that opened this file.</summary>
    public int HeaderInputLine { get; }

    /// <summary>Input line of the <c>new file mode</c>/<c>deleted file mode</c>/<c>rename from</c> line, where there is one.</summary>
    public int ExtendedHeaderInputLine { get; }

    /// <summary>
    /// The pre-image blob id of git's <c>index &lt;old&gt;..&lt;new&gt;</c> line, abbreviated as written (all zeros for a
    /// new file); null without that line (<c>diff -u</c>). It names the exact pre-image, so a tree (<c>--tree</c>) can
    /// find it by id whatever is checked out.
    /// </summary>
    public string? OldBlob { get; }

    /// <summary>The post-image blob id of the <c>index</c> line (all zeros for a deleted file); null without that line.</summary>
    public string? NewBlob { get; }

    public ImmutableArray<Hunk> Hunks { get; }
    public int AddedCount { get; }
    public int RemovedCount { get; }

    public bool IsCSource => Path.EndsWith(".c", StringComparison.Ordinal) || Path.EndsWith(".h", StringComparison.Ordinal);

    /// <summary>
    /// A C source or header, not binary, that the patch adds lines to: a file the engine reads as C code
    /// (<see cref="Analysis.DiagnosticSink.CSourceOf"/>) and whose whole functions the resource analysis looks at.
    /// </summary>
    public bool AddsCCode => IsCSource && !IsBinary && AddedCount > 0;
}
