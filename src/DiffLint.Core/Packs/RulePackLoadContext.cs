using System.Reflection;
using System.Runtime.Loader;
using DiffLint.Core.Analysis;

namespace DiffLint.Core.Packs;

/// <summary>
/// The load context of one rule pack. The rule API (DiffLint.Api) and the assemblies its types come from are the
/// host's, so the pack's <see cref="PatchRule"/> is the engine's; anything else the pack brings (a library of its own,
/// in the pack's folder and its <c>.deps.json</c>) is loaded here, apart from the host's and the other packs'. Not
/// collectible: a run keeps its rules to its end, and unloading would only cost the engine's calls a check.
/// </summary>
internal sealed class RulePackLoadContext(string name, string? mainAssemblyPath) : AssemblyLoadContext("difflint-pack:" + name)
{
    private static readonly HashSet<string> Shared = SharedAssemblies();

    private readonly AssemblyDependencyResolver? _resolver = mainAssemblyPath is null ? null : new AssemblyDependencyResolver(mainAssemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is null || Shared.Contains(assemblyName.Name)) return null;
        return _resolver?.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver?.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;

    /// <summary>The rule API and what it references (Roslyn's Microsoft.CodeAnalysis, the framework): one copy, the host's.</summary>
    private static HashSet<string> SharedAssemblies()
    {
        var api = typeof(PatchRule).Assembly;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { api.GetName().Name! };
        foreach (var reference in api.GetReferencedAssemblies())
        {
            if (reference.Name is { } referenced) names.Add(referenced);
        }

        return names;
    }
}
