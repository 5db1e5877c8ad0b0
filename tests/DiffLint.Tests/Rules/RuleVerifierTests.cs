using System.Text;
using DiffLint.Core.Analysis;
using DiffLint.Core.Profiles;
using DiffLint.Rules;

namespace DiffLint.Tests.Rules;

/// <summary>
/// Verifier tests in the roslyn-analyzers style: each <c>testdata/rules/&lt;ID&gt;/&lt;case&gt;.&lt;ext&gt;</c> input sits beside
/// <c>&lt;case&gt;.expected</c>, the diagnostics of that rule (and only that rule) it must produce, one per line.
/// An empty .expected file is a negative case. A case named <c>&lt;case&gt;.&lt;profile&gt;.&lt;ext&gt;</c> (e.g. <c>tabs.qemu.patch</c>)
/// is checked under that profile; otherwise the profile is chosen from the patch as the CLI does. A case named
/// <c>&lt;case&gt;.strict.&lt;ext&gt;</c> or <c>&lt;case&gt;.&lt;profile&gt;.strict.&lt;ext&gt;</c> is checked with checkpatch's
/// <c>--strict</c> on (<see cref="RuleConfiguration.Strict"/>), which the CHECK-level rules need outside the strict paths.
/// A directory case <c>&lt;case&gt;/</c> (the files of one <c>git format-patch -o</c> run, say) is checked as one input
/// argument, the way <c>difflint dir/</c> reads it; each expected line then starts with the file it is reported in.
/// A <c>&lt;case&gt;.corpus</c> file names real mails of the shared corpus instead of copying them (one path relative
/// to <c>../shared/corpus</c> per line); several are checked as several input arguments, with file-prefixed expected
/// lines as for a directory case.
/// A <c>&lt;case&gt;.commits</c> file beside a file case stands in for the repository (see <see cref="FakeCommitLookup"/>).
/// A <c>&lt;case&gt;.editorconfig</c> file beside a file case is read as the repository's .editorconfig (rule options,
/// rules that are off by default).
/// <c>DIFFLINT_ACCEPT=1 dotnet test</c> rewrites the expected files.
/// </summary>
public class RuleVerifierTests
{
    private static readonly string RulesData = Path.Combine(TestPaths.TestData, "rules");
    private static readonly string[] InputExtensions = [".patch", ".diff", ".mbox", ".eml", ".json", ".corpus"];

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var ruleFolder in Directory.EnumerateDirectories(RulesData).Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.EnumerateFiles(ruleFolder).Order(StringComparer.Ordinal))
            {
                if (InputExtensions.Contains(Path.GetExtension(file))) data.Add(Path.GetRelativePath(RulesData, file));
            }

            foreach (var caseFolder in Directory.EnumerateDirectories(ruleFolder).Order(StringComparer.Ordinal))
                data.Add(Path.GetRelativePath(RulesData, caseFolder));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ProducesExactlyTheExpectedDiagnostics(string relativePath)
    {
        var input = Path.Combine(RulesData, relativePath);
        var ruleId = relativePath.Split(Path.DirectorySeparatorChar)[0];
        var isFolder = Directory.Exists(input);
        var inputs = Path.GetExtension(input) == ".corpus" ? CorpusFiles(input) : [input];
        var prefixFiles = isFolder || inputs.Length > 1;
        var caseName = isFolder ? Path.GetFileName(input) : Path.GetFileNameWithoutExtension(input);
        var strict = Path.GetExtension(caseName) == ".strict";
        if (strict) caseName = Path.GetFileNameWithoutExtension(caseName);
        var configuration = strict ? RuleConfiguration.Default.WithStrict(true) : null;
        var profile = BuiltInProfiles.Find(Path.GetExtension(caseName).TrimStart('.'));
        var commitsPath = Path.ChangeExtension(input, ".commits");
        var actual = new StringBuilder();
        if (!isFolder && File.Exists(commitsPath))
        {
            var diagnostics = TestRunner.AnalyzeWithCommits(input, profile, FakeCommitLookup.Load(commitsPath), configuration);
            foreach (var diagnostic in diagnostics.Where(d => d.Id == ruleId)) actual.Append(Format(diagnostic)).Append('\n');
        }
        else
        {
            var editorconfig = Path.ChangeExtension(input, ".editorconfig");
            if (!isFolder && File.Exists(editorconfig))
            {
                var fromFile = TestRunner.ConfigurationFromEditorConfig(File.ReadAllText(editorconfig));
                configuration = strict ? fromFile.WithStrict(true) : fromFile;
            }

            var result = TestRunner.RunFiles(profile, configuration, inputs);
            Assert.Empty(result.Errors);
            foreach (var report in result.Reports)
            {
                foreach (var diagnostic in report.Diagnostics.Where(d => d.Id == ruleId))
                {
                    if (prefixFiles) actual.Append(Path.GetFileName(report.Patch.Source.DisplayName)).Append(": ");
                    actual.Append(Format(diagnostic)).Append('\n');
                }
            }
        }

        var expectedPath = isFolder ? input + ".expected" : Path.ChangeExtension(input, ".expected");
        if (TestPaths.Accept)
        {
            File.WriteAllText(expectedPath, actual.ToString());
            return;
        }

        Assert.True(File.Exists(expectedPath), $"{expectedPath} is missing: run DIFFLINT_ACCEPT=1 dotnet test and review it");
        Assert.Equal(File.ReadAllText(expectedPath), actual.ToString());
    }

    /// <summary>The corpus files a <c>.corpus</c> case names ('#' starts a comment).</summary>
    private static string[] CorpusFiles(string casePath) =>
        File.ReadLines(casePath)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => Path.Combine(TestPaths.Corpus, l))
            .ToArray();

    [Fact]
    public void EveryRuleHasAPositiveTestCase()
    {
        foreach (var rule in BuiltInRules.All.SelectMany(r => r.SupportedDiagnostics))
        {
            var folder = Path.Combine(RulesData, rule.Id);
            Assert.True(Directory.Exists(folder), $"no test data for {rule.Id} in testdata/rules/{rule.Id}/");
            var positives = Directory.EnumerateFiles(folder, "*.expected").Count(f => new FileInfo(f).Length > 0);
            Assert.True(positives > 0, $"{rule.Id} has no test case that produces a diagnostic");
        }
    }

    /// <summary><c>path:line:col</c> for file findings, <c>input:LINE</c> for others; then severity, message and ID.</summary>
    internal static string Format(Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        var where = location.Kind == LocationKind.File
            ? $"{location.Path}:{location.Line}:{location.Column}-{location.EndColumn}"
            : $"{location.Kind.ToString().ToLowerInvariant()}@{location.InputLine}";
        var fix = diagnostic.Fix is { } f ? $" (fix: {f.Description})" : "";
        return $"{where}: {diagnostic.Severity.ToName()}: {diagnostic.Message} [{diagnostic.Id}]{fix}";
    }
}
