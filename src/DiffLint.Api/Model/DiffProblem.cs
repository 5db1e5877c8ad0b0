namespace DiffLint.Core.Model;

public enum DiffProblemKind : byte
{
    /// <summary>The input ended while a hunk still expected lines.</summary>
    DiffCutShort,

    /// <summary>A hunk ended before its header's counts were met (a new header or a foreign line came first).</summary>
    HunkShorterThanHeader,

    /// <summary>Diff-like lines follow a hunk whose counts were already met.</summary>
    HunkLongerThanHeader,

    /// <summary>A line inside a hunk is neither context, added, removed nor a no-newline marker.</summary>
    GarbageInHunk,

    /// <summary>An <c>@@</c> line that does not parse.</summary>
    MalformedHunkHeader,

    /// <summary>A hunk with no file header before it.</summary>
    HunkWithoutFile,

    /// <summary>
    /// A hunk longer than the reader's hunk-lines limit, or going past its patch-lines limit (all hunks together): the
    /// lines after the limit were read past, not kept.
    /// </summary>
    HunkOverLimit,
}

/// <summary>A place where the diff text disagrees with itself. <see cref="InputLine"/> is 1-based in the input file.</summary>
public sealed record DiffProblem(DiffProblemKind Kind, int InputLine, string? Path, string Message);
