namespace DiffLint.Tests;

/// <summary>Finds the repository root and the read-only <c>shared/</c> folder beside it.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary><c>../shared</c> relative to the repository root.</summary>
    public static string Shared { get; } = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string Corpus => Path.Combine(Shared, "corpus");
    public static string Seeds => Path.Combine(Shared, "seeds");
    public static string TestData => Path.Combine(RepoRoot, "testdata");

    /// <summary>DIFFLINT_ACCEPT=1 makes golden-file tests rewrite their expected files instead of failing.</summary>
    public static bool Accept => Environment.GetEnvironmentVariable("DIFFLINT_ACCEPT") == "1";

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DiffLint.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("DiffLint.sln not found above " + AppContext.BaseDirectory);
    }
}
