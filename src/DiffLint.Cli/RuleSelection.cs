using System.Collections.Immutable;
using DiffLint.Core.Analysis;

namespace DiffLint.Cli;

/// <summary>
/// The words that name rules on the command line, case-insensitively: a rule ID (<c>DL2001</c>), a rule name
/// (<c>trailing-whitespace</c>), a category (<c>Whitespace</c>), or a checkpatch TYPE, kernel (<c>LONG_LINE</c>) or
/// QEMU (<c>Q_LINE_LENGTH</c>). A TYPE names every rule whose descriptor carries it, a category every rule in it.
/// </summary>
public sealed class RuleNames
{
    public const string Expected = "a rule ID (DL2001), a rule name (trailing-whitespace), a category (Whitespace) or a checkpatch TYPE (LONG_LINE, Q_...)";

    // A Dictionary filled by a loop: every check run builds it, and a precompiled build lacks the code of an
    // ImmutableDictionary over these struct values made with LINQ (JIT-compiled at every start otherwise).
    private readonly Dictionary<string, ImmutableArray<RuleDescriptor>> _byWord;
    private readonly ImmutableHashSet<string> _categories;

    public RuleNames(IEnumerable<RuleDescriptor> rules)
    {
        var byWord = new Dictionary<string, List<RuleDescriptor>>(StringComparer.OrdinalIgnoreCase);
        var categories = ImmutableHashSet.CreateBuilder<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in rules)
        {
            categories.Add(rule.Category);
            foreach (var word in new[] { rule.Id, rule.Name, rule.Category, rule.CheckpatchType, rule.QemuCheckpatchType })
            {
                if (word is null) continue;
                if (!byWord.TryGetValue(word, out var named)) byWord[word] = named = [];
                if (!named.Contains(rule)) named.Add(rule);
            }
        }

        _byWord = new Dictionary<string, ImmutableArray<RuleDescriptor>>(byWord.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (word, named) in byWord) _byWord[word] = [.. named];
        _categories = categories.ToImmutable();
    }

    /// <summary>Whether <paramref name="word"/> is a category (<c>Whitespace</c>) rather than a rule's ID, name or TYPE.</summary>
    public bool IsCategory(string word) => _categories.Contains(word.Trim());

    /// <summary>The rules <paramref name="word"/> names; false when it names none.</summary>
    public bool TryResolve(string word, out ImmutableArray<RuleDescriptor> rules) => _byWord.TryGetValue(word.Trim(), out rules);

    /// <summary>The words of repeatable options that also take comma lists: <c>--ignore A,B --ignore C</c>.</summary>
    public static IEnumerable<string> Words(IEnumerable<string>? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

/// <summary>
/// <c>--select</c>, <c>--ignore</c>, <c>--severity</c> and <c>--strict</c>, resolved to rule IDs. They are laid over the
/// .editorconfig and the defaults: <c>--select</c> runs only the rules it names (turning on those that are off by
/// default or CHECK-level), <c>--ignore</c> turns rules off, and <c>--severity ID=LEVEL</c>, applied last, sets the
/// level of a rule (<c>none</c> turns it off). <c>--severity Category=LEVEL</c> is a setting for the category
/// (<see cref="CategorySeverities"/>): like .editorconfig's, it applies to the rules that are on and never turns on
/// one that is off by default or CHECK-level, and a rule's own setting wins over it.
/// </summary>
public sealed record RuleSelection(
    IReadOnlySet<string>? Selected,
    IReadOnlySet<string> Ignored,
    IReadOnlyDictionary<string, Severity?> Severities,
    bool Strict,
    bool TurnOnSelected = true)
{
    // Not ImmutableDictionary: over Severity? it is generic code a precompiled build lacks (see RuleConfiguration).
    // Declared before None, which reads it.
    private static readonly IReadOnlyDictionary<string, Severity?> NoLevels = new Dictionary<string, Severity?>();

    // A HashSet, not ImmutableHashSet<string>.Empty: every hook run makes None, and the immutable set's type
    // initializers JIT-compile two methods and took ~1.5 ms of the main thread's start-up (perf, published build).
    private static readonly IReadOnlySet<string> NoRules = new HashSet<string>();

    public static readonly RuleSelection None = new(null, NoRules, NoLevels, false);

    /// <summary>The levels <c>--severity</c> sets for whole categories.</summary>
    public IReadOnlyDictionary<string, Severity?> CategorySeverities { get; init; } = NoLevels;

    /// <summary>
    /// Resolves the option values; false with the offending word and what was expected in <paramref name="error"/>.
    /// </summary>
    public static bool TryParse(RuleNames names, IEnumerable<string>? select, IEnumerable<string>? ignore, IEnumerable<string>? severities,
        bool strict, out RuleSelection selection, out string? error)
    {
        selection = None;
        error = null;
        ImmutableHashSet<string>? selected = null;
        if (select is not null && RuleNames.Words(select).ToList() is { Count: > 0 } selectWords)
        {
            if (!TryResolveAll(names, selectWords, "--select", out selected, out error)) return false;
        }

        if (!TryResolveAll(names, RuleNames.Words(ignore), "--ignore", out var ignored, out error)) return false;

        var levels = new Dictionary<string, Severity?>(StringComparer.OrdinalIgnoreCase);
        var categoryLevels = new Dictionary<string, Severity?>(StringComparer.OrdinalIgnoreCase);
        foreach (var spec in RuleNames.Words(severities))
        {
            var equals = spec.IndexOf('=');
            var word = equals > 0 ? spec[..equals].Trim() : "";
            var levelName = equals > 0 ? spec[(equals + 1)..].Trim() : "";
            Severity? level;
            if (levelName.Equals("none", StringComparison.OrdinalIgnoreCase)) level = null;
            else if (SeverityNames.TryParse(levelName, out var parsed)) level = parsed;
            else
            {
                error = $"--severity expects RULE=LEVEL with LEVEL one of error, warning, note, none; got '{spec}'";
                return false;
            }

            if (!names.TryResolve(word, out var rules))
            {
                error = $"--severity {spec}: '{word}' names no rule; expected {RuleNames.Expected}";
                return false;
            }

            if (names.IsCategory(word))
            {
                categoryLevels[rules[0].Category] = level;
                continue;
            }

            foreach (var rule in rules) levels[rule.Id] = level;
        }

        selection = new RuleSelection(selected, ignored!, levels, strict) { CategorySeverities = categoryLevels };
        return true;
    }

    private static bool TryResolveAll(RuleNames names, IEnumerable<string> words, string option, out ImmutableHashSet<string>? ids, out string? error)
    {
        var builder = ImmutableHashSet.CreateBuilder<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var word in words)
        {
            if (!names.TryResolve(word, out var rules))
            {
                ids = null;
                error = $"{option} {word}: names no rule; expected {RuleNames.Expected}";
                return false;
            }

            foreach (var rule in rules) builder.Add(rule.Id);
        }

        ids = builder.ToImmutable();
        error = null;
        return true;
    }

    /// <summary>The configuration with these command-line settings over it.</summary>
    public RuleConfiguration ApplyTo(RuleConfiguration configuration, IEnumerable<RuleDescriptor> rules)
    {
        var result = Strict ? configuration.WithStrict(true) : configuration;
        // Not enumerated when empty (most runs): the empty enumerator is generic code the precompiled build lacks.
        if (CategorySeverities.Count > 0)
        {
            foreach (var (category, level) in CategorySeverities) result = result.WithCategory(category, level);
        }

        foreach (var rule in rules)
        {
            if (Severities.TryGetValue(rule.Id, out var level)) result = result.WithRule(rule.Id, level);
            else if (Ignored.Contains(rule.Id) || (Selected is not null && !Selected.Contains(rule.Id))) result = result.WithRule(rule.Id, null);
            else if (Selected is not null && TurnOnSelected) result = result.WithRule(rule.Id, rule.DefaultSeverity);
        }

        return result;
    }
}
