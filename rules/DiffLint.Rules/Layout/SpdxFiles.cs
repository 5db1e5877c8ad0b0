using DiffLint.Core.CSyntax;
using DiffLint.Core.Model;
using DiffLint.Rules.Whitespace;

namespace DiffLint.Rules.Layout;

/// <summary>Where and how a file's SPDX-License-Identifier line is written.</summary>
internal static class SpdxFiles
{
    public const string Tag = "SPDX-License-Identifier:";

    /// <summary>
    /// The post-image line that must carry the tag: 1, or 2 when line 1 is a <c>#!</c> interpreter line; with the
    /// added line found there, if the patch adds one.
    /// </summary>
    public static (int Number, DiffLine? Added) LicenseLine(FileDiff file)
    {
        var number = 1;
        foreach (var hunk in file.Hunks)
        {
            if (hunk.NewStart > 2) break;
            foreach (var line in hunk.Lines)
            {
                if (line.Kind == DiffLineKind.Removed) continue;
                if (line.NewLine == 1 && line.Span.TrimStart().StartsWith("#!", StringComparison.Ordinal)) number = 2;
                if (line.NewLine == number && line.Kind == DiffLineKind.Added) return (number, line);
                if (line.NewLine > number) return (number, null);
            }
        }

        return (number, null);
    }

    /// <summary>The comment leader the kernel wants before the tag, or null for file types it does not check.</summary>
    public static string? CommentLeader(string path, int licenseLine)
    {
        if (SourceFiles.EndsWithAny(path, [".h", ".s", ".S"])) return "/*";
        if (SourceFiles.EndsWithAny(path, [".c", ".rs", ".dts", ".dtsi"])) return "//";
        if (licenseLine == 2 || SourceFiles.EndsWithAny(path, [".sh", ".pl", ".py", ".awk", ".tc", ".yaml"])) return "#";
        return path.EndsWith(".rst", StringComparison.Ordinal) ? ".." : null;
    }

    /// <summary>C, assembly, Rust, shell and device-tree sources: the files whose tag must be on the license line.</summary>
    public static bool IsSource(string path) => SourceFiles.EndsWithAny(path, [".c", ".h", ".rs", ".s", ".S", ".sh", ".dts", ".dtsi"]);

    /// <summary>A new text file QEMU's licensing rules apply to: not binary, not from a tree QEMU imports verbatim.</summary>
    public static bool IsNewQemuFile(FileDiff file) =>
        file.Change == FileChangeKind.Added && !file.IsBinary && !IsImportedIntoQemu(file.Path);

    /// <summary>The added lines of <paramref name="file"/>, in order (a struct enumerator: this runs on every added line).</summary>
    public static AddedLineEnumerable AddedLines(FileDiff file) => new(file);

    /// <summary>Whether an added line of <paramref name="file"/> carries the SPDX tag.</summary>
    public static bool AddsTag(FileDiff file)
    {
        foreach (var line in AddedLines(file))
        {
            if (line.Span.Contains(Tag, StringComparison.Ordinal)) return true;
        }

        return false;
    }

    public readonly struct AddedLineEnumerable(FileDiff file)
    {
        public Enumerator GetEnumerator() => new(file);

        public struct Enumerator(FileDiff file)
        {
            private int _hunk;
            private int _line = -1;

            public DiffLine Current => file.Hunks[_hunk].Lines[_line];

            public bool MoveNext()
            {
                for (; _hunk < file.Hunks.Length; _hunk++, _line = -1)
                {
                    var lines = file.Hunks[_hunk].Lines;
                    while (++_line < lines.Length)
                    {
                        if (lines[_line].Kind == DiffLineKind.Added) return true;
                    }
                }

                return false;
            }
        }
    }

    /// <summary>Trees QEMU imports verbatim and does not relicense.</summary>
    public static bool IsImportedIntoQemu(string path) =>
        path.Contains("linux-headers/", StringComparison.Ordinal) || path.Contains("include/standard-headers/", StringComparison.Ordinal)
        || path.EndsWith("checkpatch.pl", StringComparison.Ordinal);
}
