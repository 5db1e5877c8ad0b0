using System.Collections.Immutable;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Git;
using DiffLint.Core.Model;
using DiffLint.Core.Profiles;
using DiffLint.Core.Reading;
using DiffLint.Core.Trees;
using DiffLint.Reporting;

namespace DiffLint.Cli.Checkpatch;

/// <summary>
/// <c>difflint checkpatch [options] [FILE...]</c>: the kernel's scripts/checkpatch.pl command line, output and exit
/// codes (0 clean, 1 when anything was reported), so that a bot or a b4 setup switches by changing the path it runs.
/// docs/checkpatch.md lists what happens to each of the script's options.
/// </summary>
public static class CheckpatchCommand
{
    private const string Name = "difflint checkpatch";

    /// <summary>The TYPEs that checkpatch's --no-signoff and --no-fixes-tag turn off.</summary>
    private static readonly string[] SignOffTypes = ["MISSING_SIGN_OFF", "NO_AUTHOR_SIGN_OFF", "FROM_SIGN_OFF_MISMATCH"];

    private static readonly string[] FixesTagTypes = ["MISSING_FIXES_TAG"];

    /// <summary>
    /// The TYPEs the script lowers to CHECK for --file (so they show only with --strict): long lines, spelling, the
    /// FSF address, SPDX tags, BUG() and fall-through comments are judged more leniently in whole files than in new code.
    /// </summary>
    private static readonly string[] CheckedOnlyInSourceFiles =
    [
        "LONG_LINE", "LONG_LINE_STRING", "LONG_LINE_COMMENT", "TYPO_SPELLING", "FSF_MAILING_ADDRESS", "SPDX_LICENSE_TAG", "AVOID_BUG",
        "PREFER_FALLTHROUGH",
    ];

    /// <summary>The TYPEs about a patch's files being added or moved, which a whole source file (--file) never is.</summary>
    private static readonly string[] PatchOnlyTypes = ["FILE_PATH_CHANGES"];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<Stream>? standardInput = null) =>
        Run(args, stdout, stderr, standardInput, Environment.CurrentDirectory, Environment.GetEnvironmentVariable("HOME"));

    /// <summary>
    /// The <c>checkpatch</c> command. Its words are the script's (Getopt::Long syntax, its own <c>--help</c>), so the
    /// command declares none: its action takes every word after <c>checkpatch</c> as it was given.
    /// </summary>
    public static Command Create(TextWriter stdout, TextWriter stderr, Func<Stream>? standardInput)
    {
        var command = new Command("checkpatch",
            "Run as the kernel's scripts/checkpatch.pl: its options, its output, its exit codes (see 'difflint checkpatch --help' and docs/checkpatch.md).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(parse =>
        {
            var words = parse.Tokens.SkipWhile(t => t.Type != TokenType.Command || t.Value != command.Name).Skip(1).Select(t => t.Value);
            return Run([.. words], stdout, stderr, standardInput);
        });
        return command;
    }

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<Stream>? standardInput, string currentDirectory, string? home)
    {
        var words = new List<string>();
        if (CheckpatchOptions.FindConfiguration(currentDirectory, home) is { } configuration)
        {
            try
            {
                words.AddRange(CheckpatchOptions.ConfigurationWords(File.ReadAllText(configuration)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"{Name}: Can't find a readable .checkpatch.conf file {ex.Message}");
            }
        }

        words.AddRange(args);
        if (!CheckpatchOptions.TryParse(words, out var options, out var error))
        {
            stderr.WriteLine(error);
            stdout.Write(Usage);
            return ExitCodes.Findings; // the script's exit code for an unknown option
        }

        if (options.Help)
        {
            stdout.Write(Usage);
            return ExitCodes.Clean;
        }

        // Under -q the notices are not printed: b4 runs the script with -q (and --codespell) and counts every line on
        // stderr as a failed check.
        var notices = options.Quiet > 0 ? TextWriter.Null : stderr;
        foreach (var ignored in options.Ignored) notices.WriteLine($"{Name}: {ignored}");
        if (Contradiction(options) is { } contradiction)
        {
            stderr.WriteLine($"{Name}: {contradiction}");
            return ExitCodes.UsageOrInput;
        }

        var rules = CommandLine.Descriptors;
        if (options.ListTypes)
        {
            ListTypes(rules, options.Verbose, stdout);
            return ExitCodes.Clean;
        }

        var names = new RuleNames(rules);
        var selection = Selection(options, names, notices);
        if (ProfileOf(options, stderr) is not { } profile) return ExitCodes.UsageOrInput;
        var color = options.Color.ToLowerInvariant() switch
        {
            "0" or "always" => true,
            "1" or "never" => false,
            "auto" => ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected,
            _ => (bool?)null,
        };
        if (color is null)
        {
            stderr.WriteLine($"{Name}: Invalid color mode: {options.Color}");
            return ExitCodes.UsageOrInput;
        }

        var files = options.Files.IsEmpty ? ["-"] : options.Files;
        var inputs = new List<InputSource>();
        var inputNames = new Dictionary<int, string>();
        var texts = new Dictionary<int, byte[]>();
        GitRepository? repository;
        try
        {
            repository = GitRepository.Discover(currentDirectory);
            if (options.Git)
            {
                if (!ReadCommits(files, repository, inputs, inputNames, texts, stderr)) return ExitCodes.UsageOrInput;
            }
            else if (!ReadFiles(files, currentDirectory, options.File, inputs, texts, standardInput, stderr)) return ExitCodes.UsageOrInput;
        }
        catch (GitUnavailableException ex)
        {
            stderr.WriteLine($"{Name}: {ex.Message}");
            return ExitCodes.UsageOrInput;
        }

        if (inputs.Count == 0) return ExitCodes.Clean; // the script keeps quiet when it read nothing

        SourceTree? sourceTree;
        try
        {
            sourceTree = options.Root is { } root ? SourceTree.Open(Path.Combine(currentDirectory, root))
                : options.Tree && repository is not null ? SourceTree.ForRepository(repository)
                : null;
        }
        catch (SourceTreeException ex)
        {
            stderr.WriteLine($"{Name}: {options.Root}: --root does not point at a valid tree: {ex.Message}");
            return ExitCodes.UsageOrInput;
        }

        using (sourceTree)
        {
            if (CommandLine.CreateEngine(profile, selection, stderr, currentDirectory, "difflint checkpatch") is not { } engine) return ExitCodes.UsageOrInput;
            using var commits = repository is null ? null : new GitCommitLookup(repository);
            var runner = new DiffLintRunner(engine, new RunOptions
            {
                CommitLookup = commits,
                SourceTree = sourceTree,
            });
            var result = runner.Run(inputs);
            // An input with no patch in it is the script's NOT_UNIFIED_DIFF report, not an input error.
            var errors = result.Errors.Where(e => !e.Message.StartsWith("not a patch", StringComparison.Ordinal)).ToList();
            foreach (var inputError in errors) stderr.WriteLine($"{Name}: {inputError}");
            if (options.TestOnly is { } word)
            {
                result = result with
                {
                    Reports = [.. result.Reports.Select(r => r with { Diagnostics = [.. r.Diagnostics.Where(d => d.Message.Contains(word, StringComparison.Ordinal))] })],
                };
            }

            var reporter = new CheckpatchReporter(new CheckpatchStyle
            {
                Terse = options.Terse,
                Emacs = options.Emacs,
                ShowTypes = options.ShowTypes,
                Quiet = options.Quiet,
                Summary = options.Summary,
                SummaryFile = options.SummaryFile,
                ShowFile = options.ShowFile,
                Verbose = options.Verbose,
                Color = color.Value,
                Mailback = options.Mailback,
                Strict = options.Strict,
                SourceFiles = options.File,
                RequirePatch = options.Patch,
                Sentences = true,
                QemuTypes = profile == BuiltInProfiles.Qemu ? true : null,
                UsedTypes = [.. RuleNames.Words(options.Types)],
                IgnoredTypes = [.. RuleNames.Words(options.Ignore)],
                InputNames = source => inputNames.GetValueOrDefault(source.Ordinal),
                InputLines = source => texts.TryGetValue(source.Ordinal, out var bytes) ? Lines(bytes) : null,
            });
            reporter.Write(result, engine.Rules, stdout);
            if (result.InternalErrors > 0) return ExitCodes.InternalError;
            if (errors.Count > 0) return ExitCodes.UsageOrInput;
            return reporter.Reported ? ExitCodes.Findings : ExitCodes.Clean;
        }
    }

    /// <summary>The script's own refusals (it dies with them).</summary>
    private static string? Contradiction(CheckpatchOptions options) =>
        options.Git && options.File ? "--git cannot be used with --file or --fix"
        : options.Verbose && options.Terse ? "--verbose cannot be used with --terse"
        : options.TabSize is < 2 ? $"Invalid TAB size: {options.TabSize}"
        : null;

    /// <summary>
    /// --types and --ignore through the TYPE names (words DiffLint has no rule for are said on stderr: the script
    /// takes any word), --no-signoff and --no-fixes-tag as the TYPEs they silence, and --strict.
    /// </summary>
    private static RuleSelection Selection(CheckpatchOptions options, RuleNames names, TextWriter notices)
    {
        ImmutableHashSet<string> Resolve(IEnumerable<string> words, string option)
        {
            var ids = ImmutableHashSet.CreateBuilder<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var word in words)
            {
                if (names.TryResolve(word, out var named)) ids.UnionWith(named.Select(r => r.Id));
                else if (option.Length > 0) notices.WriteLine($"{Name}: {option} {word}: DiffLint has no rule for this TYPE; nothing to {option[2..]}");
            }

            return ids.ToImmutable();
        }

        var ignored = Resolve(RuleNames.Words(options.Ignore), "--ignore");
        if (!options.SignOff) ignored = ignored.Union(Resolve(SignOffTypes, ""));
        if (!options.FixesTag) ignored = ignored.Union(Resolve(FixesTagTypes, ""));
        var severities = new Dictionary<string, Severity?>(StringComparer.OrdinalIgnoreCase);
        var selected = options.Types.IsEmpty ? null : Resolve(RuleNames.Words(options.Types), "--types");
        if (options.File)
        {
            ignored = ignored.Union(Resolve(PatchOnlyTypes, ""));
            var lowered = Resolve(CheckedOnlyInSourceFiles, "").Except(ignored);
            if (!options.Strict) ignored = ignored.Union(lowered);
            else
            {
                foreach (var id in lowered)
                {
                    if (selected is null || selected.Contains(id)) severities[id] = Severity.Note;
                }
            }
        }

        return new RuleSelection(selected, ignored, severities, options.Strict, TurnOnSelected: false);
    }

    /// <summary>The kernel's conventions unless --profile (or the .editorconfig) says otherwise, with --max-line-length and --tab-size.</summary>
    private static Profile? ProfileOf(CheckpatchOptions options, TextWriter stderr)
    {
        Profile profile;
        if (options.Profile is { } name)
        {
            if (BuiltInProfiles.Find(name) is not { } named)
            {
                stderr.WriteLine($"{Name}: --profile {name}: expected one of {string.Join(", ", BuiltInProfiles.All.Select(p => p.Name))}");
                return null;
            }

            profile = named;
        }
        else profile = BuiltInProfiles.Kernel;

        if (options.MaxLineLength is { } limit) profile = profile with { LineLengthWarning = limit };
        if (options.TabSize is { } tab) profile = profile with { TabWidth = tab };
        return profile;
    }

    /// <summary>The inputs as the script reads them: files as named, <c>-</c> for standard input, or with --file source files.</summary>
    private static bool ReadFiles(IReadOnlyList<string> files, string currentDirectory, bool sourceFiles, List<InputSource> inputs, Dictionary<int, byte[]> texts,
        Func<Stream>? standardInput, TextWriter stderr)
    {
        foreach (var file in files)
        {
            byte[] bytes;
            try
            {
                if (file == "-")
                {
                    using var input = (standardInput ?? Console.OpenStandardInput)();
                    using var buffer = new MemoryStream();
                    input.CopyTo(buffer);
                    bytes = buffer.ToArray();
                }
                else bytes = File.ReadAllBytes(Path.Combine(currentDirectory, file));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"{Name}: {file}: open failed - {ex.Message}");
                return false;
            }

            if (sourceFiles) bytes = SourceFileDiff.Of(file, bytes);
            if (bytes.Length == 0) continue;
            var ordinal = inputs.Count;
            texts[ordinal] = bytes;
            var snapshot = bytes;
            inputs.Add(new InputSource(file, null, ordinal) { Content = () => new MemoryStream(snapshot, writable: false) });
        }

        return true;
    }

    /// <summary>
    /// --git: each argument is a commit (<c>rev</c>), a range (<c>a..b</c>) or <c>rev-N</c> (the N commits up to rev);
    /// every commit, merges left out, is checked on its own as <c>git format-patch -M --stdout -1</c> mails it, named
    /// <c>Commit SHA ("subject")</c>.
    /// </summary>
    private static bool ReadCommits(IReadOnlyList<string> revisions, GitRepository? repository, List<InputSource> inputs,
        Dictionary<int, string> names, Dictionary<int, byte[]> texts, TextWriter stderr)
    {
        if (repository is null)
        {
            stderr.WriteLine($"{Name}: --git: not in a git repository");
            return false;
        }

        try
        {
            var commits = new List<(string Sha, string Subject)>();
            foreach (var revision in revisions)
            {
                var dash = revision.LastIndexOf('-');
                string[] range = dash > 0 && int.TryParse(revision.AsSpan(dash + 1), out _) ? ["-" + revision[(dash + 1)..], revision[..dash]]
                    : revision.Contains("..", StringComparison.Ordinal) ? [revision]
                    : ["-1", revision];
                var log = repository.Run(revision, ["log", "--no-color", "--no-merges", "--pretty=format:%H %s", .. range, "--"], "not a commit or range git knows");
                var listed = Encoding.UTF8.GetString(log.StandardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Where(l => l.Length > 41 && l[40] == ' ')
                    .Select(l => (l[..40], l[41..]))
                    .Reverse();
                commits.AddRange(listed);
            }

            if (commits.Count == 0)
            {
                stderr.WriteLine($"{Name}: no git commits after extraction!");
                return false;
            }

            foreach (var (sha, subject) in commits)
            {
                var output = repository.Run(sha, ["format-patch", "-M", "--stdout", "--no-color", "-1", sha, "--"], "git format-patch failed");
                var ordinal = inputs.Count;
                var bytes = output.StandardOutput;
                texts[ordinal] = bytes;
                names[ordinal] = $"Commit {sha[..12]} (\"{subject}\")";
                inputs.Add(new InputSource(sha, null, ordinal) { Content = () => new MemoryStream(bytes, writable: false), IsCommitsFromGit = true });
            }

            return true;
        }
        catch (GitInputException ex)
        {
            stderr.WriteLine($"{Name}: {ex.ToInputError()}");
            return false;
        }
    }

    private static IReadOnlyList<string> Lines(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].EndsWith('\r')) lines[i] = lines[i][..^1];
        }

        return lines;
    }

    /// <summary>
    /// --list-types: every TYPE DiffLint can report, numbered in the script's form (<c>N\tTYPE</c>), with the rules
    /// behind it; with --verbose, each rule's description below it.
    /// </summary>
    private static void ListTypes(IReadOnlyList<RuleDescriptor> rules, bool verbose, TextWriter stdout)
    {
        var byType = rules
            .SelectMany(r => new[] { r.CheckpatchType, r.QemuCheckpatchType }.OfType<string>().Distinct().Select(t => (Type: t, Rule: r)))
            .GroupBy(p => p.Type, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        var text = new StringBuilder("#\tMessage type\tDiffLint rules\n\n");
        var count = 0;
        foreach (var type in byType)
        {
            text.Append(++count).Append('\t').Append(type.Key).Append('\t')
                .Append(string.Join(", ", type.Select(p => $"{p.Rule.Id} {p.Rule.Name}"))).Append('\n');
            if (!verbose) continue;
            foreach (var (_, rule) in type) text.Append('\t').Append(rule.Description).Append("\n\n");
        }

        stdout.Write(text.ToString());
    }

    public const string Usage = """
        Usage: difflint checkpatch [OPTION]... [FILE]...
        DiffLint with the command line, output and exit codes of the Linux kernel's scripts/checkpatch.pl.

        Options:
          -q, --quiet                quiet
          -v, --verbose              verbose mode: each TYPE's first report is followed by the rule's description
          --no-tree                  run without a source tree
          --tree                     read whole files from the git work tree around (the default)
          --root=PATH                PATH to the source tree
          --no-signoff               do not check for 'Signed-off-by' line
          --no-fixes-tag             do not check for 'Fixes:' tag
          --patch                    treat FILE as patchfile (default)
          --emacs                    emacs compile window format
          --terse                    one line per report
          --showfile                 emit diffed file position, not input file position
          -g, --git                  treat FILE as a single commit or git revision range
                                     (<rev>, <rev1>..<rev2>, <rev>-<count>; merges are ignored)
          -f, --file                 treat FILE as regular source file
          --subjective, --strict     enable the CHECK-level rules
          --list-types               list the TYPEs DiffLint reports and the rules behind them
          --types TYPE(,TYPE2...)    show only these comma separated message types
          --ignore TYPE(,TYPE2...)   ignore various comma separated message types
                                     (TYPEs, and DiffLint rule IDs, names and categories)
          --show-types               show the specific message type in the output
          --max-line-length=n        set the maximum line length (default 100)
          --tab-size=n               set the number of spaces for tab (default 8)
          --no-summary               suppress the per-file summary
          --mailback                 only produce a report in case of warnings/errors
          --summary-file             include the filename in summary
          --test-only=WORD           report only warnings/errors containing WORD literally
          --color[=WHEN]             use colors 'always', 'never', or only when output is a terminal ('auto')
          --profile=NAME             DiffLint's: check against kernel (default), qemu, git or uboot conventions
          -h, --help, --version      display this help and exit

        Accepted and ignored (said on stderr): --fix, --fix-inplace, --ignore-perl-version, --debug, --codespell,
        --codespellfile, --typedefsfile, --kconfig-prefix, --min-conf-desc-length.
        Options are also read from .checkpatch.conf in ., $HOME or .scripts, before the command line.
        When FILE is - read standard input. Exit codes: 0 clean, 1 something reported (or an unknown option),
        2 unreadable input or contradicting options, 3 internal error. See docs/checkpatch.md.

        """;
}
