using System.Collections.Immutable;
using DiffLint.Core.Analysis;

namespace DiffLint.Core.Packs;

/// <summary>
/// The rule packs a run loads: assemblies named by <c>difflint_rule_packs</c> (paths relative to the .editorconfig
/// that sets it) or <c>--rules</c>, and the single-file rules (<c>*.cs</c>) of the folders named by
/// <c>difflint_rule_sources</c> or <c>--rule-source</c>. Only what the user configured is read, from disk as it is; a
/// patch that touches a pack, a rule file or the .editorconfig naming them is reviewed without that pack
/// (<see cref="RulePack.GuardedPaths"/>).
/// </summary>
public static class RulePackConfiguration
{
    /// <summary>The .editorconfig key naming rule pack assemblies (comma-separated).</summary>
    public const string PacksKey = "difflint_rule_packs";

    /// <summary>The .editorconfig key naming folders of single-file rules (comma-separated).</summary>
    public const string SourcesKey = "difflint_rule_sources";

    /// <summary>Loads the configured packs, the .editorconfig's first, in the order named.</summary>
    /// <param name="editorConfig">The repository's .editorconfig files, if any.</param>
    /// <param name="repositoryRoot">The directory patch paths are relative to.</param>
    /// <param name="packPaths">Assemblies named on the command line, relative to <paramref name="currentDirectory"/>.</param>
    /// <param name="sourceFolders">Folders of single-file rules named on the command line, relative to <paramref name="currentDirectory"/>.</param>
    /// <param name="currentDirectory">Where command-line paths are relative to, and errors name paths from.</param>
    /// <param name="cacheDirectory">Where compiled single-file rules are kept.</param>
    /// <exception cref="RulePackException">A pack is missing, broken or has no rule; <see cref="RuleSourceCompileException"/> for a rule file that does not compile.</exception>
    public static ImmutableArray<RulePack> Load(EditorConfigSettings? editorConfig, string repositoryRoot, IEnumerable<string> packPaths,
        IEnumerable<string> sourceFolders, string currentDirectory, string cacheDirectory)
    {
        var packs = ImmutableArray.CreateBuilder<RulePack>();
        var loaded = new HashSet<string>(StringComparer.Ordinal);
        var assemblies = new List<(string Path, IEnumerable<string> Guards)>();
        var folders = new List<(string Path, IEnumerable<string> Guards)>();
        if (editorConfig is not null)
        {
            string[] configFiles = [.. editorConfig.Files.Select(f => InRepository(repositoryRoot, f)).OfType<string>()];
            if (editorConfig.GlobalOptionWithDirectory(PacksKey) is { } named)
            {
                foreach (var path in Entries(named.Value, named.Directory)) assemblies.Add((path, [.. configFiles, .. Guard(repositoryRoot, path)]));
            }

            if (editorConfig.GlobalOptionWithDirectory(SourcesKey) is { } sources)
            {
                foreach (var path in Entries(sources.Value, sources.Directory)) folders.Add((path, [.. configFiles, .. Guard(repositoryRoot, path, folder: true)]));
            }
        }

        foreach (var path in packPaths.Select(p => Path.GetFullPath(p, currentDirectory))) assemblies.Add((path, Guard(repositoryRoot, path)));
        foreach (var path in sourceFolders.Select(p => Path.GetFullPath(p, currentDirectory))) folders.Add((path, Guard(repositoryRoot, path, folder: true)));

        foreach (var (path, guards) in assemblies)
        {
            if (loaded.Add(path)) packs.Add(RulePackLoader.Load(path, Display(path, currentDirectory), guards));
        }

        foreach (var (folder, guards) in folders)
        {
            if (!Directory.Exists(folder)) throw new RulePackException(Display(folder, currentDirectory), "no such folder of rule sources");
            string[] files;
            try
            {
                files = [.. Directory.EnumerateFiles(folder, "*.cs").Order(StringComparer.Ordinal)];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new RulePackException(Display(folder, currentDirectory), $"cannot be read: {ex.Message}", ex);
            }

            foreach (var file in files)
            {
                if (loaded.Add(file)) packs.Add(RuleSourceCompiler.Load(file, Display(file, currentDirectory), cacheDirectory, guards));
            }
        }

        return packs.ToImmutable();
    }

    private static IEnumerable<string> Entries(string value, string directory) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(e => Path.GetFullPath(e, directory));

    /// <summary>The path as a patch would name it (relative to the repository, '/'-separated), a folder ending with '/'; none outside the repository.</summary>
    private static string[] Guard(string repositoryRoot, string path, bool folder = false) =>
        InRepository(repositoryRoot, path) is { } relative ? [folder ? relative.TrimEnd('/') + "/" : relative] : [];

    private static string? InRepository(string repositoryRoot, string path)
    {
        var relative = Path.GetRelativePath(repositoryRoot, path);
        if (relative == "." || Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return null;
        return relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>How errors name a path: relative to the current directory when below it, else in full.</summary>
    private static string Display(string path, string currentDirectory)
    {
        var relative = Path.GetRelativePath(currentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
