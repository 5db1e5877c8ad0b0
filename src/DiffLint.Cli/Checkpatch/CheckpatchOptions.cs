using System.Collections.Immutable;
using System.Globalization;

namespace DiffLint.Cli.Checkpatch;

/// <summary>
/// The command line of the kernel's scripts/checkpatch.pl, as its Getopt::Long reads it: <c>--name</c> or
/// <c>-name</c>, <c>--name=value</c> or <c>--name value</c>, <c>--no-name</c>/<c>--noname</c> for switches, and any
/// unambiguous abbreviation of a name. <see cref="Ignored"/> holds the options DiffLint accepts and does not act on,
/// each with the reason printed on stderr.
/// </summary>
public sealed record CheckpatchOptions
{
    public int Quiet { get; init; }
    public bool Verbose { get; init; }
    public bool Tree { get; init; } = true;
    public bool SignOff { get; init; } = true;
    public bool FixesTag { get; init; } = true;
    public bool Patch { get; init; } = true;
    public bool Emacs { get; init; }
    public bool Terse { get; init; }
    public bool ShowFile { get; init; }
    public bool File { get; init; }
    public bool Git { get; init; }
    public bool Strict { get; init; }
    public ImmutableArray<string> Ignore { get; init; } = [];
    public ImmutableArray<string> Types { get; init; } = [];
    public bool ShowTypes { get; init; }
    public bool ListTypes { get; init; }
    public int? MaxLineLength { get; init; }
    public int? TabSize { get; init; }
    public string? Root { get; init; }
    public bool Summary { get; init; } = true;
    public bool Mailback { get; init; }
    public bool SummaryFile { get; init; }
    public string Color { get; init; } = "auto";
    public string? TestOnly { get; init; }
    public bool Help { get; init; }

    /// <summary>DiffLint's own: the profile to check against (checkpatch knows only the kernel's conventions).</summary>
    public string? Profile { get; init; }

    public ImmutableArray<string> Files { get; init; } = [];

    /// <summary>Options accepted and not acted on, with why: printed on stderr so nothing changes silently.</summary>
    public ImmutableArray<string> Ignored { get; init; } = [];

    private enum Kind { Switch, Counter, Text, Number, List }

    private sealed record Spec(string Name, Kind Kind, Func<CheckpatchOptions, string?, CheckpatchOptions> Apply, string? Alias = null);

    private static CheckpatchOptions Ignoring(CheckpatchOptions o, string option, string reason) =>
        o with { Ignored = o.Ignored.Add($"{option} ignored: {reason}") };

    private static readonly Spec[] Specs =
    [
        new("quiet", Kind.Counter, (o, _) => o with { Quiet = o.Quiet + 1 }, "q"),
        new("verbose", Kind.Switch, (o, v) => o with { Verbose = On(v) }, "v"),
        new("tree", Kind.Switch, (o, v) => o with { Tree = On(v) }),
        new("signoff", Kind.Switch, (o, v) => o with { SignOff = On(v) }),
        new("fixes-tag", Kind.Switch, (o, v) => o with { FixesTag = On(v) }),
        new("patch", Kind.Switch, (o, v) => o with { Patch = On(v) }),
        new("emacs", Kind.Switch, (o, v) => o with { Emacs = On(v) }),
        new("terse", Kind.Switch, (o, v) => o with { Terse = On(v) }),
        new("showfile", Kind.Switch, (o, v) => o with { ShowFile = On(v) }),
        new("file", Kind.Switch, (o, v) => o with { File = On(v) }, "f"),
        new("git", Kind.Switch, (o, v) => o with { Git = On(v) }, "g"),
        new("subjective", Kind.Switch, (o, v) => o with { Strict = On(v) }),
        new("strict", Kind.Switch, (o, v) => o with { Strict = On(v) }),
        new("ignore", Kind.List, (o, v) => o with { Ignore = o.Ignore.Add(v!) }),
        new("types", Kind.List, (o, v) => o with { Types = o.Types.Add(v!) }),
        new("show-types", Kind.Switch, (o, v) => o with { ShowTypes = On(v) }),
        new("list-types", Kind.Switch, (o, v) => o with { ListTypes = On(v) }),
        new("max-line-length", Kind.Number, (o, v) => o with { MaxLineLength = int.Parse(v!, CultureInfo.InvariantCulture) }),
        new("min-conf-desc-length", Kind.Number, (o, _) => Ignoring(o, "--min-conf-desc-length",
            "no DiffLint rule reads a minimum length of Kconfig help text")),
        new("tab-size", Kind.Number, (o, v) => o with { TabSize = int.Parse(v!, CultureInfo.InvariantCulture) }),
        new("root", Kind.Text, (o, v) => o with { Root = v }),
        new("summary", Kind.Switch, (o, v) => o with { Summary = On(v) }),
        new("mailback", Kind.Switch, (o, v) => o with { Mailback = On(v) }),
        new("summary-file", Kind.Switch, (o, v) => o with { SummaryFile = On(v) }),
        new("fix", Kind.Switch, (o, v) => On(v) ? Ignoring(o, "--fix", "DiffLint never rewrites its inputs (the fixes it knows are in its SARIF and JSON output)") : o),
        new("fix-inplace", Kind.Switch, (o, v) => On(v) ? Ignoring(o, "--fix-inplace", "DiffLint never rewrites its inputs (the fixes it knows are in its SARIF and JSON output)") : o),
        new("ignore-perl-version", Kind.Switch, (o, v) => On(v) ? Ignoring(o, "--ignore-perl-version", "DiffLint does not run perl") : o),
        new("debug", Kind.List, (o, _) => Ignoring(o, "--debug", "it prints the perl script's internal parse values, which DiffLint does not have")),
        new("test-only", Kind.Text, (o, v) => o with { TestOnly = v }),
        new("codespell", Kind.Switch, (o, v) => On(v) ? Ignoring(o, "--codespell", "DiffLint does not read codespell's dictionary; its own rules report what they know of spelling") : o),
        new("codespellfile", Kind.Text, (o, _) => Ignoring(o, "--codespellfile", "DiffLint does not read codespell's dictionary")),
        new("typedefsfile", Kind.Text, (o, _) => Ignoring(o, "--typedefsfile", "DiffLint's C reader tells types from its tokens and needs no list of typedef names")),
        new("color", Kind.Text, (o, v) => o with { Color = v! }),
        new("no-color", Kind.Switch, (o, _) => o with { Color = "1" }),
        new("nocolor", Kind.Switch, (o, _) => o with { Color = "1" }),
        new("kconfig-prefix", Kind.Text, (o, _) => Ignoring(o, "--kconfig-prefix", "no DiffLint rule reads Kconfig symbols")),
        new("help", Kind.Switch, (o, _) => o with { Help = true }, "h"),
        new("version", Kind.Switch, (o, _) => o with { Help = true }),
        new("profile", Kind.Text, (o, v) => o with { Profile = v }),
    ];

    private static bool On(string? value) => value != "0";

    /// <summary>
    /// Parses <paramref name="args"/> (the words of .checkpatch.conf first, as the script puts them in front);
    /// false with checkpatch's own message ("Unknown option: x") in <paramref name="error"/>.
    /// </summary>
    public static bool TryParse(IReadOnlyList<string> args, out CheckpatchOptions options, out string? error)
    {
        options = new CheckpatchOptions();
        error = null;
        var files = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                files.AddRange(args.Skip(i + 1));
                break;
            }

            if (arg.Length < 2 || arg[0] != '-')
            {
                files.Add(arg);
                continue;
            }

            var body = arg.TrimStart('-');
            string? value = null;
            var equals = body.IndexOf('=');
            if (equals >= 0)
            {
                value = body[(equals + 1)..];
                body = body[..equals];
            }

            // The script turns a bare --color into --color=auto so that it does not take the next word.
            if (body == "color" && value is null) value = "auto";

            var negated = false;
            var spec = Find(body);
            if (spec is null && (body.StartsWith("no-", StringComparison.Ordinal) || body.StartsWith("no", StringComparison.Ordinal)))
            {
                var positive = body.StartsWith("no-", StringComparison.Ordinal) ? body[3..] : body[2..];
                spec = Find(positive) is { Kind: Kind.Switch } s ? s : null;
                negated = spec is not null;
            }

            if (spec is null)
            {
                error = $"Unknown option: {body}";
                return false;
            }

            if (spec.Kind is Kind.Text or Kind.Number or Kind.List)
            {
                if (value is null)
                {
                    if (i + 1 >= args.Count)
                    {
                        error = $"Option {body} requires an argument";
                        return false;
                    }

                    value = args[++i];
                }

                if (spec.Kind == Kind.Number && !int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    error = $"Value \"{value}\" invalid for option {body} (number expected)";
                    return false;
                }
            }
            else if (value is not null)
            {
                error = $"Option {body} does not take an argument";
                return false;
            }

            options = spec.Apply(options, negated ? "0" : value);
        }

        options = options with { Files = files.ToImmutable() };
        return true;
    }

    /// <summary>An option by its name, alias, or an abbreviation that fits one name only (as Getopt::Long allows).</summary>
    private static Spec? Find(string name)
    {
        if (name.Length == 0) return null;
        var exact = Specs.FirstOrDefault(s => s.Name == name || s.Alias == name);
        if (exact is not null) return exact;
        var prefixed = Specs.Where(s => s.Name.StartsWith(name, StringComparison.Ordinal)).ToList();
        return prefixed.Count == 1 ? prefixed[0] : null;
    }

    /// <summary>
    /// The words of a .checkpatch.conf, as the script reads them: one or more options per line, separated by
    /// whitespace; a line starting with '#' is a comment, and a word starting with '#' ends its line.
    /// </summary>
    public static IReadOnlyList<string> ConfigurationWords(string text)
    {
        var words = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#') continue;
            foreach (var word in trimmed.Split([' ', '\t', '\r', '\f', '\v'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (word[0] == '#') break;
                words.Add(word);
            }
        }

        return words;
    }

    /// <summary>
    /// The .checkpatch.conf the script would read: the first that exists of <c>./.checkpatch.conf</c>,
    /// <c>$HOME/.checkpatch.conf</c> and <c>.scripts/.checkpatch.conf</c> (relative to the current directory).
    /// </summary>
    public static string? FindConfiguration(string currentDirectory, string? home)
    {
        string?[] directories = [currentDirectory, home, Path.Combine(currentDirectory, ".scripts")];
        return directories
            .Where(d => !string.IsNullOrEmpty(d))
            .Select(d => Path.Combine(d!, ".checkpatch.conf"))
            .FirstOrDefault(System.IO.File.Exists);
    }
}
