namespace DiffLint.Benchmarks;

/// <summary>Locates <c>../shared/corpus</c> beside the repository root (found by walking up to DiffLint.sln).</summary>
internal static class SharedCorpus
{
    private static readonly string Root = Find();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string Find()
    {
        var env = Environment.GetEnvironmentVariable("DIFFLINT_CORPUS");
        if (!string.IsNullOrEmpty(env)) return env;
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DiffLint.sln")))
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus"));
            }
        }

        throw new DirectoryNotFoundException("shared/corpus not found: run from the repository, or set DIFFLINT_CORPUS");
    }
}
