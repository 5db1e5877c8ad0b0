using System.Globalization;
using DiffLint.Eval;
using DiffLint.Rules;

// difflint-eval: DiffLint against the checkpatch oracle of the shared corpus, per checkpatch TYPE.
//   --corpus DIR      the corpus (default: ../shared/corpus beside the repository)
//   --type T1,T2      only these TYPEs
//   --project P1,P2   only these projects (bluez, iproute2, u-boot, util-linux, git, watchdog, seabios, libslirp)
//   --misses          list the oracle rows DiffLint missed
//   --extra           list DiffLint's findings checkpatch does not have
var corpus = ArgValue("--corpus") ?? FindCorpus();
var types = ArgValue("--type")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
var projects = ArgValue("--project")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
var showMisses = args.Contains("--misses");
var showExtra = args.Contains("--extra");

var oracle = Oracle.Load(corpus);
var agreements = Evaluation.Run(oracle, BuiltInRules.All, Oracle.LoadExplainedMisses(Oracle.ExplainedMissesPath), projects is null ? null : p => projects.Contains(p))
    .Where(a => types is null || types.Contains(a.Type))
    .ToList();
Console.Write(AgreementTable.Format(agreements));

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
