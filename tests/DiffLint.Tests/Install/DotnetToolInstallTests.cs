using System.Diagnostics;

namespace DiffLint.Tests.Install;

/// <summary>
/// DiffLint installs as a .NET tool: <c>dotnet pack</c> makes the package, <c>dotnet tool install --tool-path</c> takes it
/// from the pack output alone (a nuget.config that clears every other source, so the test runs offline), and the
/// installed <c>difflint</c> command checks a seed. The package is packed once, from the build the tests already made
/// (<c>--no-build</c>), into a temporary folder.
/// </summary>
public sealed class DotnetToolInstallTests : IClassFixture<DotnetToolInstallTests.InstalledTool>
{
    private readonly InstalledTool _tool;

    public DotnetToolInstallTests(InstalledTool tool) => _tool = tool;

    [Fact]
    public void ThePackageIsADotnetToolNamedDifflint()
    {
        Assert.True(File.Exists(Path.Combine(_tool.Packages, "difflint.0.1.0.nupkg")), _tool.Log);
        using var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(_tool.Packages, "difflint.0.1.0.nupkg"));
        var settings = package.Entries.Single(e => e.FullName.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal));
        using var reader = new StreamReader(settings.Open());
        Assert.Contains("<Command Name=\"difflint\"", reader.ReadToEnd());
    }

    [Fact]
    public void TheInstalledToolChecksASeed()
    {
        Assert.True(File.Exists(_tool.Command), _tool.Log);
        var seed = Path.Combine(TestPaths.Seeds, "000_c9045b006f83e695.txt");
        // Without ../shared, the bundled example (which has an error in it) stands in for the seed.
        var input = File.Exists(seed) ? seed : Path.Combine(TestPaths.TestData, "examples", "series.mbox");
        var (exit, output, error) = InstalledTool.Run(_tool.Command, TestPaths.RepoRoot, "--no-tree", "--no-color", input);

        Assert.True(exit == (File.Exists(seed) ? 0 : 1), error + output);
        Assert.Contains(File.Exists(seed) ? "[DL1030]" : "[DL1001]", output);
    }

    /// <summary>The package and the tool installed from it, made once for the class.</summary>
    public sealed class InstalledTool : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("difflint-tool-").FullName;

        public InstalledTool()
        {
            Packages = Path.Combine(_root, "packages");
            var toolPath = Path.Combine(_root, "tools");
            Command = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "difflint.exe" : "difflint");
            // The configuration the tests were built in: pack reuses that build instead of building again.
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                ? "Release" : "Debug";
            var project = Path.Combine(TestPaths.RepoRoot, "src", "DiffLint.Cli", "DiffLint.Cli.csproj");
            var pack = Run("dotnet", TestPaths.RepoRoot, "pack", project, "-c", configuration, "--no-build", "--nologo", "-o", Packages);
            var config = Path.Combine(_root, "nuget.config");
            File.WriteAllText(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="difflint-pack" value="{Packages}" />
                  </packageSources>
                </configuration>
                """);
            var install = Run("dotnet", _root, "tool", "install", "difflint", "--tool-path", toolPath, "--configfile", config, "--version", "0.1.0");
            Log = $"dotnet pack: {pack.Exit}\n{pack.Out}{pack.Err}\ndotnet tool install: {install.Exit}\n{install.Out}{install.Err}";
        }

        public string Packages { get; }

        public string Command { get; }

        /// <summary>What pack and install printed, for a failure message.</summary>
        public string Log { get; }

        public static (int Exit, string Out, string Err) Run(string program, string directory, params string[] arguments)
        {
            var start = new ProcessStartInfo(program)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                return (-1, output.Result, error.Result + "\n(timed out after 5 minutes)");
            }

            return (process.ExitCode, output.Result, error.Result);
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is not a test failure.
            }
        }
    }
}
