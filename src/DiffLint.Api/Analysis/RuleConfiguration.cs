using System.Collections.Immutable;

namespace DiffLint.Core.Analysis;

/// <summary>
/// Which rules run and at what severity. Per-rule settings win over per-category settings, which win over the
/// descriptor's default (the precedence of .editorconfig's <c>dotnet_diagnostic.&lt;ID&gt;.severity</c> and
/// <c>dotnet_analyzer_diagnostic.category-&lt;C&gt;.severity</c>). A null severity means the rule is off.
/// </summary>
public sealed class RuleConfiguration
{
    public static readonly RuleConfiguration Default = new(ImmutableDictionary<string, Severity?>.Empty, ImmutableDictionary<string, Severity?>.Empty);

    private readonly ImmutableDictionary<string, Severity?> _byId;
    private readonly ImmutableDictionary<string, Severity?> _byCategory;

    public RuleConfiguration(ImmutableDictionary<string, Severity?> byId, ImmutableDictionary<string, Severity?> byCategory)
    {
        _byId = byId.WithComparers(StringComparer.OrdinalIgnoreCase);
        _byCategory = byCategory.WithComparers(StringComparer.OrdinalIgnoreCase);
    }

    public RuleConfiguration WithRule(string id, Severity? severity) =>
        new(_byId.SetItem(id, severity), _byCategory) { EditorConfig = EditorConfig, Strict = Strict };

    public RuleConfiguration WithCategory(string category, Severity? severity) =>
        new(_byId, _byCategory.SetItem(category, severity)) { EditorConfig = EditorConfig, Strict = Strict };

    /// <summary>The same settings, with the repository's .editorconfig files below them.</summary>
    public RuleConfiguration WithEditorConfig(EditorConfigSettings? settings) => new(_byId, _byCategory) { EditorConfig = settings, Strict = Strict };

    /// <summary>The same settings with checkpatch's <c>--strict</c> on or off.</summary>
    public RuleConfiguration WithStrict(bool strict) => new(_byId, _byCategory) { EditorConfig = EditorConfig, Strict = strict };

    /// <summary>
    /// checkpatch's <c>--strict</c>: the CHECK-level rules (<see cref="RuleDescriptor.IsStrict"/>) run on every file.
    /// Off, they run only under <see cref="StrictPaths"/> or when configured by ID or category.
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>True when a severity is set for <paramref name="rule"/> by ID or by category (not from its defaults).</summary>
    public bool IsConfigured(RuleDescriptor rule) => _byId.ContainsKey(rule.Id) || _byCategory.ContainsKey(rule.Category);

    /// <summary>Per-path settings from the repository's .editorconfig files, below the explicit settings above.</summary>
    public EditorConfigSettings? EditorConfig { get; init; }

    /// <summary>False when <paramref name="rule"/> is off for every path (an .editorconfig may turn it on or off per path).</summary>
    public bool MayReport(RuleDescriptor rule)
    {
        if (_byId.TryGetValue(rule.Id, out var byId)) return byId is not null;
        if (_byCategory.TryGetValue(rule.Category, out var byCategory)) return byCategory is not null;
        return EditorConfig is not null || rule.IsEnabledByDefault;
    }

    /// <summary>The severity to report <paramref name="rule"/> at, or null when it is disabled.</summary>
    public Severity? EffectiveSeverity(RuleDescriptor rule, string? path = null)
    {
        if (_byId.TryGetValue(rule.Id, out var byId)) return byId;
        if (_byCategory.TryGetValue(rule.Category, out var byCategory)) return byCategory;
        if (EditorConfig is not null && EditorConfig.TryGetSeverity(rule, path, out var configured)) return configured;
        if (rule.IsStrict && !Strict && !StrictPaths.Contains(path)) return null;
        return rule.IsEnabledByDefault ? rule.DefaultSeverity : null;
    }
}

/// <summary>
/// The paths where the kernel's checkpatch.pl reports CHECK-level findings without <c>--strict</c>: it sets its check
/// flag per file for <c>drivers/net/</c>, <c>net/</c> and <c>drivers/staging/</c>, whose maintainers ask for it.
/// </summary>
public static class StrictPaths
{
    public static bool Contains(string? path) =>
        path is not null
        && (path.StartsWith("drivers/net/", StringComparison.Ordinal) || path.StartsWith("net/", StringComparison.Ordinal)
            || path.StartsWith("drivers/staging/", StringComparison.Ordinal));
}
