using System.Collections.Immutable;

namespace DiffLint.Core.Model;

/// <summary>
/// A hunk as its <c>@@ -a,b +c,d @@ heading</c> header announced it, with the lines actually read.
/// When the mail was damaged the lines may fall short of the counts (<see cref="IsComplete"/> is false);
/// the reason is recorded as a <see cref="DiffProblem"/> on the patch.
/// </summary>
public sealed class Hunk
{
    public Hunk(int oldStart, int oldCount, int newStart, int newCount, string heading, int headerInputLine,
        ImmutableArray<DiffLine> lines, bool isComplete)
    {
        OldStart = oldStart;
        OldCount = oldCount;
        NewStart = newStart;
        NewCount = newCount;
        Heading = heading;
        HeaderInputLine = headerInputLine;
        Lines = lines;
        IsComplete = isComplete;
        foreach (var line in lines)
        {
            if (line.Kind == DiffLineKind.Added) AddedCount++;
            else if (line.Kind == DiffLineKind.Removed) RemovedCount++;
        }
    }

    public int OldStart { get; }
    public int OldCount { get; }
    public int NewStart { get; }
    public int NewCount { get; }

    /// <summary>The function context diff printed after the second <c>@@</c>: a hint, not a parse.</summary>
    public string Heading { get; }

    public int HeaderInputLine { get; }
    public ImmutableArray<DiffLine> Lines { get; }
    public bool IsComplete { get; }
    public int AddedCount { get; }
    public int RemovedCount { get; }

    public string Header => $"@@ -{OldStart},{OldCount} +{NewStart},{NewCount} @@";
}
