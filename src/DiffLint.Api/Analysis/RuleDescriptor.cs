using System.Collections.Immutable;
using System.Globalization;
using DiffLint.Core.Profiles;
using Microsoft.CodeAnalysis;

namespace DiffLint.Core.Analysis;

/// <summary>
/// What a rule reports: its ID, title, message format, category, default severity and documentation, with the
/// checkpatch TYPE (kernel) and <c>Q_*</c> name (QEMU) it corresponds to where one exists. Modelled on Roslyn's
/// <see cref="DiagnosticDescriptor"/> (<see cref="Roslyn"/>) so the .editorconfig severity keys and tooling conventions carry over.
/// </summary>
public sealed class RuleDescriptor
{
    public const string HelpUriBase = "https://github.com/difflint/difflint/blob/main/docs/rules/";

    public RuleDescriptor(
        string id,
        string name,
        string title,
        string messageFormat,
        string category,
        Severity defaultSeverity,
        string documentation,
        string? checkpatchType = null,
        string? qemuCheckpatchType = null,
        bool isEnabledByDefault = true,
        bool offersFix = false,
        ImmutableArray<string> profiles = default,
        bool isStrict = false,
        ImmutableArray<RuleOption> options = default,
        string? helpUri = null,
        string? checkpatchMessage = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(messageFormat);
        ArgumentNullException.ThrowIfNull(category);
        CheckpatchMessageFormat = checkpatchMessage;
        IsStrict = isStrict;
        Options = options.IsDefault ? [] : options;
        Profiles = profiles.IsDefault ? [] : profiles;
        Id = id;
        Name = name;
        Documentation = documentation.Trim();
        CheckpatchType = checkpatchType;
        QemuCheckpatchType = qemuCheckpatchType;
        OffersFix = offersFix;
        Title = title;
        MessageFormat = messageFormat;
        Category = category;
        DefaultSeverity = defaultSeverity is Severity.Error or Severity.Warning ? defaultSeverity : Severity.Note;
        IsEnabledByDefault = isEnabledByDefault;
        HelpUri = helpUri ?? HelpUriBase + id + ".md";
    }

    // Made when first asked for, as the summary of the documentation: every run makes every descriptor (~330), and
    // few of them are ever shown.
    private DiagnosticDescriptor? _roslyn;
    private string? _description;

    public DiagnosticDescriptor Roslyn => LazyInitializer.EnsureInitialized(ref _roslyn, () => new DiagnosticDescriptor(Id, Title, MessageFormat,
        Category, ToRoslyn(DefaultSeverity), IsEnabledByDefault, description: Description, helpLinkUri: HelpUri,
        customTags: CheckpatchType is null ? [] : ["checkpatch:" + CheckpatchType]));

    public string Id { get; }

    /// <summary>A short kebab-case name (SARIF <c>rules[].name</c>, .editorconfig-friendly).</summary>
    public string Name { get; }

    public string Title { get; }
    public string MessageFormat { get; }
    public string Category { get; }

    /// <summary>Error, Warning or Note (any other severity given is a note, as Roslyn's Info).</summary>
    public Severity DefaultSeverity { get; }
    public bool IsEnabledByDefault { get; }
    /// <summary>Where the rule's documentation is read (SARIF <c>helpUri</c>): DiffLint's page by default, a rule pack's own when it gives one.</summary>
    public string HelpUri { get; }

    /// <summary>Markdown with the sections What it does / Why it matters / Example / Configuration.</summary>
    public string Documentation { get; }

    /// <summary>The first paragraph of <see cref="Documentation"/>'s "What it does".</summary>
    public string Description => _description ??= Summary(Documentation);

    public string? CheckpatchType { get; }

    /// <summary>
    /// The kernel script's wording of this finding where DiffLint words it differently, as a format over the same
    /// arguments as <see cref="MessageFormat"/> (it may leave some out); null when the messages are the same.
    /// <c>difflint checkpatch</c> and the checkpatch output format print it (<see cref="Diagnostic.CheckpatchMessage"/>).
    /// </summary>
    public string? CheckpatchMessageFormat { get; }
    public string? QemuCheckpatchType { get; }
    public bool OffersFix { get; }

    /// <summary>
    /// A check at checkpatch's CHECK level: it runs under <c>--strict</c> (<see cref="RuleConfiguration.Strict"/>), on
    /// the paths where the kernel script turns that level on by itself (<see cref="StrictPaths"/>), or when a
    /// severity is set for it by ID (a setting for its category or for all rules does not turn it on). Many netdev,
    /// staging and driver maintainers require these.
    /// </summary>
    public bool IsStrict { get; }

    /// <summary>The .editorconfig options the rule reads (listed in its documentation page's Configuration section).</summary>
    public ImmutableArray<RuleOption> Options { get; }

    /// <summary>The profiles this rule belongs to (QEMU's API rules, say); empty means every profile.</summary>
    public ImmutableArray<string> Profiles { get; }

    public bool AppliesTo(Profile profile) => Profiles.IsEmpty || Profiles.Contains(profile.Name, StringComparer.Ordinal);

    public string FormatMessage(params object?[] args)
    {
        if (args.Length == 0) return MessageFormat;
        // A token among the message's arguments is a report meant to be placed on it (Report(rule, token) on a context
        // without that overload binds the token to params): refused, so the rule fails with DL9001 instead of
        // reporting at the wrong place with "DiffLint.Core.CSyntax.CToken" in its message.
        foreach (var arg in args)
        {
            if (arg is CSyntax.CToken)
                throw new ArgumentException($"{Id}: a CToken was passed as a message argument; report on it with Report(rule, token, args)", nameof(args));
        }

        return string.Format(CultureInfo.InvariantCulture, MessageFormat, args);
    }

    public override string ToString() => Id;

    private static string Summary(string documentation)
    {
        var lines = documentation.Split('\n');
        var text = new List<string>();
        var inWhat = false;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (inWhat) break;
                inWhat = line.Contains("What it does", StringComparison.OrdinalIgnoreCase);
                continue;
            }

            if (!inWhat) continue;
            if (line.Length == 0 && text.Count > 0) break;
            if (line.Length > 0) text.Add(line.Trim());
        }

        return string.Join(' ', text);
    }

    internal static DiagnosticSeverity ToRoslyn(Severity severity) => severity switch
    {
        Severity.Error => DiagnosticSeverity.Error,
        Severity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };
}

/// <summary>
/// A setting a rule reads from .editorconfig through its context (<see cref="RuleOptions"/>), declared on its descriptor
/// so that its documentation page lists it. <see cref="OfRule"/> gives the usual key, <c>difflint.&lt;ID&gt;.&lt;name&gt;</c>
/// (<c>difflint.DL2007.max_line_length = 100</c>), which a <c>[glob]</c> section may set for some paths only.
/// </summary>
/// <param name="Key">The .editorconfig key.</param>
/// <param name="Default">What applies when it is not set, as the documentation says it.</param>
/// <param name="Description">What it sets, for the documentation.</param>
/// <param name="PerPath">
/// Read for the file a finding is about, so <c>[glob]</c> sections apply; false for a repository-wide setting, read
/// from the sections that apply at the top of the repository (<c>[*]</c>).
/// </param>
public sealed record RuleOption(string Key, string Default, string Description, bool PerPath = true)
{
    public static RuleOption OfRule(string ruleId, string name, string @default, string description) =>
        new($"difflint.{ruleId}.{name}", @default, description);
}
