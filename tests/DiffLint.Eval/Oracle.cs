namespace DiffLint.Eval;

/// <summary>
/// Oracle rows DiffLint deliberately does not reproduce (checkpatch false positives or artefacts of how the oracle was
/// made), with the reason. One row of the corpus (<paramref name="PatchFile"/> and <paramref name="Line"/> given), or a
/// class of rows that also covers mail nobody has seen: <paramref name="PatchFile"/> <c>*</c> (any file) or
/// <c>@quoted-printable</c> (any mail sent quoted-printable, which checkpatch reads undecoded), and
/// <paramref name="Line"/> <c>*</c> (null: any line).
/// </summary>
public sealed record ExplainedMiss(string Type, string PatchFile, int? Line, string Reason)
{
    public const string AnyFile = "*";
    public const string QuotedPrintableMail = "@quoted-printable";

    public bool Covers(OracleRow row, Func<string, bool> isQuotedPrintable) =>
        Type == row.Type
        && (Line is null || Line == row.Line)
        && (PatchFile == AnyFile || PatchFile == row.PatchFile || (PatchFile == QuotedPrintableMail && isQuotedPrintable(row.PatchFile)));
}

/// <summary>One finding of checkpatch.pl as recorded in <c>corpus/oracle/checkpatch-*.tsv</c>.</summary>
public sealed record OracleRow(string Project, string PatchFile, string Tool, string Level, string Type, string? FileInPatch, int Line, string Message);

/// <summary>
/// The checkpatch oracle of the shared corpus. Each project is judged by the checker whose style it follows: the
/// kernel script for the tab-indented projects and the kernel mailing list, the QEMU script for SeaBIOS and libslirp
/// (the other checker's rows are the cross-style baseline, not a target).
/// </summary>
public sealed class Oracle
{
    /// <summary>
    /// The checker whose style a project follows: QEMU's for the 4-space projects, the kernel's for the tab-indented
    /// ones and for every kernel mailing list under <c>lists/</c> (watchdog in the visible corpus; others elsewhere).
    /// </summary>
    public static string ToolOf(string project) => project is "seabios" or "libslirp" ? "qemu" : "kernel";

    /// <summary>The project of a corpus file: its first folder, or the list name for <c>lists/NAME/NNNN.patch</c>.</summary>
    public static string ProjectOf(string patchFile)
    {
        var parts = patchFile.Split('/');
        return parts.Length >= 3 && parts[0] == "lists" ? parts[1] : parts[0];
    }

    /// <summary>True for mail of a kernel mailing list (<c>lists/</c>), as opposed to format-patch output of a project.</summary>
    public static bool IsListMail(string patchFile) => patchFile.StartsWith("lists/", StringComparison.Ordinal);

    private Oracle(string corpus, IReadOnlyList<OracleRow> rows, IReadOnlyList<(string Project, string PatchFile)> files)
    {
        Corpus = corpus;
        Rows = rows;
        Files = files;
    }

    public string Corpus { get; }

    /// <summary>The rows of the checker that is right for each project.</summary>
    public IReadOnlyList<OracleRow> Rows { get; }

    /// <summary>Every checked file (project, path relative to the corpus), including files without findings.</summary>
    public IReadOnlyList<(string Project, string PatchFile)> Files { get; }

    /// <summary>Reads <c>explained-misses.tsv</c> (type, patch_file, line, reason; '#' comments).</summary>
    public static IReadOnlyList<ExplainedMiss> LoadExplainedMisses(string path) =>
        File.ReadLines(path)
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t'))
            .Select(c => new ExplainedMiss(c[0], c[1], c[2] == "*" ? null : int.Parse(c[2]), c[3]))
            .ToList();

    /// <summary>The explained-misses file shipped beside the evaluation tool.</summary>
    public static string ExplainedMissesPath => Path.Combine(AppContext.BaseDirectory, "explained-misses.tsv");

    /// <param name="corpus">The corpus folder.</param>
    /// <param name="kernelOracle">Kernel rows from this file instead of <c>oracle/checkpatch-kernel.tsv</c> (a --strict run).</param>
    public static Oracle Load(string corpus, string? kernelOracle = null)
    {
        var rows = new List<OracleRow>();
        foreach (var tool in new[] { "kernel", "qemu" })
        {
            var path = tool == "kernel" && kernelOracle is not null ? kernelOracle : Path.Combine(corpus, "oracle", $"checkpatch-{tool}.tsv");
            foreach (var line in File.ReadLines(path).Skip(1))
            {
                var c = line.Split('\t');
                if (c.Length < 9 || ToolOf(c[1]) != tool) continue;
                rows.Add(new OracleRow(c[1], c[2], c[3], c[4], c[5], c[6] == "-" ? null : c[6], int.Parse(c[7]), c[8]));
            }
        }

        // timing.tsv lists every file that was checked, clean ones included.
        var files = File.ReadLines(Path.Combine(corpus, "oracle", "timing.tsv")).Skip(1)
            .Select(l => l.Split('\t')[0])
            .Distinct(StringComparer.Ordinal)
            .Select(f => (Project: ProjectOf(f), PatchFile: f))
            .OrderBy(f => f.PatchFile, StringComparer.Ordinal)
            .ToList();
        return new Oracle(corpus, rows, files);
    }
}
