using System.Globalization;
using DiffLint.Core.Trees;
using DiffLint.Eval;
using DiffLint.Rules;

// difflint-eval: DiffLint against the checkpatch oracle of the shared corpus, per checkpatch TYPE.
//   --corpus DIR      the corpus (default: ../shared/corpus beside the repository)
//   --type T1,T2      only these TYPEs
//   --project P1,P2   only these projects (bluez, iproute2, u-boot, util-linux, git, watchdog, seabios, libslirp)
//   --misses          list the oracle rows DiffLint missed
//   --extra           list DiffLint's findings checkpatch does not have
//   --strict          only the --strict comparison (kernel files): DiffLint with --strict against a kernel oracle made
//                     with --strict. Without it both comparisons are printed when such an oracle exists.
//   --strict-oracle F that oracle (default: the file `scripts/checkpatch-oracle.sh --strict` writes,
//                     $XDG_CACHE_HOME/difflint/oracle/checkpatch-kernel-strict.tsv, or <corpus>/oracle/checkpatch-kernel-strict.tsv)
// Resource pairing (DL5001–DL5005), instead of the checkpatch agreement:
//   --bugs [DIR]      the real bug pairs (default: <corpus>/bugs): does a finding on the introducing patch name the
//                     function the fix touched? From the patch alone, and with the project's repository as the tree.
//   --tree-root ROOT  ROOT/<project> is that project's git repository (work tree or bare), for --bugs
//   --repo NAME=PATH  the repository of project NAME (repeatable; overrides --tree-root), for --bugs
//   --bugs-corpus     count and list the DL50xx findings on the corpus mboxes, per project
// Exit code 2 on bad usage or a missing bug-pair directory; otherwise 0 (these are reports, not checks).
var types = ArgValue("--type")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
var projects = ArgValue("--project")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
var showMisses = args.Contains("--misses");
var showExtra = args.Contains("--extra");
Func<string, bool>? projectFilter = projects is null ? null : p => projects.Contains(p);

if (args.Contains("--bugs")) return RunBugPairs();
if (args.Contains("--bugs-corpus"))
{
    Console.Write(ResourceCorpus.Run(ArgValue("--corpus") ?? FindCorpus(), projectFilter));
    return 0;
}

var corpus = ArgValue("--corpus") ?? FindCorpus();
var strictOnly = args.Contains("--strict");
var strictOracle = ArgValue("--strict-oracle") ?? StrictOracleCandidates(corpus).FirstOrDefault(File.Exists);
if (strictOnly && (strictOracle is null || !File.Exists(strictOracle)))
{
    return Usage("--strict needs a kernel oracle made with --strict: run scripts/checkpatch-oracle.sh --strict, or pass --strict-oracle FILE");
}

var explained = Oracle.LoadExplainedMisses(Oracle.ExplainedMissesPath);
var agreements = new List<TypeAgreement>();
if (!strictOnly) agreements.AddRange(Compare(Oracle.Load(corpus), strict: false, "## Without --strict (the corpus oracle)"));
if (strictOracle is not null) agreements.AddRange(Compare(Oracle.Load(corpus, strictOracle), strict: true, $"## With --strict (kernel oracle {strictOracle})"));
else Console.WriteLine("\n(no --strict comparison: run scripts/checkpatch-oracle.sh --strict to make its oracle)");

foreach (var agreement in agreements)
{
    if (showMisses)
    {
        foreach (var miss in agreement.Misses)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MISS  {miss.Type} {miss.PatchFile}:{miss.Line} {miss.Level}: {miss.Message}"));
        }
    }

    if (showExtra)
    {
        foreach (var extra in agreement.Extra)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"EXTRA {extra.Type} {extra.PatchFile}:{extra.Line} [{extra.RuleId}] {extra.Message}"));
        }
    }
}

return 0;

List<TypeAgreement> Compare(Oracle oracle, bool strict, string title)
{
    var all = Evaluation.Run(oracle, BuiltInRules.All, explained, projectFilter, strict);
    var shown = all.Where(a => types is null || types.Contains(a.Type)).ToList();
    Console.WriteLine(title);
    Console.WriteLine();
    Console.Write(AgreementTable.Format(shown));
    var files = oracle.Files.Where(f => projectFilter?.Invoke(f.Project) ?? true).ToList();
    Console.Write(AgreementTable.Summary(shown, files, strict ? "Totals with --strict" : "Totals"));
    Console.WriteLine();
    return shown;
}

static IEnumerable<string> StrictOracleCandidates(string corpus)
{
    var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
    yield return Path.Combine(cache, "difflint", "oracle", "checkpatch-kernel-strict.tsv");
    yield return Path.Combine(corpus, "oracle", "checkpatch-kernel-strict.tsv");
}

int RunBugPairs()
{
    var at = Array.IndexOf(args, "--bugs");
    string directory;
    try
    {
        directory = at + 1 < args.Length && !args[at + 1].StartsWith("--", StringComparison.Ordinal)
            ? args[at + 1]
            : Path.Combine(ArgValue("--corpus") ?? FindCorpus(), "bugs");
    }
    catch (InvalidOperationException ex)
    {
        return Usage(ex.Message);
    }

    if (!File.Exists(Path.Combine(directory, "index.tsv"))) return Usage($"{directory}: no index.tsv; expected the bug-pair directory (--bugs DIR)");

    var treeRoot = ArgValue("--tree-root");
    if (args.Contains("--tree-root") && (treeRoot is null || !Directory.Exists(treeRoot))) return Usage("--tree-root expects ROOT, an existing directory");
    var repositories = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i < args.Length; i++)
    {
        if (args[i] != "--repo") continue;
        var parts = i + 1 < args.Length ? args[i + 1].Split('=', 2) : [];
        if (parts.Length != 2 || parts[0].Length == 0 || !Directory.Exists(parts[1])) return Usage("--repo expects NAME=PATH, PATH an existing directory");
        repositories[parts[0]] = parts[1];
    }

    string? RepositoryOf(string project) =>
        repositories.GetValueOrDefault(project)
        ?? (treeRoot is not null && Directory.Exists(Path.Combine(treeRoot, project)) ? Path.Combine(treeRoot, project) : null);

    List<PairResult> results;
    try
    {
        results = BugPair.Load(directory)
            .Where(p => projectFilter?.Invoke(p.Project) ?? true)
            .Select(p => BugPairs.Evaluate(p, directory, RepositoryOf(p.Project)))
            .ToList();
    }
    catch (SourceTreeException ex)
    {
        return Usage($"a repository cannot serve as a tree: {ex.Message}");
    }

    Console.Write(BugPairs.Format(results));
    foreach (var r in results)
    {
        var errors = r.PatchAlone.InternalErrors + (r.WithTree?.InternalErrors ?? 0);
        if (errors > 0) Console.Error.WriteLine($"difflint-eval: {r.Pair.IntroPatch}: {errors} input or internal errors");
    }

    return 0;
}

static int Usage(string message)
{
    Console.Error.WriteLine("difflint-eval: " + message);
    return 2;
}

string? ArgValue(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string FindCorpus()
{
    for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "DiffLint.sln"))) return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus"));
    }

    throw new InvalidOperationException("run from inside the repository or pass --corpus DIR");
}
