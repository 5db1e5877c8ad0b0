using System.Collections.Immutable;
using System.Reflection;
using System.Text.RegularExpressions;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Rules;

namespace DiffLint.Tests.Rules;

/// <summary>
/// Rules are found, not listed: every rule class carries <see cref="DiffLintRuleAttribute"/>, every test folder and
/// every ID range names real descriptors, and every ID is tracked in a release file.
/// </summary>
public class RuleDiscoveryTests
{
    private static readonly Assembly BuiltIn = typeof(BuiltInRules).Assembly;

    /// <summary>Every descriptor DiffLint can report: the built-in rules', DL9001 (the engine's) and DL9002 (the reader's).</summary>
    private static ImmutableArray<RuleDescriptor> Declared { get; } =
        [.. new AnalysisEngine(BuiltInRules.All).Rules.Append(DiffLintRunner.ParserFailure).OrderBy(d => d.Id, StringComparer.Ordinal)];

    [Fact]
    public void EveryRuleClassOfTheBuiltInAssemblyIsMarkedAndFound()
    {
        var ruleClasses = BuiltIn.GetTypes().Where(t => t.IsClass && !t.IsAbstract && t.IsSubclassOf(typeof(PatchRule))).ToList();
        Assert.NotEmpty(ruleClasses);
        Assert.Empty(ruleClasses.Where(t => t.GetCustomAttribute<DiffLintRuleAttribute>() is null).Select(t => t.FullName));
        Assert.Empty(RuleDiscovery.Unmarked(BuiltIn));
        Assert.Equal(ruleClasses.Select(t => t.FullName).Order(StringComparer.Ordinal),
            BuiltInRules.All.Select(r => r.GetType().FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void BuiltInRulesAreInTheOrderOfTheIdsTheyDeclare()
    {
        var firstIds = BuiltInRules.All.Select(r => r.SupportedDiagnostics.Select(d => d.Id).Min(StringComparer.Ordinal)).ToList();
        Assert.Equal(firstIds.Order(StringComparer.Ordinal), firstIds);
    }

    [Fact]
    public void EveryTestdataRuleFolderNamesADeclaredId()
    {
        var ids = Declared.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var folders = Directory.EnumerateDirectories(Path.Combine(TestPaths.TestData, "rules")).Select(Path.GetFileName).ToList();
        Assert.NotEmpty(folders);
        Assert.DoesNotContain(folders, f => !ids.Contains(f!));
    }

    [Fact]
    public void ARuleThatReportsADescriptorItDidNotDeclareGetsDL9001AndTheOthersGoOn()
    {
        var patch = Assert.Single(TestRunner.ParseText(AddedLinePatch));
        var report = new AnalysisEngine([new UndeclaredReportRule(), new EveryAddedLineRule()]).Analyze(patch);
        var failure = Assert.Single(report.Diagnostics, d => d.Id == AnalysisEngine.RuleFailure.Id);
        Assert.Contains(nameof(UndeclaredReportRule), failure.Message);
        Assert.Contains("DL3994, which is not in its SupportedDiagnostics", failure.Message);
        Assert.DoesNotContain(report.Diagnostics, d => d.Id == "DL3994");
        Assert.Single(report.Diagnostics, d => d.Id == "DL3996");
    }

    [Fact]
    public void DiscoveryRefusesAMarkedClassItCannotMake()
    {
        var error = Assert.Throws<RuleDiscoveryException>(() => RuleDiscovery.Find(typeof(RuleDiscoveryTests).Assembly));
        Assert.Contains(nameof(MarkedRuleWithoutParameterlessConstructor), error.Message);
        Assert.Contains("no public parameterless constructor", error.Message);
    }

    /// <summary><c>docs/rule-ids.md</c>: each ID range with its categories; every descriptor falls in one, under a category listed there.</summary>
    [Fact]
    public void TheIdRangeTableMatchesTheDescriptors()
    {
        var path = Path.Combine(TestPaths.RepoRoot, "docs", "rule-ids.md");
        var row = new Regex(@"^\| (?<from>DL\d{4})[–-](?<to>DL\d{4}) \| [^|]+ \| (?<categories>[^|]+) \|$", RegexOptions.None, TimeSpan.FromSeconds(1));
        var ranges = File.ReadLines(path).Select(l => row.Match(l)).Where(m => m.Success).Select(m => (
            From: m.Groups["from"].Value, To: m.Groups["to"].Value,
            Categories: m.Groups["categories"].Value.Trim() == "—" ? [] : m.Groups["categories"].Value.Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal)))
            .ToList();
        Assert.True(ranges.Count >= 5, "docs/rule-ids.md has no table of ranges");
        for (var i = 1; i < ranges.Count; i++)
            Assert.True(string.CompareOrdinal(ranges[i - 1].To, ranges[i].From) < 0, $"{ranges[i - 1].From}–{ranges[i - 1].To} overlaps or follows {ranges[i].From}");

        var used = ranges.ToDictionary(r => r.From, _ => new HashSet<string>(StringComparer.Ordinal));
        foreach (var descriptor in Declared)
        {
            var range = ranges.Where(r => string.CompareOrdinal(r.From, descriptor.Id) <= 0 && string.CompareOrdinal(descriptor.Id, r.To) <= 0).ToList();
            Assert.True(range.Count == 1, $"{descriptor.Id} is in no range of docs/rule-ids.md");
            Assert.True(range[0].Categories.Contains(descriptor.Category),
                $"{descriptor.Id} is in category {descriptor.Category}, which docs/rule-ids.md does not list for {range[0].From}–{range[0].To}");
            used[range[0].From].Add(descriptor.Category);
        }

        foreach (var (from, to, categories) in ranges)
            Assert.True(categories.SetEquals(used[from]), $"{from}–{to} lists {string.Join(", ", categories)}; its rules are in {string.Join(", ", used[from].Order())}");
    }

    /// <summary>
    /// roslyn-analyzers' release tracking: every ID is in <c>AnalyzerReleases.Shipped.md</c> (a released version) or
    /// <c>AnalyzerReleases.Unshipped.md</c> (since the last release), once, with its category and default severity.
    /// </summary>
    [Fact]
    public void EveryDeclaredIdIsTrackedInAReleaseFile()
    {
        var folder = Path.Combine(TestPaths.RepoRoot, "rules", "DiffLint.Rules");
        var tracked = new Dictionary<string, (string Category, string Severity, string File)>(StringComparer.Ordinal);
        var row = new Regex(@"^(?<id>[A-Z]+\d+)\s*\|\s*(?<category>[^|]*?)\s*\|\s*(?<severity>[^|]*?)\s*\|", RegexOptions.None, TimeSpan.FromSeconds(1));
        foreach (var file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
        {
            foreach (var line in File.ReadLines(Path.Combine(folder, file)))
            {
                if (row.Match(line) is not { Success: true } m) continue;
                var id = m.Groups["id"].Value;
                Assert.True(tracked.TryAdd(id, (m.Groups["category"].Value, m.Groups["severity"].Value, file)), $"{id} is tracked twice");
            }
        }

        var missing = Declared.Where(d => !tracked.ContainsKey(d.Id)).Select(d => $"{d.Id} | {d.Category} | {TrackedSeverity(d)} | {d.Name}").ToList();
        Assert.True(missing.Count == 0, "add to rules/DiffLint.Rules/AnalyzerReleases.Unshipped.md:\n" + string.Join('\n', missing));
        foreach (var descriptor in Declared)
        {
            var (category, severity, file) = tracked[descriptor.Id];
            Assert.True(category == descriptor.Category && severity == TrackedSeverity(descriptor),
                $"{file} says {descriptor.Id} | {category} | {severity}; the descriptor says {descriptor.Category} | {TrackedSeverity(descriptor)}");
        }

        var declared = Declared.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(tracked.Keys, id => !declared.Contains(id));
    }

    // The release files use Roslyn's severity names (read by its release-tracking analyzer, RS2007): a note is Info.
    private static string TrackedSeverity(RuleDescriptor descriptor) =>
        !descriptor.IsEnabledByDefault ? "Disabled" : descriptor.DefaultSeverity == Severity.Note ? "Info" : descriptor.DefaultSeverity.ToString();

    private const string AddedLinePatch = """
        diff --git a/a.c b/a.c
        --- a/a.c
        +++ b/a.c
        @@ -1,2 +1,3 @@
         int keep;
        +int one;
         int end;
        """;

    private const string Documentation = "## What it does\nTest.\n\n## Why it matters\nTest.\n\n## Example\nTest.\n\n## Configuration\nNone.\n";

    /// <summary>Declares DL3995 but reports DL3994.</summary>
    private sealed class UndeclaredReportRule : PatchRule
    {
        private static readonly RuleDescriptor Declared = new("DL3995", "declared", "Declared", "Declared", "Style", Severity.Warning, Documentation);
        private static readonly RuleDescriptor Undeclared = new("DL3994", "undeclared", "Undeclared", "Undeclared", "Style", Severity.Warning, Documentation);

        public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Declared];

        public override void Initialize(RuleRegistration registration) =>
            registration.RegisterAddedLineAction(context => context.Report(Undeclared, 0, 1, null));
    }

    private sealed class EveryAddedLineRule : PatchRule
    {
        private static readonly RuleDescriptor Descriptor = new("DL3996", "every-line", "Every line", "Line", "Style", Severity.Warning, Documentation);

        public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

        public override void Initialize(RuleRegistration registration) =>
            registration.RegisterAddedLineAction(context => context.Report(Descriptor, 0, 1, null));
    }

    [DiffLintRule]
    private sealed class MarkedRuleWithoutParameterlessConstructor(int unused) : PatchRule
    {
        public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [];

        public override void Initialize(RuleRegistration registration) => _ = unused;
    }
}
