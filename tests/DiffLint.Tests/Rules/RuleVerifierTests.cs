using System.Text;
using DiffLint.Core.Analysis;
using DiffLint.Core.Profiles;
using DiffLint.Rules;
using DiffLint.Tests.Rules.Markup;

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
/// A case may mark the findings it expects in place, Roslyn-style (<see cref="TestMarkup"/>): <c>{|DL3027:return|}</c>
/// in an added line expects a DL3027 finding covering <c>return</c>, <c>[|return|]</c> one of the folder's rule. The
/// marks are stripped before the case is read, and <see cref="MarkupVerifier"/> checks that the case's rule and the IDs
/// marked report exactly the marked spans. A marked case needs no .expected file; with one, the messages are checked too.
/// A <c>&lt;case&gt;.snippet</c> gives only the lines of its hunks and <see cref="PatchSnippet"/> writes the mail and
/// diff headers around them, with the counts (the profile and strict parts of its name work as for a patch).
/// <c>DIFFLINT_ACCEPT=1 dotnet test</c> rewrites the expected files (never a marked case's marks).
/// </summary>
public class RuleVerifierTests
{
    private static readonly string RulesData = Path.Combine(TestPaths.TestData, "rules");
    private static readonly string[] InputExtensions = [".patch", ".diff", ".mbox", ".eml", ".json", ".corpus", ".snippet"];

    public static TheoryData<string> Cases() => CasesWhere(path => Path.GetExtension(path) != ".corpus");

    /// <summary>The cases that name mails of the shared corpus: a theory of their own, skipped without <c>../shared</c>.</summary>
    public static TheoryData<string> CorpusCases() => CasesWhere(path => Path.GetExtension(path) == ".corpus");

    private static TheoryData<string> CasesWhere(Func<string, bool> include)
    {
        var data = new TheoryData<string>();
        foreach (var ruleFolder in Directory.EnumerateDirectories(RulesData).Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.EnumerateFiles(ruleFolder).Order(StringComparer.Ordinal))
            {
                if (InputExtensions.Contains(Path.GetExtension(file)) && include(file)) data.Add(Path.GetRelativePath(RulesData, file));
            }

            foreach (var caseFolder in Directory.EnumerateDirectories(ruleFolder).Order(StringComparer.Ordinal))
            {
                if (include(caseFolder)) data.Add(Path.GetRelativePath(RulesData, caseFolder));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ProducesExactlyTheExpectedDiagnostics(string relativePath) => Verify(relativePath);

    [SharedTheory]
    [MemberData(nameof(CorpusCases))]
    public void ProducesExactlyTheExpectedDiagnosticsOnCorpusMails(string relativePath) => Verify(relativePath);

    private static void Verify(string relativePath)
    {
        var input = Path.Combine(RulesData, relativePath);
        var ruleId = relativePath.Split(Path.DirectorySeparatorChar)[0];
        var isFolder = Directory.Exists(input);
        var caseName = isFolder ? Path.GetFileName(input) : Path.GetFileNameWithoutExtension(input);
        var strict = Path.GetExtension(caseName) == ".strict";
        if (strict) caseName = Path.GetFileNameWithoutExtension(caseName);
        var configuration = strict ? RuleConfiguration.Default.WithStrict(true) : null;
        var profile = BuiltInProfiles.Find(Path.GetExtension(caseName).TrimStart('.'));
        var expectedPath = isFolder ? input + ".expected" : Path.ChangeExtension(input, ".expected");

        // A case with markup is checked without its marks, from a copy of the same name (a snippet's as a .patch).
        var marked = isFolder ? null : MarkedText(input);
        var (text, spans) = marked is null ? ("", []) : TestMarkup.Parse(marked);
        var scratch = marked is null ? null : Directory.CreateTempSubdirectory("difflint-case-").FullName;
        try
        {
            var analysed = input;
            if (scratch is not null)
            {
                var extension = Path.GetExtension(input) == ".snippet" ? ".patch" : Path.GetExtension(input);
                analysed = Path.Combine(scratch, Path.GetFileNameWithoutExtension(input) + extension);
                File.WriteAllText(analysed, text);
            }

            var inputs = Path.GetExtension(input) == ".corpus" ? CorpusFiles(input) : [analysed];
            var prefixFiles = isFolder || inputs.Length > 1;
            var findings = new List<(string Input, Diagnostic Diagnostic)>();
            var commitsPath = Path.ChangeExtension(input, ".commits");
            if (!isFolder && File.Exists(commitsPath))
            {
                foreach (var diagnostic in TestRunner.AnalyzeWithCommits(analysed, profile, FakeCommitLookup.Load(commitsPath), configuration))
                    findings.Add((analysed, diagnostic));
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
                    foreach (var diagnostic in report.Diagnostics) findings.Add((report.Patch.Source.DisplayName, diagnostic));
                }
            }

            if (marked is not null) MarkupVerifier.Check(ruleId, relativePath, text, spans, [.. findings.Select(f => f.Diagnostic)]);

            // A marked case may do without a golden; with one, its messages are checked too.
            if (marked is not null && !File.Exists(expectedPath)) return;
            var actual = new StringBuilder();
            foreach (var (name, diagnostic) in findings.Where(f => f.Diagnostic.Id == ruleId))
            {
                if (prefixFiles) actual.Append(Path.GetFileName(name)).Append(": ");
                actual.Append(Format(diagnostic)).Append('\n');
            }

            if (TestPaths.Accept)
            {
                File.WriteAllText(expectedPath, actual.ToString());
                return;
            }

            Assert.True(File.Exists(expectedPath), $"{expectedPath} is missing: run DIFFLINT_ACCEPT=1 dotnet test and review it");
            Assert.Equal(File.ReadAllText(expectedPath), actual.ToString());
        }
        finally
        {
            if (scratch is not null) Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>
    /// The case's text with its marks (a snippet rendered as its patch), or null for a case without markup, which is
    /// read as it is: corpus mails, Patchwork JSON and binary inputs are never rewritten.
    /// </summary>
    private static string? MarkedText(string input)
    {
        var extension = Path.GetExtension(input);
        if (extension == ".snippet") return PatchSnippet.Render(File.ReadAllText(input));
        if (extension is ".corpus" or ".json") return null;
        var text = File.ReadAllText(input);
        return TestMarkup.HasMarkup(text) ? text : null;
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
            var positives = Directory.EnumerateFiles(folder, "*.expected").Count(f => new FileInfo(f).Length > 0)
                + Directory.EnumerateFiles(folder).Where(f => InputExtensions.Contains(Path.GetExtension(f)))
                    .Count(f => MarkedText(f) is { } text && TestMarkup.Parse(text).Spans.Any(s => (s.RuleId ?? rule.Id) == rule.Id));
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
