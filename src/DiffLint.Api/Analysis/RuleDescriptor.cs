using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DiffLint.Core.Profiles;
using Microsoft.CodeAnalysis;

namespace DiffLint.Core.Analysis;

/// <summary>
/// What a rule reports: its ID, title, message format, category, default severity and documentation, with the
/// checkpatch TYPE (kernel) and <c>Q_*</c> name (QEMU) it corresponds to where one exists. Built on Roslyn's
/// <see cref="DiagnosticDescriptor"/> so the .editorconfig severity keys and tooling conventions carry over.
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
        Roslyn = new DiagnosticDescriptor(id, title, messageFormat, category, ToRoslyn(defaultSeverity), isEnabledByDefault,
            description: Summary(Documentation), helpLinkUri: helpUri ?? HelpUriBase + id + ".md",
            customTags: checkpatchType is null ? [] : ["checkpatch:" + checkpatchType]);
    }

    public DiagnosticDescriptor Roslyn { get; }
    public string Id { get; }

    /// <summary>A short kebab-case name (SARIF <c>rules[].name</c>, .editorconfig-friendly).</summary>
    public string Name { get; }

    public string Title => Roslyn.Title.ToString();
    public string MessageFormat => Roslyn.MessageFormat.ToString();
    public string Category => Roslyn.Category;
    public Severity DefaultSeverity => FromRoslyn(Roslyn.DefaultSeverity);
    public bool IsEnabledByDefault => Roslyn.IsEnabledByDefault;
    /// <summary>Where the rule's documentation is read (SARIF <c>helpUri</c>): DiffLint's page by default, a rule pack's own when it gives one.</summary>
    public string HelpUri => Roslyn.HelpLinkUri;

    /// <summary>Markdown with the sections What it does / Why it matters / Example / Configuration.</summary>
    public string Documentation { get; }

    /// <summary>The first paragraph of <see cref="Documentation"/>'s "What it does".</summary>
    public string Description => Roslyn.Description.ToString();

    public string? CheckpatchType { get; }

    /// <summary>
    /// The kernel script's wording of this finding where DiffLint words it differently, as a format over the same
    /// arguments as <see cref="MessageFormat"/> (it may leave some out); null when the messages are the same.
    /// <c>difflint checkpatch</c> and the checkpatch output format print it (<see cref="CheckpatchMessage"/>).
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

    /// <summary>
    /// <paramref name="message"/> (a message of this rule) as the kernel script words it: the arguments read back
    /// from it by <see cref="MessageFormat"/> and put into <see cref="CheckpatchMessageFormat"/>. The message itself
    /// when the rule has no checkpatch wording or the message is not one of its format's (a rule that words some
    /// findings its own way).
    /// </summary>
    public string CheckpatchMessage(string message)
    {
        if (CheckpatchMessageFormat is null) return message;
        var arguments = _messageArguments ??= MessageArguments.Of(MessageFormat);
        return arguments.Read(message) is { } args
            ? string.Format(CultureInfo.InvariantCulture, CheckpatchMessageFormat, args)
            : message;
    }

    private MessageArguments? _messageArguments;

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

    internal static Severity FromRoslyn(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => Severity.Error,
        DiagnosticSeverity.Warning => Severity.Warning,
        _ => Severity.Note,
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

/// <summary>Reads the arguments of a composite format (<c>"Line is {0} columns, over the limit of {1}"</c>) back from a message made with it.</summary>
internal sealed class MessageArguments
{
    private readonly Regex _pattern;
    private readonly int _count;

    private MessageArguments(Regex pattern, int count)
    {
        _pattern = pattern;
        _count = count;
    }

    public static MessageArguments Of(string format)
    {
        var pattern = new StringBuilder("^");
        var count = 0;
        var literal = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if ((c == '{' || c == '}') && i + 1 < format.Length && format[i + 1] == c)
            {
                literal.Append(c);
                i++;
            }
            else if (c == '{' && format.IndexOf('}', i) is var close and > 0
                && int.TryParse(format.AsSpan(i + 1, close - i - 1).ToString().Split(':', ',')[0], NumberStyles.None,
                    CultureInfo.InvariantCulture, out var index))
            {
                pattern.Append(Regex.Escape(literal.ToString()));
                literal.Clear();
                // A repeated argument takes the text of its first place; later places match any text.
                pattern.Append("(?<a").Append(index.ToString(CultureInfo.InvariantCulture)).Append(">.*?)");
                count = Math.Max(count, index + 1);
                i = close;
            }
            else
            {
                literal.Append(c);
            }
        }

        pattern.Append(Regex.Escape(literal.ToString())).Append('$');
        return new MessageArguments(new Regex(pattern.ToString(),
            RegexOptions.Singleline | RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1)), count);
    }

    /// <summary>The arguments <paramref name="message"/> was made with, or null when the format does not make it.</summary>
    public object?[]? Read(string message)
    {
        var match = _pattern.Match(message);
        if (!match.Success) return null;
        var args = new object?[_count];
        for (var i = 0; i < _count; i++) args[i] = match.Groups["a" + i.ToString(CultureInfo.InvariantCulture)].Value;
        return args;
    }
}
