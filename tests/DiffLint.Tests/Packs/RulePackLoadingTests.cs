using DiffLint.Cli;
using DiffLint.Core.Analysis;
using DiffLint.Core.Packs;
using DiffLint.Rules;

namespace DiffLint.Tests.Packs;

/// <summary>
/// <c>--rules</c>: a pack's rules report beside the built-in ones; a broken pack is one line on stderr naming the pack
/// and what failed, and exit 2; a pack rule that throws while analysing is DL9001 and the other rules go on.
/// </summary>
public sealed class RulePackLoadingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("difflint-packs-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Pack(string name, params string[] classes) => TestPacks.Build(Path.Combine(_folder, name), TestPacks.Source(classes));

    private (int Exit, string Out, string Err) Run(string patch, params string[] args)
    {
        var input = Path.Combine(_folder, "input.patch");
        File.WriteAllText(input, patch);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CommandLine.Run([.. args, "--no-tree", "--no-color", input], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void APacksRulesReportBesideTheBuiltInOnes()
    {
        var pack = Pack("Acme.Rules.dll", TestPacks.CallRule("AcmeCallRule", "ACME901", "acme_legacy"));
        var (exit, output, error) = Run(TestPacks.Patch("acme_legacy"), "--rules", pack);
        Assert.Equal("", error);
        Assert.Equal(0, exit);
        Assert.Contains("lib/a.c:3:2: warning: Call to acme_legacy [ACME901]", output);

        var loaded = RulePackLoader.Load(pack, "Acme.Rules.dll");
        var engine = new AnalysisEngine(BuiltInRules.All, packs: [loaded]);
        var descriptor = Assert.Single(engine.Rules, d => d.Id == "ACME901");
        Assert.Equal("Acme.Rules.dll", engine.PackOf(descriptor));
        Assert.Equal(RulePack.BuiltInName, engine.PackOf(engine.Rules.First(d => d.Id == "DL2001")));
        Assert.Equal(RulePack.BuiltInName, engine.PackOf(AnalysisEngine.RuleFailure));
    }

    [Fact]
    public void APackRuleCanBeSelectedAndIgnoredByItsId()
    {
        var pack = Pack("Acme.Rules.dll", TestPacks.CallRule("AcmeCallRule", "ACME901", "acme_legacy"));
        Assert.DoesNotContain("ACME901", Run(TestPacks.Patch("acme_legacy"), "--rules", pack, "--ignore", "ACME901").Out);
        var selected = Run(TestPacks.Patch("acme_legacy"), "--rules", pack, "--select", "acme901-call");
        Assert.Contains("[ACME901]", selected.Out);
        Assert.Contains("1 patch checked (0 clean): 0 errors, 1 warning", selected.Out);
    }

    [Fact]
    public void AMissingPackExitsTwoNamingIt()
    {
        var missing = Path.Combine(_folder, "missing.dll");
        var (exit, output, error) = Run(TestPacks.Patch("f"), "--rules", missing);
        Assert.Equal(ExitCodes.UsageOrInput, exit);
        Assert.Equal("", output);
        Assert.Equal($"difflint: rule pack {missing}: no such file\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void AFileThatIsNotAnAssemblyExitsTwoNamingIt()
    {
        var junk = Path.Combine(_folder, "junk.dll");
        File.WriteAllText(junk, "not a PE image");
        var (exit, _, error) = Run(TestPacks.Patch("f"), "--rules", junk);
        Assert.Equal(ExitCodes.UsageOrInput, exit);
        Assert.Equal($"difflint: rule pack {junk}: not a .NET assembly\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void APackWithoutMarkedRulesExitsTwoSayingWhichClassLacksTheAttribute()
    {
        var pack = Pack("Unmarked.dll", TestPacks.CallRule("ForgottenRule", "ACME902", "f", marked: ""));
        var (exit, _, error) = Run(TestPacks.Patch("f"), "--rules", pack);
        Assert.Equal(ExitCodes.UsageOrInput, exit);
        Assert.Equal($"difflint: rule pack {pack}: no rules: ForgottenRule derives from PatchRule but lacks [DiffLintRule]\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ARuleWhoseInitializeThrowsExitsTwoNamingPackAndRule()
    {
        var pack = Pack("Throws.dll", TestPacks.CallRule("ThrowingRule", "ACME903", "f", initialize: "throw new InvalidOperationException(\"no table\");"));
        var (exit, output, error) = Run(TestPacks.Patch("f"), "--rules", pack);
        Assert.Equal(ExitCodes.UsageOrInput, exit);
        Assert.Equal("", output);
        Assert.Equal("difflint: rule pack Throws.dll: ThrowingRule failed to initialize: InvalidOperationException: no table\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void APackDeclaringAnIdAnotherRuleDeclaresExitsTwo()
    {
        var pack = Pack("Duplicate.dll", TestPacks.CallRule("DuplicateRule", "DL2001", "f"));
        var (exit, _, error) = Run(TestPacks.Patch("f"), "--rules", pack);
        Assert.Equal(ExitCodes.UsageOrInput, exit);
        Assert.Equal("difflint: rule pack Duplicate.dll: DuplicateRule declares DL2001, which TrailingWhitespaceRule (built-in) declares too\n",
            error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void APackRuleThatThrowsWhileAnalysingIsDL9001AndTheOtherRulesGoOn()
    {
        const string throwing = """
            [DiffLintRule]
            public sealed class CrashingRule : PatchRule
            {
                private static readonly RuleDescriptor Descriptor = new("ACME904", "acme-crash", "Crash", "Crash", "Api", Severity.Warning, "{{Documentation}}");

                public override ImmutableArray<RuleDescriptor> SupportedDiagnostics => [Descriptor];

                public override void Initialize(RuleRegistration registration) =>
                    registration.RegisterCallAction(_ => throw new InvalidOperationException("index out of step"), "acme_legacy");
            }
            """;
        var pack = Pack("Crashing.dll", throwing.Replace("{{Documentation}}", TestPacks.Documentation),
            TestPacks.CallRule("AcmeCallRule", "ACME901", "acme_legacy"));
        var (exit, output, _) = Run(TestPacks.Patch("acme_legacy"), "--rules", pack);
        Assert.Equal(ExitCodes.InternalError, exit);
        Assert.Contains("Rule CrashingRule (Crashing.dll) failed on this patch: InvalidOperationException: index out of step [DL9001]", output);
        Assert.Contains("Call to acme_legacy [ACME901]", output);
    }
}
