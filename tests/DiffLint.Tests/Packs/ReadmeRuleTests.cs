using System.Text;
using System.Text.RegularExpressions;
using DiffLint.Core.Analysis;
using DiffLint.Core.Packs;
using DiffLint.Rules;

namespace DiffLint.Tests.Packs;

/// <summary>The rule the README's "Writing a rule" shows compiles as a single-file rule and reports what it says.</summary>
public class ReadmeRuleTests
{
    [Fact]
    public void TheReadmesExampleRuleCompilesAndReports()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));
        var section = readme[readme.IndexOf("### Writing a rule", StringComparison.Ordinal)..];
        var code = Regex.Match(section, "```csharp\n(?<code>.*?)```", RegexOptions.Singleline, TimeSpan.FromSeconds(1)).Groups["code"].Value;
        Assert.Contains("[DiffLintRule]", code);

        var folder = Directory.CreateTempSubdirectory("difflint-readme-").FullName;
        try
        {
            var path = Path.Combine(folder, "ReadmeRule.dll");
            File.WriteAllBytes(path, RuleSourceCompiler.Compile(Encoding.UTF8.GetBytes(code), "README.md", "ReadmeRule"));
            var engine = new AnalysisEngine(BuiltInRules.All, packs: [RulePackLoader.Load(path, "README.md")]);
            var report = engine.Analyze(Assert.Single(TestRunner.ParseText("""
                diff --git a/drivers/acme/dev.c b/drivers/acme/dev.c
                --- a/drivers/acme/dev.c
                +++ b/drivers/acme/dev.c
                @@ -1,2 +1,4 @@
                 {
                +	p = kmalloc(n * sizeof(*p), GFP_KERNEL);
                +	q = kzalloc(sizeof(*q), GFP_KERNEL);
                 }
                """)));
            var finding = Assert.Single(report.Diagnostics, d => d.Id == "ACME003");
            Assert.Equal(2, finding.Location.Line);
            Assert.Equal("kmalloc(n * size, ...) can overflow; use kmalloc_array()", finding.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
