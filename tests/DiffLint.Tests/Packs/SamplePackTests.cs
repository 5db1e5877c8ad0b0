using System.Diagnostics;
using System.Reflection;
using DiffLint.Cli;
using DiffLint.Core.Analysis;
using DiffLint.Core.Packs;
using DiffLint.Rules;

namespace DiffLint.Tests.Packs;

/// <summary>
/// <c>samples/DiffLint.Samples.Pack</c> built as its users build it: DiffLint.Api packed into a local feed, the sample
/// copied out of the repository and restored from that feed alone (what the feed lacks comes from the machine's NuGet
/// packages folder, so nothing is downloaded), then <c>dotnet build</c>. Once per test class: it takes a while.
/// </summary>
public sealed class SamplePackBuild : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("difflint-sample-").FullName;

    public SamplePackBuild()
    {
        var feed = Path.Combine(_folder, "feed");
        var api = Path.Combine(TestPaths.RepoRoot, "src", "DiffLint.Api", "DiffLint.Api.csproj");
        Dotnet(TestPaths.RepoRoot, "pack", api, "--no-build", "-c", Configuration, "-o", feed);

        var project = Directory.CreateDirectory(Path.Combine(_folder, "sample")).FullName;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "samples", "DiffLint.Samples.Pack")).Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal)))
            File.Copy(file, Path.Combine(project, Path.GetFileName(file)));
        File.WriteAllText(Path.Combine(project, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="difflint-api" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var output = Path.Combine(_folder, "out");
        Dotnet(project, "build", "-c", "Release", "-o", output, "--disable-build-servers", "-nodeReuse:false",
            $"-p:DiffLintApiVersion={ApiVersion}", $"-p:RestorePackagesPath={Path.Combine(_folder, "packages")}",
            $"-p:RestoreAdditionalProjectFallbackFolders={packages}");
        PackPath = Path.Combine(output, "DiffLint.Samples.Pack.dll");
    }

    /// <summary>The built sample pack.</summary>
    public string PackPath { get; }

    /// <summary>A scratch folder that lives as long as the fixture.</summary>
    public string Folder => _folder;

    private const string Configuration =
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    /// <summary>The version DiffLint.Api is packed at (the assembly's, without its source revision).</summary>
    private static string ApiVersion =>
        typeof(PatchRule).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    private static void Dotnet(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The test host's MSBuild settings would point the child build at the test's own SDK resolution.
        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(variable);
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} failed:\n{output.Result}{error.Result}");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

/// <summary>
/// The sample's dotnet build keeps both cores busy for a while: run alone, not beside the tests that time themselves
/// (LinearTimeTests) or whose rules' regex timeouts a loaded machine can trip.
/// </summary>
[CollectionDefinition(nameof(SamplePackCollection), DisableParallelization = true)]
public sealed class SamplePackCollection;

/// <summary>The sample pack and the sample single-file rule, loaded as users load them, report on a patch and are listed with their pack.</summary>
[Collection(nameof(SamplePackCollection))]
public sealed class SamplePackTests(SamplePackBuild sample) : IClassFixture<SamplePackBuild>
{
    private static readonly string SampleRules = Path.Combine(TestPaths.RepoRoot, "samples", "rules");

    private const string Patch = """
        From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001
        From: Ada Tester <ada@example.com>
        Subject: [PATCH] acme: copy the device name before retrying

        Copy the name before the device goes away.

        Signed-off-by: Ada Tester <ada@example.com>
        ---
        diff --git a/drivers/acme/dev.c b/drivers/acme/dev.c
        --- a/drivers/acme/dev.c
        +++ b/drivers/acme/dev.c
        @@ -10,4 +10,9 @@ static int acme_probe(struct acme_dev *dev)
         {
         	char name[16];
         
        +retry:
        +	/* TODO: handle the second bank */
        +	strcpy(name, dev->name);
        +	if (acme_busy(dev))
        +		goto retry;
         	return 0;
        -- 
        2.43.0

        """;

    private string WritePatch()
    {
        var path = Path.Combine(sample.Folder, "acme.patch");
        File.WriteAllText(path, Patch);
        return path;
    }

    [Fact]
    public void TheSamplePackReportsOnAPatch()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CommandLine.Run(["--no-tree", "--no-color", "--rules", sample.PackPath, WritePatch()], stdout, stderr);
        Assert.True(exit == 1, stderr.ToString());
        var output = stdout.ToString();
        Assert.Contains("drivers/acme/dev.c:15:2: error: strcpy() is banned in ACME code; call acme_strlcpy() instead [ACME001]", output);
        Assert.Contains("drivers/acme/dev.c:14:5: warning: Name who will do this: TODO(name): ... [ACME002]", output);
    }

    [Fact]
    public void TheSampleSingleFileRuleReportsOnAPatch()
    {
        var cache = Path.Combine(sample.Folder, "cli-cache");
        var (output, error) = RunDiffLint(cache, "--no-tree", "--no-color", "--rule-source", SampleRules, WritePatch());
        Assert.True(error == "", error);
        Assert.Contains("drivers/acme/dev.c:17:3: warning: Write the retry as a loop, not 'goto retry' [ACME101]", output);
        Assert.Single(Directory.GetFiles(Path.Combine(cache, "difflint", "rules"), "*.dll"));
    }

    /// <summary>The real difflint, with its compiled rules cached under <paramref name="cacheHome"/>.</summary>
    private (string Out, string Err) RunDiffLint(string cacheHome, params string[] arguments)
    {
        var start = new ProcessStartInfo(Git.GitSandbox.DiffLint) { WorkingDirectory = sample.Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["XDG_CACHE_HOME"] = cacheHome;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    [Fact]
    public void BothAreListedWithTheirPack()
    {
        var packs = RulePackConfiguration.Load(null, sample.Folder, [sample.PackPath], [SampleRules], sample.Folder, Path.Combine(sample.Folder, "cache"));
        var engine = new AnalysisEngine(BuiltInRules.All, packs: packs);
        var packOf = engine.Rules.ToDictionary(d => d.Id, engine.PackOf);
        Assert.Equal("DiffLint.Samples.Pack.dll", packOf["ACME001"]);
        Assert.Equal("DiffLint.Samples.Pack.dll", packOf["ACME002"]);
        Assert.Equal("GotoRetryRule.cs", packOf["ACME101"]);
        Assert.Equal(RulePack.BuiltInName, packOf["DL1001"]);
        Assert.Equal("https://acme.example/difflint/ACME001", engine.Rules.Single(d => d.Id == "ACME001").HelpUri);
    }
}
