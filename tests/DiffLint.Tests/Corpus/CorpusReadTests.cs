using System.Diagnostics;
using DiffLint.Core.Model;

namespace DiffLint.Tests.Corpus;

/// <summary>The whole shared corpus: every file reads without an internal error, and the counts match git.</summary>
public class CorpusReadTests
{
    private static readonly string[] FormatPatchFolders = ["bluez", "iproute2", "u-boot", "util-linux", "git", "seabios", "libslirp", "bugs"];

    public static IEnumerable<string> FormatPatchFiles() =>
        FormatPatchFolders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(TestPaths.Corpus, folder), "*.patch"))
            .Order(StringComparer.Ordinal);

    [SharedFact]
    public void EveryCorpusFileReadsWithoutInternalErrorOrInputError()
    {
        var result = TestRunner.RunFiles(TestPaths.Corpus);
        Assert.Equal(0, result.InternalErrors);
        Assert.Empty(result.Errors);
        Assert.True(result.Statistics.Patches > 2000, $"only {result.Statistics.Patches} patches read");
    }

    [SharedFact]
    public void PerFileAddedAndRemovedCountsEqualGitApplyNumstat()
    {
        var mismatches = new List<string>();
        var files = FormatPatchFiles().ToList();
        Assert.True(files.Count > 1000);
        foreach (var file in files)
        {
            var expected = GitNumstat(file);
            var actual = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
            foreach (var patch in TestRunner.ParseFile(file))
            {
                foreach (var diff in patch.Files)
                {
                    // git prints "-" for binary files; so do we.
                    var counts = diff.IsBinary ? (-1, -1) : (diff.AddedCount, diff.RemovedCount);
                    actual[diff.Path] = actual.TryGetValue(diff.Path, out var c) && c.Item1 >= 0 ? (c.Item1 + counts.Item1, c.Item2 + counts.Item2) : counts;
                }
            }

            foreach (var (path, counts) in expected)
            {
                if (!actual.TryGetValue(path, out var mine)) mismatches.Add($"{file}: {path} missing (git: {counts})");
                else if (mine != counts) mismatches.Add($"{file}: {path} git {counts} difflint {mine}");
            }

            foreach (var path in actual.Keys.Except(expected.Keys)) mismatches.Add($"{file}: {path} not in git's numstat");
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(30)));
    }

    /// <summary>Runs <c>git apply --numstat -z</c>: "added TAB deleted TAB path NUL", or for renames "added TAB deleted TAB NUL old NUL new NUL".</summary>
    private static Dictionary<string, (int Added, int Removed)> GitNumstat(string file)
    {
        var start = new ProcessStartInfo("git", ["apply", "--numstat", "-z", Path.GetFullPath(file)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEnd();
        git.StandardError.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git apply --numstat failed on {file}");

        var result = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        var fields = output.Split('\0');
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            if (field.Length == 0) continue;
            var parts = field.Split('\t');
            if (parts.Length < 3) continue;
            var added = parts[0] == "-" ? -1 : int.Parse(parts[0]);
            var removed = parts[1] == "-" ? -1 : int.Parse(parts[1]);
            string path;
            if (parts[2].Length == 0)
            {
                path = fields[i + 2];
                i += 2;
            }
            else path = parts[2];

            result[path] = result.TryGetValue(path, out var c) && c.Item1 >= 0 ? (c.Item1 + added, c.Item2 + removed) : (added, removed);
        }

        return result;
    }
}
