namespace DiffLint.Tests;

/// <summary>Finds the repository root and the read-only <c>shared/</c> folder beside it.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>
    /// <c>../shared</c> relative to the repository root, or the folder DIFFLINT_SHARED names: pointing it at a folder that
    /// does not exist shows that every test reading it skips with its reason (as on a clone without it).
    /// </summary>
    public static string Shared { get; } =
        Path.GetFullPath(Environment.GetEnvironmentVariable("DIFFLINT_SHARED") is { Length: > 0 } shared ? shared : Path.Combine(RepoRoot, "..", "shared"));

    /// <summary>Whether <see cref="Shared"/> is there; tests that read it are skipped otherwise.</summary>
    public static bool HasShared => Directory.Exists(Shared);

    /// <summary>Why a test that reads <see cref="Shared"/> is skipped without it.</summary>
    public const string NoSharedReason = "needs ../shared beside the repository (see README set-up)";

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
