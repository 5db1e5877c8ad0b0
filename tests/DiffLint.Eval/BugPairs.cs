using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Model;
using DiffLint.Core.Profiles;
using DiffLint.Core.Trees;
using DiffLint.Rules;

namespace DiffLint.Eval;

/// <summary>
/// One row of <c>corpus/bugs/index.tsv</c>: a commit that introduced a resource-pairing bug, and the function
/// (<c>file:function</c>) its later fix touched, which is where a finding on the introducing patch should point.
/// </summary>
public sealed record BugPair(string Project, string Number, string File, string Function, string Family, string Kind)
{
    public string Name => $"{Project}-{Number}";

    public string IntroPatch => $"{Name}-intro.patch";

    /// <summary>Reads the index by column name, since the file carries more columns than the evaluation needs.</summary>
    public static IReadOnlyList<BugPair> Load(string directory)
    {
        var lines = System.IO.File.ReadAllLines(Path.Combine(directory, "index.tsv"));
        var header = lines[0].Split('\t');
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0
            ? i
            : throw new InvalidDataException($"index.tsv has no column '{name}'");
        int project = Column("project"), number = Column("n"), location = Column("location"), family = Column("pair_family"), kind = Column("bug_kind");
        return lines.Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .Select(c =>
            {
                var colon = c[location].LastIndexOf(':');
                return new BugPair(c[project], c[number], c[location][..colon], c[location][(colon + 1)..], c[family], c[kind]);
            })
            .ToList();
    }
}

/// <summary>
/// What one analysis of an introducing patch found: the DL50xx findings in the fixed function (<see cref="Matches"/>),
/// how many DL50xx findings point elsewhere, and whether the tree could not serve the fixed file (so the run saw only
/// the patch there).
/// </summary>
public sealed record PairRun(IReadOnlyList<Diagnostic> Matches, int Elsewhere, bool FellBack, int InternalErrors)
{
    public bool Flagged => Matches.Count > 0;
}

/// <summary>A pair's two runs; <see cref="WithTree"/> is null when no repository of the project was given.</summary>
public sealed record PairResult(BugPair Pair, PairRun PatchAlone, PairRun? WithTree);

/// <summary>
/// Runs the resource-pairing rules on the introducing patch of every real bug pair, from the patch alone and, when the
/// project's repository is at hand, with it as the tree, and says whether a finding names the function the fix touched.
/// </summary>
public static class BugPairs
{
    private static readonly HashSet<string> ResourceRuleIds = new(["DL5001", "DL5002", "DL5003", "DL5004", "DL5005"], StringComparer.Ordinal);

    public static bool IsResourceFinding(Diagnostic diagnostic) => ResourceRuleIds.Contains(diagnostic.Id);

    /// <exception cref="SourceTreeException">The project's repository cannot serve as a tree.</exception>
    public static PairResult Evaluate(BugPair pair, string directory, string? repository)
    {
        var patch = Path.Combine(directory, pair.IntroPatch);
        var patchAlone = Run(pair, patch, null);
        if (repository is null) return new PairResult(pair, patchAlone, null);

        using var tree = SourceTree.Open(repository);
        var recording = new RecordingTree(tree);
        var withTree = Run(pair, patch, recording) with { FellBack = recording.FellBack(pair.File) };
        return new PairResult(pair, patchAlone, withTree);
    }

    private static PairRun Run(BugPair pair, string patch, ISourceTree? tree)
    {
        // A fresh engine per run: its rule-failure count is cumulative, and each run reports its own.
        var engine = new AnalysisEngine(BuiltInRules.All, profiles: ProfileSelector.Automatic);
        var result = new DiffLintRunner(engine, new RunOptions { SourceTree = tree }).Run([new InputSource(pair.IntroPatch, patch, 0)]);
        var findings = result.AllDiagnostics.Where(IsResourceFinding).ToList();
        var matches = findings
            .Where(d => d.Location.Path == pair.File && d.Message.Contains(" " + pair.Function + "()", StringComparison.Ordinal))
            .OrderBy(d => d.Location.Line)
            .ToList();
        return new PairRun(matches, findings.Count - matches.Count, FellBack: false, result.InternalErrors + result.Errors.Length);
    }

    public static string Format(IReadOnlyList<PairResult> results)
    {
        var text = new StringBuilder();
        text.Append("| pair | family | kind | location | patch alone | tree | finding |\n");
        text.Append("|---|---|---|---|---|---|---|\n");
        foreach (var r in results)
        {
            var tree = r.WithTree is null ? "no repo" : r.WithTree is { Flagged: false, FellBack: true } ? "fell back" : Outcome(r.WithTree);
            text.Append(CultureInfo.InvariantCulture,
                $"| {r.Pair.Name} | {r.Pair.Family} | {r.Pair.Kind} | {r.Pair.File}:{r.Pair.Function} | {Outcome(r.PatchAlone)} | {tree} | {Finding(r)} |\n");
        }

        var withRepository = results.Where(r => r.WithTree is not null).ToList();
        text.Append('\n');
        text.Append(CultureInfo.InvariantCulture,
            $"flagged from the patch alone: {results.Count(r => r.PatchAlone.Flagged)}/{results.Count} ({Percent(results.Count(r => r.PatchAlone.Flagged), results.Count)})\n");
        text.Append(withRepository.Count == 0
            ? "flagged with the tree: no pair had a repository (--tree-root ROOT or --repo NAME=PATH)\n"
            : string.Create(CultureInfo.InvariantCulture,
                $"flagged with the tree: {withRepository.Count(r => r.WithTree!.Flagged)}/{withRepository.Count} ({Percent(withRepository.Count(r => r.WithTree!.Flagged), withRepository.Count)}) over the pairs that had a repository\n"));
        text.Append("\nflagged: a DL5001–DL5005 finding in the location's file whose message names the function (\" function()\"). ");
        text.Append("elsewhere (n): no such finding, n DL50xx findings in other places. fell back: not flagged, and the tree could not serve the location's file.\n");
        return text.ToString();
    }

    private static string Outcome(PairRun run) =>
        run.Flagged ? "flagged" : run.Elsewhere > 0 ? $"elsewhere ({run.Elsewhere})" : "–";

    /// <summary>The first matching finding of the patch-alone run, and the tree run's when it differs.</summary>
    private static string Finding(PairResult r)
    {
        static string Describe(Diagnostic d) => string.Create(CultureInfo.InvariantCulture, $"{d.Id} line {d.Location.Line}");
        var alone = r.PatchAlone.Matches.FirstOrDefault();
        var tree = r.WithTree?.Matches.FirstOrDefault();
        var parts = new List<string>();
        if (alone is not null) parts.Add(Describe(alone));
        if (tree is not null && (alone is null || Describe(alone) != Describe(tree))) parts.Add("tree: " + Describe(tree));
        return string.Join("; ", parts);
    }

    private static string Percent(int count, int total) =>
        total == 0 ? "–" : ((double)count / total).ToString("P1", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal);

    /// <summary>
    /// Passes a tree through and notes the files whose pre-image it could not serve: the tree's statistics count every
    /// file of the patch, while a pair is about the one file its fix touched.
    /// </summary>
    private sealed class RecordingTree(ISourceTree tree) : ISourceTree
    {
        private readonly ConcurrentDictionary<string, bool> _fellBack = new(StringComparer.Ordinal);

        public PostImage? PostImageOf(FileDiff file)
        {
            var postImage = tree.PostImageOf(file);
            // A deleted or binary file has no post-image with any tree; only a missing or unappliable pre-image is a fall-back.
            if (postImage is null && file is { OldPath: not null, NewPath: { } path, IsBinary: false }) _fellBack[path] = true;
            return postImage;
        }

        public bool FellBack(string path) => _fellBack.ContainsKey(path);
    }
}
