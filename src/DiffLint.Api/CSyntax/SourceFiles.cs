namespace DiffLint.Core.CSyntax;

/// <summary>
/// The file types the layout rules look at, keyed on the extensions checkpatch keys on, so a rule's scope matches
/// the reference checkers' (Makefiles, documentation and data files keep their own layout conventions).
/// </summary>
public static class SourceFiles
{
    /// <summary>Files with a column limit: the kernel's (.c .h .rs .s .S .sh .dts .dtsi) and QEMU's (.c.inc .h.inc .cpp .pl .py) sets.</summary>
    public static bool HasLineLengthLimit(string path) =>
        EndsWithAny(path, [".c", ".h", ".rs", ".s", ".S", ".sh", ".dts", ".dtsi", ".inc", ".cpp", ".pl", ".py"]);

    /// <summary>Files whose indentation the tab-indented projects check (the kernel's .c .h .pl .dts .dtsi).</summary>
    public static bool HasTabIndentation(string path) => EndsWithAny(path, [".c", ".h", ".pl", ".dts", ".dtsi"]);

    /// <summary>
    /// Files in which QEMU bans tabs: C, C++, Perl, Python and shell sources. Assembly keeps its tabs, and so do
    /// the scripts and imported code QEMU carries verbatim.
    /// </summary>
    public static bool BansTabs(string path) =>
        EndsWithAny(path, [".c", ".h", ".inc", ".cpp", ".pl", ".py", ".sh"])
        && !path.EndsWith("scripts/checkpatch.pl", StringComparison.Ordinal)
        && !path.EndsWith("scripts/get_maintainer.pl", StringComparison.Ordinal)
        && !path.Contains("target/hexagon/imported/", StringComparison.Ordinal);

    /// <summary>C and C++ sources and headers, including QEMU's .c.inc/.h.inc fragments.</summary>
    public static bool IsC(string path) => EndsWithAny(path, [".c", ".h", ".inc", ".cpp"]);

    /// <summary>Expanded width of <paramref name="text"/>, with tabs advancing to the next multiple of <paramref name="tabWidth"/>.</summary>
    public static int Columns(ReadOnlySpan<char> text, int tabWidth)
    {
        var columns = 0;
        foreach (var c in text) columns = c == '\t' ? (columns / tabWidth + 1) * tabWidth : columns + 1;
        return columns;
    }

    /// <summary>Length of the leading run of spaces and tabs.</summary>
    public static int IndentLength(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;
        return i;
    }

    public static bool EndsWithAny(string path, ReadOnlySpan<string> extensions)
    {
        foreach (var extension in extensions)
        {
            if (path.EndsWith(extension, StringComparison.Ordinal)) return true;
        }

        return false;
    }
}
