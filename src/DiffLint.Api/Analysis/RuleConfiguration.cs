namespace DiffLint.Core.Analysis;

/// <summary>
/// Which rules run and at what severity. Per-rule settings win over per-category settings, which win over the
/// descriptor's default (the precedence of .editorconfig's <c>dotnet_diagnostic.&lt;ID&gt;.severity</c> and
/// <c>dotnet_analyzer_diagnostic.category-&lt;C&gt;.severity</c>). As in Roslyn, a setting for a category or for all
/// rules applies only to the rules that are on: it never turns on a rule that is off by default, nor a CHECK-level
/// rule outside <c>--strict</c> and the <see cref="StrictPaths"/>; naming a rule by ID does. A null severity means the
/// rule is off.
/// </summary>
public sealed class RuleConfiguration
{
    public static readonly RuleConfiguration Default = new(NoSettings(), NoSettings());

    // Plain dictionaries, never changed once made (each With... copies): ImmutableDictionary over Severity? is generic
    // code a precompiled build lacks, and a one-patch run JIT-compiled eleven of its methods at every start.
    private readonly Dictionary<string, Severity?> _byId;
    private readonly Dictionary<string, Severity?> _byCategory;

    /// <param name="byId">Severities by rule ID (case ignored); null turns the rule off.</param>
    /// <param name="byCategory">Severities by category (case ignored), for the rules that are on.</param>
    public RuleConfiguration(IReadOnlyDictionary<string, Severity?> byId, IReadOnlyDictionary<string, Severity?> byCategory)
        : this(Copy(byId), Copy(byCategory))
    {
    }

    private RuleConfiguration(Dictionary<string, Severity?> byId, Dictionary<string, Severity?> byCategory)
    {
        _byId = byId;
        _byCategory = byCategory;
    }

    public RuleConfiguration WithRule(string id, Severity? severity) =>
        new(With(_byId, id, severity), _byCategory) { EditorConfig = EditorConfig, Strict = Strict };

    public RuleConfiguration WithCategory(string category, Severity? severity) =>
        new(_byId, With(_byCategory, category, severity)) { EditorConfig = EditorConfig, Strict = Strict };

    private static Dictionary<string, Severity?> NoSettings() => new(StringComparer.OrdinalIgnoreCase);

    private static Dictionary<string, Severity?> Copy(IReadOnlyDictionary<string, Severity?> settings)
    {
        // An empty one is not enumerated: its enumerator is one more type the precompiled build lacks.
        if (settings.Count == 0) return NoSettings();
        var copy = new Dictionary<string, Severity?>(settings.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, severity) in settings) copy[name] = severity;
        return copy;
    }

    private static Dictionary<string, Severity?> With(Dictionary<string, Severity?> settings, string name, Severity? severity) =>
        new(settings, StringComparer.OrdinalIgnoreCase) { [name] = severity };

    /// <summary>The same settings, with the repository's .editorconfig files below them.</summary>
    public RuleConfiguration WithEditorConfig(EditorConfigSettings? settings) => new(_byId, _byCategory) { EditorConfig = settings, Strict = Strict };

    /// <summary>The same settings with checkpatch's <c>--strict</c> on or off.</summary>
    public RuleConfiguration WithStrict(bool strict) => new(_byId, _byCategory) { EditorConfig = EditorConfig, Strict = strict };

    /// <summary>
    /// checkpatch's <c>--strict</c>: the CHECK-level rules (<see cref="RuleDescriptor.IsStrict"/>) run on every file.
    /// Off, they run only under <see cref="StrictPaths"/> or when configured by ID.
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>
    /// True when a severity is set for <paramref name="rule"/> by its ID, here (where the command line's names and TYPEs
    /// arrive as IDs) or in a section of the .editorconfig: what may turn a CHECK-level rule on outside <c>--strict</c>.
    /// </summary>
    public bool IsConfigured(RuleDescriptor rule) =>
        _byId.TryGetValue(rule.Id, out var byId) ? byId is not null : EditorConfig?.NamesRule(rule.Id) == true;

    /// <summary>Per-path settings from the repository's .editorconfig files, below the explicit settings above.</summary>
    public EditorConfigSettings? EditorConfig { get; init; }

    /// <summary>False when <paramref name="rule"/> is off for every path (an .editorconfig may turn it on or off per path).</summary>
    public bool MayReport(RuleDescriptor rule)
    {
        if (_byId.TryGetValue(rule.Id, out var byId)) return byId is not null;
        if (rule.IsEnabledByDefault && !rule.IsStrict && _byCategory.TryGetValue(rule.Category, out var byCategory)) return byCategory is not null;
        return EditorConfig is not null || rule.IsEnabledByDefault;
    }

    /// <summary>The severity to report <paramref name="rule"/> at, or null when it is disabled.</summary>
    public Severity? EffectiveSeverity(RuleDescriptor rule, string? path = null)
    {
        if (_byId.TryGetValue(rule.Id, out var byId)) return byId;
        var isOn = IsOn(rule, path);
        if (isOn && _byCategory.TryGetValue(rule.Category, out var byCategory)) return byCategory;
        if (EditorConfig is not null && EditorConfig.TryGetSeverity(rule, path, isOn, out var configured)) return configured;
        return isOn ? rule.DefaultSeverity : null;
    }

    /// <summary>The rule options that apply to <paramref name="path"/> (a patch path; null for the repository as a whole).</summary>
    public RuleOptions OptionsFor(string? path) => new(EditorConfig, path);

    /// <summary>Whether <paramref name="rule"/> reports at <paramref name="path"/> when nothing names it by ID.</summary>
    private bool IsOn(RuleDescriptor rule, string? path) => rule.IsEnabledByDefault && (!rule.IsStrict || Strict || StrictPaths.Contains(path));
}

/// <summary>
/// The values of <see cref="RuleOption"/>s for one path of a patch, from the repository's .editorconfig: what a rule reads
/// through its context (<c>context.Options.GetInt(MaxLineLength, profile.LineLengthWarning)</c>). Without an
/// .editorconfig every option has its default, at the cost of a null test.
/// </summary>
public readonly struct RuleOptions(EditorConfigSettings? settings, string? path)
{
    /// <summary>The option's value, or null when it is not set.</summary>
    public string? Get(RuleOption option) => settings?.Option(option.Key, option.PerPath ? path : null);

    /// <summary>The option as a whole number, or <paramref name="fallback"/> when it is not set or not a number.</summary>
    public int GetInt(RuleOption option, int fallback) =>
        Get(option) is { } value && int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : fallback;
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
