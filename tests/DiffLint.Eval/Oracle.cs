namespace DiffLint.Eval;

/// <summary>An oracle row DiffLint deliberately does not reproduce (a checkpatch false positive), with the reason.</summary>
public sealed record ExplainedMiss(string Type, string PatchFile, int Line, string Reason);

/// <summary>One finding of checkpatch.pl as recorded in <c>corpus/oracle/checkpatch-*.tsv</c>.</summary>
public sealed record OracleRow(string Project, string PatchFile, string Tool, string Level, string Type, string? FileInPatch, int Line, string Message);

/// <summary>
/// The checkpatch oracle of the shared corpus. Each project is judged by the checker whose style it follows: the
/// kernel script for the tab-indented projects and the kernel mailing list, the QEMU script for SeaBIOS and libslirp
/// (the other checker's rows are the cross-style baseline, not a target).
/// </summary>
public sealed class Oracle
{
    public static readonly IReadOnlyDictionary<string, string> ToolOfProject = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["bluez"] = "kernel",
        ["iproute2"] = "kernel",
        ["u-boot"] = "kernel",
        ["util-linux"] = "kernel",
        ["git"] = "kernel",
        ["watchdog"] = "kernel",
        ["seabios"] = "qemu",
        ["libslirp"] = "qemu",
    };

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
            .Select(c => new ExplainedMiss(c[0], c[1], int.Parse(c[2]), c[3]))
            .ToList();

    /// <summary>The explained-misses file shipped beside the evaluation tool.</summary>
    public static string ExplainedMissesPath => Path.Combine(AppContext.BaseDirectory, "explained-misses.tsv");

    public static Oracle Load(string corpus)
    {
        var rows = new List<OracleRow>();
        foreach (var tool in new[] { "kernel", "qemu" })
        {
            foreach (var line in File.ReadLines(Path.Combine(corpus, "oracle", $"checkpatch-{tool}.tsv")).Skip(1))
            {
                var c = line.Split('\t');
                if (c.Length < 9 || ToolOfProject.GetValueOrDefault(c[1]) != tool) continue;
                rows.Add(new OracleRow(c[1], c[2], c[3], c[4], c[5], c[6] == "-" ? null : c[6], int.Parse(c[7]), c[8]));
            }
        }

        // timing.tsv lists every file that was checked, clean ones included.
        var files = File.ReadLines(Path.Combine(corpus, "oracle", "timing.tsv")).Skip(1)
            .Select(l => l.Split('\t')[0])
            .Distinct(StringComparer.Ordinal)
            .Select(f => (Project: f.StartsWith("lists/watchdog/", StringComparison.Ordinal) ? "watchdog" : f[..f.IndexOf('/')], PatchFile: f))
            .Where(f => ToolOfProject.ContainsKey(f.Project))
            .OrderBy(f => f.PatchFile, StringComparer.Ordinal)
            .ToList();
        return new Oracle(corpus, rows, files);
    }
}
