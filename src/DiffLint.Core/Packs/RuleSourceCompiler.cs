using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DiffLint.Core.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace DiffLint.Core.Packs;

/// <summary>
/// Single-file rules: one C# file, compiled with Roslyn against the rule API and the framework's reference assemblies,
/// cached by content hash, and loaded like a rule pack of its own. The file is written as in a rule pack project
/// (the SDK's implicit usings, nullable on).
/// </summary>
public static class RuleSourceCompiler
{
    // Changes whenever what is compiled from the same text changes (the usings below, the options).
    private const string CompileRecipe = "difflint-rule-source-1";

    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary><c>$XDG_CACHE_HOME/difflint/rules</c>, else <c>~/.cache/difflint/rules</c>.</summary>
    public static string DefaultCacheDirectory
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var cache = !string.IsNullOrEmpty(xdg) && Path.IsPathFullyQualified(xdg) ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(cache, "difflint", "rules");
        }
    }

    /// <summary>Compiles (or takes from the cache) and loads the rule file at <paramref name="path"/>.</summary>
    /// <param name="path">The C# file.</param>
    /// <param name="displayPath">How errors name the file (compile errors start with it).</param>
    /// <param name="cacheDirectory">Where compiled rules are kept, by the hash of what they were compiled from.</param>
    /// <param name="guardedPaths">See <see cref="RulePack(string, IEnumerable{PatchRule}, IEnumerable{string})"/>.</param>
    /// <exception cref="RuleSourceCompileException">The file does not compile.</exception>
    /// <exception cref="RulePackException">The file cannot be read, or holds no usable rule.</exception>
    public static RulePack Load(string path, string displayPath, string cacheDirectory, IEnumerable<string>? guardedPaths = null)
    {
        byte[] source;
        try
        {
            source = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RulePackException(displayPath, ex is FileNotFoundException ? "no such file" : $"cannot be read: {ex.Message}", ex);
        }

        var hash = Hash(source);
        var cached = Path.Combine(cacheDirectory, hash + ".dll");
        var name = Path.GetFileName(path);
        var context = new RulePackLoadContext(name, mainAssemblyPath: null);
        System.Reflection.Assembly assembly;
        try
        {
            assembly = context.LoadFromAssemblyPath(cached);
        }
        catch (Exception ex) when (ex is FileNotFoundException or BadImageFormatException or FileLoadException)
        {
            // Not compiled yet, or the cached file is damaged: compile (again).
            var image = Compile(source, displayPath, "difflint-rule-" + hash[..16]);
            assembly = TryStore(image, cached) ? context.LoadFromAssemblyPath(cached) : context.LoadFromStream(new MemoryStream(image));
        }

        return new RulePack(name, RulePackLoader.FindRules(assembly, displayPath), guardedPaths);
    }

    /// <summary>The assembly image of a rule file; its errors as <c>file:line:col: error CSxxxx: message</c> otherwise.</summary>
    internal static byte[] Compile(byte[] source, string displayPath, string assemblyName)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var text = SourceText.From(source, source.Length, Encoding.UTF8, canBeEmbedded: true);
        var compilation = CSharpCompilation.Create(assemblyName,
            [CSharpSyntaxTree.ParseText(text, parse, displayPath), CSharpSyntaxTree.ParseText(ImplicitUsings, parse, "ImplicitUsings.g.cs")],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable, deterministic: true));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (result.Success) return image.ToArray();
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d =>
            {
                var span = d.Location.GetMappedLineSpan();
                var where = span.IsValid ? $"{span.Path}:{span.StartLinePosition.Line + 1}:{span.StartLinePosition.Character + 1}" : displayPath;
                return $"{where}: error {d.Id}: {d.GetMessage(CultureInfo.InvariantCulture)}";
            });
        throw new RuleSourceCompileException(displayPath, [.. errors]);
    }

    /// <summary>The cache key: the file's bytes, the rule API build it is compiled against, the compiler and the recipe.</summary>
    private static string Hash(byte[] source)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(source);
        sha.AppendData(typeof(PatchRule).Assembly.ManifestModule.ModuleVersionId.ToByteArray());
        sha.AppendData(Encoding.UTF8.GetBytes(typeof(CSharpCompilation).Assembly.GetName().Version + "\n" + CompileRecipe));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Writes the image to the cache (whole or not at all, so a parallel run never loads half a file); false when the cache cannot be written.</summary>
    private static bool TryStore(byte[] image, string cached)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
            var temporary = cached + "." + Environment.ProcessId + ".tmp";
            File.WriteAllBytes(temporary, image);
            File.Move(temporary, cached, overwrite: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The framework's reference assemblies (the runtime's own where no targeting pack is installed), the rule API and Roslyn's Microsoft.CodeAnalysis, whose types the API's signatures use.</summary>
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var api = typeof(PatchRule).Assembly;
        var paths = FrameworkReferencePaths().Append(api.Location).Append(typeof(LinePositionSpan).Assembly.Location);
        return [.. paths.Distinct(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }

    private static IEnumerable<string> FrameworkReferencePaths()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var version = Environment.Version;
        var packs = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", "packs", "Microsoft.NETCore.App.Ref"));
        if (Directory.Exists(packs))
        {
            var best = Directory.EnumerateDirectories(packs)
                .Select(d => (Directory: d, Version: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : null))
                .Where(d => d.Version is { } v && v.Major == version.Major && v.Minor == version.Minor)
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Directory, "ref", $"net{version.Major}.{version.Minor}"))
                .FirstOrDefault(Directory.Exists);
            if (best is not null) return Directory.EnumerateFiles(best, "*.dll");
        }

        var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return trusted.Where(p => string.Equals(Path.GetDirectoryName(p), runtime, StringComparison.Ordinal));
    }
}

/// <summary>A single-file rule that does not compile; <see cref="Errors"/> are the compiler's, one line each.</summary>
public sealed class RuleSourceCompileException(string file, IReadOnlyList<string> errors)
    : RulePackException(file, $"does not compile ({errors.Count} error{(errors.Count == 1 ? "" : "s")})")
{
    /// <summary>Each error as <c>file:line:col: error CSxxxx: message</c>.</summary>
    public IReadOnlyList<string> Errors { get; } = errors;
}
