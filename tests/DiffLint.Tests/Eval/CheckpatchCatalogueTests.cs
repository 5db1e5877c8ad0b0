using DiffLint.Core.Analysis;
using DiffLint.Eval;
using DiffLint.Rules;

namespace DiffLint.Tests.Eval;

/// <summary>
/// Every check of the kernel and QEMU checkpatch.pl gets a rule or a documented reason why not
/// (tests/DiffLint.Eval/unmapped-types.tsv), and docs/checkpatch-types.md shows both (DIFFLINT_ACCEPT=1 regenerates it).
/// </summary>
public class CheckpatchCatalogueTests
{
    private static readonly string CataloguePath = Path.Combine(TestPaths.Shared, "reference", "checkpatch-checks.md");

    private static IReadOnlyList<RuleDescriptor> Descriptors =>
        [.. BuiltInRules.All.SelectMany(r => r.SupportedDiagnostics)];

    [SharedFact]
    public void EveryCheckHasARuleOrAReason()
    {
        var entries = CheckpatchCatalogue.Load(CataloguePath);
        Assert.True(entries.Count(e => e.Tool == "kernel") >= 200, "the catalogue's kernel table was not read");
        Assert.True(entries.Count(e => e.Tool == "qemu") >= 100, "the catalogue's QEMU table was not read");
        var unmapped = CheckpatchCatalogue.LoadUnmapped(CheckpatchCatalogue.UnmappedTypesPath);
        var problems = new List<string>();
        foreach (var entry in entries)
        {
            var rules = CheckpatchCatalogue.RulesFor(entry, Descriptors);
            var reason = unmapped.FirstOrDefault(u => u.Tool == entry.Tool && u.Type == entry.Type);
            if (rules.Count == 0 && reason is null) problems.Add($"{entry.Tool} {entry.Type}: no rule and no reason in unmapped-types.tsv");
            if (rules.Count > 0 && reason is not null) problems.Add($"{entry.Tool} {entry.Type}: mapped to {string.Join(' ', rules)}, remove its reason from unmapped-types.tsv");
        }

        foreach (var reason in unmapped.Where(u => !entries.Any(e => e.Tool == u.Tool && e.Type == u.Type)))
        {
            problems.Add($"{reason.Tool} {reason.Type}: in unmapped-types.tsv but not in the catalogue");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [SharedFact]
    public void TheTableInDocsIsCurrent()
    {
        var text = CheckpatchCatalogue.Format(CheckpatchCatalogue.Load(CataloguePath),
            CheckpatchCatalogue.LoadUnmapped(CheckpatchCatalogue.UnmappedTypesPath), Descriptors);
        var path = Path.Combine(TestPaths.RepoRoot, "docs", "checkpatch-types.md");
        if (TestPaths.Accept) File.WriteAllText(path, text);
        Assert.True(File.Exists(path), $"{path} is missing; run the tests with DIFFLINT_ACCEPT=1 to create it");
        Assert.Equal(text, File.ReadAllText(path));
    }
}
