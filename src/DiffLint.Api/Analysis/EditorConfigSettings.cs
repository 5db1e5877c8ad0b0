using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace DiffLint.Core.Analysis;

/// <summary>
/// Rule severities and the profile from the repository's <c>.editorconfig</c> files, read with Roslyn's
/// <see cref="AnalyzerConfigSet"/> (sections, globs, <c>root = true</c>, deeper files winning). Keys, as in .NET:
/// <c>dotnet_diagnostic.DL2001.severity</c> (or the alias <c>difflint_diagnostic.DL2001.severity</c>),
/// <c>dotnet_analyzer_diagnostic.category-Style.severity</c>, <c>dotnet_analyzer_diagnostic.severity</c> (the last two
/// only for rules that are on without them: enabled by default, and not CHECK-level outside --strict), with the values error, warning, suggestion, silent, none, default; and
/// <c>difflint_profile = qemu</c>. Patch paths are relative to <see cref="Root"/>.
/// </summary>
/// <remarks>
/// Roslyn parses the files on the first question one of their keys can answer: most repositories' .editorconfig
/// (the kernel's, QEMU's, git's) sets only indentation, which DiffLint never asks about, and building Roslyn's view of
/// a file (its section globs become regexes) cost a git hook 50-65 ms of its ~150. A question about a key no file
/// holds (compared as Roslyn compares keys, ignoring case) has the answer "not set" without Roslyn.
/// </remarks>
public sealed class EditorConfigSettings
{
    private readonly ImmutableArray<string> _texts;

    // Every key of the files' property lines (what Roslyn could read as a key, and a little more), ignoring case.
    private readonly HashSet<string> _keys;

    // Some key sets a severity (dotnet_diagnostic., difflint_diagnostic., dotnet_analyzer_diagnostic.).
    private readonly bool _hasSeverityKeys;

    // The rule IDs some section sets a severity for (dotnet_diagnostic.ID.severity, difflint_diagnostic.ID.severity).
    // A HashSet filled once here and only read after (not ImmutableHashSet: its type initializers JIT-compile at every
    // start, and a hook in a repository with an .editorconfig reads this).
    private readonly HashSet<string> _namedRules;

    private RoslynView? _roslyn;

    private EditorConfigSettings(string root, ImmutableArray<string> files, ImmutableArray<string> texts, HashSet<string> namedRules)
    {
        Root = root;
        Files = files;
        _texts = texts;
        _namedRules = namedRules;
        _keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var text in texts) AddKeys(text, _keys);
        foreach (var key in _keys)
        {
            if (key.StartsWith("dotnet_diagnostic.", StringComparison.OrdinalIgnoreCase) || key.StartsWith("difflint_diagnostic.", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("dotnet_analyzer_diagnostic.", StringComparison.OrdinalIgnoreCase)) _hasSeverityKeys = true;
        }
    }

    /// <summary>The directory patch paths are relative to: the top of the repository, else the current directory.</summary>
    public string Root { get; }

    /// <summary>The .editorconfig files read, the deepest first.</summary>
    public ImmutableArray<string> Files { get; }

    /// <summary>
    /// Reads the <c>.editorconfig</c> of <paramref name="root"/> and those above it up to one that says
    /// <c>root = true</c>; null when there is none. Files deeper in the tree are not searched for: walking a kernel
    /// tree would cost a git hook more than its whole check (projects keep one at the top, with sections for paths).
    /// </summary>
    public static EditorConfigSettings? Load(string root)
    {
        root = Path.GetFullPath(root);
        var files = new List<string>();
        var texts = new List<string>();
        for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".editorconfig");
            if (!File.Exists(candidate)) continue;
            var text = File.ReadAllText(candidate);
            files.Add(candidate);
            texts.Add(text);
            if (IsRoot(text)) break;
        }

        if (files.Count == 0) return null;
        // Made only when there is a file: the immutable set's code is not all precompiled, and most runs have none.
        var namedRules = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var text in texts) namedRules.UnionWith(RulesNamedIn(text));
        return new EditorConfigSettings(root, [.. files], [.. texts], namedRules);
    }

    /// <summary>
    /// Adds the key of every property line of <paramref name="text"/> to <paramref name="keys"/>: the trimmed text
    /// before the first <c>=</c> or <c>:</c> of a line that is no comment or section, with lines broken where Roslyn
    /// breaks them (CR, LF, NEL, LS, PS). Every key Roslyn reads (<c>[\w.-]+</c> before <c>=</c> or <c>:</c>) is one of them.
    /// </summary>
    private static void AddKeys(string text, HashSet<string> keys)
    {
        for (var start = 0; start < text.Length;)
        {
            var end = start;
            while (end < text.Length && text[end] is not ('\r' or '\n' or '\u0085' or '\u2028' or '\u2029')) end++;
            var line = text.AsSpan(start, end - start).Trim();
            start = end + 1;
            var separator = line.IndexOfAny('=', ':');
            if (separator <= 0 || line[0] is '#' or ';' or '[') continue;
            keys.Add(line[..separator].TrimEnd().ToString());
        }
    }

    /// <summary>Whether some file has <paramref name="key"/> (ignoring case), so that Roslyn is asked for its value.</summary>
    private bool MaySet(string key) => _keys.Contains(key);

    /// <summary>Roslyn's view of the files, made on first use (thread-safe: concurrent first uses may each make one, one is kept).</summary>
    private RoslynView Roslyn => Volatile.Read(ref _roslyn) ?? Interlocked.CompareExchange(ref _roslyn, new RoslynView(Root, _texts, Files), null) ?? _roslyn!;

    /// <summary>Whether a section of the files sets a severity for the rule <paramref name="id"/> (whatever the paths and level).</summary>
    public bool NamesRule(string id) => _namedRules.Contains(id);

    /// <summary>The IDs of the <c>dotnet_diagnostic.ID.severity</c> and <c>difflint_diagnostic.ID.severity</c> keys of a file.</summary>
    private static IEnumerable<string> RulesNamedIn(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var separator = line.IndexOfAny(['=', ':']);
            if (separator <= 0 || line[0] is '#' or ';' or '[') continue;
            var key = line[..separator].TrimEnd();
            foreach (var prefix in SeverityKeyPrefixes)
            {
                if (key.Length > prefix.Length + SeverityKeySuffix.Length && key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                    && key.EndsWith(SeverityKeySuffix, StringComparison.OrdinalIgnoreCase))
                    yield return key[prefix.Length..^SeverityKeySuffix.Length];
            }
        }
    }

    private static readonly string[] SeverityKeyPrefixes = ["dotnet_diagnostic.", "difflint_diagnostic."];
    private const string SeverityKeySuffix = ".severity";

    /// <summary>Whether the preamble (the lines before the first section) says <c>root = true</c>.</summary>
    private static bool IsRoot(string text) =>
        text.Split('\n').TakeWhile(l => !l.TrimStart().StartsWith('[')).Any(l =>
            l.Replace(" ", "", StringComparison.Ordinal).Trim().Equals("root=true", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The configured severity of <paramref name="rule"/> for a file of the patch: false when nothing is configured. The
    /// category and all-rules keys count only when <paramref name="isOn"/> (the rule reports there without being named).
    /// </summary>
    public bool TryGetSeverity(RuleDescriptor rule, string? path, bool isOn, out Severity? severity)
    {
        severity = null;
        return _hasSeverityKeys && Roslyn.TryGetSeverity(rule, path, isOn, out severity);
    }

    /// <summary>The <c>difflint_profile</c> that applies at the repository root, if any.</summary>
    public string? Profile => MaySet(ProfileKey) && Roslyn.OptionsFor(null).AnalyzerOptions.TryGetValue(ProfileKey, out var name) ? name : null;

    private const string ProfileKey = "difflint_profile";

    /// <summary>An option that applies at the repository root (<c>difflint_resource_pairs = ...</c>), if set.</summary>
    public string? GlobalOption(string key) => Option(key, null);

    /// <summary>An option that applies to <paramref name="path"/> (a patch path; null: at the repository root), if set.</summary>
    public string? Option(string key, string? path) =>
        MaySet(key) && Roslyn.OptionsFor(path).AnalyzerOptions.TryGetValue(key, out var value) ? value.Trim() : null;

    /// <summary>
    /// <see cref="GlobalOption"/> with the folder of the .editorconfig that sets it (the deepest that does), for keys
    /// whose paths are relative to their file (<c>difflint_rule_packs</c>).
    /// </summary>
    internal (string Value, string Directory)? GlobalOptionWithDirectory(string key) => MaySet(key) ? Roslyn.GlobalOptionWithDirectory(key) : null;

    /// <summary>The files parsed by Roslyn, and the options per path asked for so far.</summary>
    private sealed class RoslynView
    {
        private readonly string _root;
        private readonly ImmutableArray<string> _files;
        private readonly ImmutableArray<AnalyzerConfig> _configs;
        private readonly AnalyzerConfigSet _set;
        private readonly ConcurrentDictionary<string, AnalyzerConfigOptionsResult> _byPath = new(StringComparer.Ordinal);

        public RoslynView(string root, ImmutableArray<string> texts, ImmutableArray<string> files)
        {
            _root = root;
            _files = files;
            var configs = ImmutableArray.CreateBuilder<AnalyzerConfig>(texts.Length);
            for (var i = 0; i < texts.Length; i++) configs.Add(AnalyzerConfig.Parse(texts[i], files[i]));
            _configs = configs.MoveToImmutable();
            _set = AnalyzerConfigSet.Create(_configs);
        }

        public bool TryGetSeverity(RuleDescriptor rule, string? path, bool isOn, out Severity? severity)
        {
            severity = null;
            var options = OptionsFor(path);
            if (options.TreeOptions.TryGetValue(rule.Id, out var byId) && byId != ReportDiagnostic.Default) return Map(byId, rule, out severity);
            if (options.AnalyzerOptions.TryGetValue($"difflint_diagnostic.{rule.Id}.severity", out var alias)) return Parse(alias, rule, out severity);
            if (!isOn) return false;
            if (options.AnalyzerOptions.TryGetValue($"dotnet_analyzer_diagnostic.category-{rule.Category}.severity", out var byCategory)) return Parse(byCategory, rule, out severity);
            if (options.AnalyzerOptions.TryGetValue("dotnet_analyzer_diagnostic.severity", out var all)) return Parse(all, rule, out severity);
            return false;
        }

        public (string Value, string Directory)? GlobalOptionWithDirectory(string key)
        {
            for (var i = 0; i < _configs.Length; i++)
            {
                var options = AnalyzerConfigSet.Create(ImmutableArray.Create(_configs[i])).GetOptionsForSourcePath(Path.Combine(_root, "_"));
                if (options.AnalyzerOptions.TryGetValue(key, out var value)) return (value, Path.GetDirectoryName(_files[i])!);
            }

            return null;
        }

        public AnalyzerConfigOptionsResult OptionsFor(string? path)
        {
            var relative = string.IsNullOrEmpty(path) ? "_" : path;
            return _byPath.GetOrAdd(relative, p => _set.GetOptionsForSourcePath(Path.Combine(_root, p)));
        }

        private static bool Parse(string value, RuleDescriptor rule, out Severity? severity)
        {
            var report = value.Trim().ToLowerInvariant() switch
            {
                "error" => ReportDiagnostic.Error,
                "warning" => ReportDiagnostic.Warn,
                "suggestion" => ReportDiagnostic.Info,
                "silent" or "refactoring" or "none" => ReportDiagnostic.Suppress,
                _ => ReportDiagnostic.Default,
            };
            severity = null;
            return report != ReportDiagnostic.Default && Map(report, rule, out severity);
        }

        private static bool Map(ReportDiagnostic report, RuleDescriptor rule, out Severity? severity)
        {
            severity = report switch
            {
                ReportDiagnostic.Error => Analysis.Severity.Error,
                ReportDiagnostic.Warn => Analysis.Severity.Warning,
                ReportDiagnostic.Info => Analysis.Severity.Note,
                ReportDiagnostic.Default => rule.DefaultSeverity,
                _ => null, // Hidden and Suppress: not reported
            };
            return true;
        }
    }

    /// <summary>The top of the git work tree containing <paramref name="directory"/> (where <c>.git</c> is), else the directory itself.</summary>
    public static string RootOf(string directory)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(directory)); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git"))) return dir.FullName;
        }

        return Path.GetFullPath(directory);
    }
}
