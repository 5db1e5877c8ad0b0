using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Profiles;
using DiffLint.Core.Git;
using DiffLint.Core.Packs;
using DiffLint.Core.Reading;
using DiffLint.Core.Trees;
using DiffLint.Cli.Checkpatch;
using DiffLint.Cli.Hooks;
using DiffLint.Reporting;
using DiffLint.Rules;

namespace DiffLint.Cli;

/// <summary>The <c>difflint</c> command line: parses arguments, runs the core, hands the result to a reporter.</summary>
public static class CommandLine
{
    private static readonly string[] Formats = ["text", "sarif", "json", "checkpatch", "github", "b4", "patchwork-check"];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<Stream>? standardInput = null)
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Patch files, mbox archives, unified diffs, Patchwork JSON, directories (their *.patch, *.diff, *.mbox, *.eml, *.json), or - for standard input.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the report to this file instead of standard output." };
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Exit with 1 when a finding at or above this level is reported.",
            DefaultValueFactory = _ => "error",
        };
        failOn.AcceptOnlyFromAmong("error", "warning", "note");
        var stats = new Option<bool>("--stats") { Description = "Print what was read (messages, patches, files, hunks, lines, skipped mails) and the time and throughput on standard error." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only findings and errors: no clean patches, no summary line." };
        var noColor = new Option<bool>("--no-color") { Description = "Never colour the text output (colour is used only on a terminal, and never when NO_COLOR is set)." };
        var mboxFormat = new Option<MboxFormat>("--mbox-format")
        {
            Description = "How '>From ' lines are quoted: auto (mboxrd when the separators say 'From mboxrd@z'), mboxo (leave them), mboxrd (unquote one '>').",
            DefaultValueFactory = _ => MboxFormat.Auto,
        };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Threads for parsing and analysis (default: one per core)." };
        var sarif = new Option<FileInfo?>("--sarif") { Description = "Also write SARIF 2.1.0 to this file (same as --report sarif=FILE)." };
        var sarifCategory = new Option<string?>("--sarif-category") { Description = "SARIF automationDetails.id category, to tell several DiffLint uploads apart in GitHub code scanning." };
        var repositoryUri = new Option<string?>("--repository-uri")
        {
            Description = "SARIF versionControlProvenance repositoryUri (default: the current directory's git origin remote as https).",
        };
        var targetUrl = new Option<string?>("--target-url") { Description = "target_url of the Patchwork check (--format patchwork-check)." };
        var checkpatchTypes = new Option<string>("--checkpatch-types")
        {
            Description = "Which checkpatch TYPE names --format checkpatch prints: auto (the QEMU Q_* names for patches checked under the qemu profile, the kernel's otherwise), kernel, or qemu.",
            DefaultValueFactory = _ => "auto",
        };
        checkpatchTypes.AcceptOnlyFromAmong("auto", "kernel", "qemu");
        var profile = new Option<string>("--profile")
        {
            Description = "The project conventions to check against: auto (from the Patchwork project, List-Id, list addresses or paths; kernel when nothing tells), "
                          + string.Join(", ", BuiltInProfiles.All.Select(p => p.Name)) + ".",
            DefaultValueFactory = _ => "auto",
        };
        profile.AcceptOnlyFromAmong(["auto", .. BuiltInProfiles.All.Select(p => p.Name)]);
        var git = new Option<string?>("--git")
        {
            Description = "Check commits read from git, as git format-patch --stdout would mail them: a range (origin/master.., HEAD~3..), one commit, or nothing for the commits not yet upstream.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var staged = new Option<bool>("--staged") { Description = "Check the staged change (git diff --cached) as a diff; no message rules." };
        var worktree = new Option<bool>("--worktree") { Description = "Check the unstaged change (git diff) as a diff; no message rules." };
        var tree = new Option<string?>("--tree")
        {
            Description = "Read whole files from DIR (a source directory, or a git repository, work tree or bare) so rules see whole functions, not only the hunks' context; default: the git work tree difflint runs in.",
            HelpName = "DIR",
        };
        var noTree = new Option<bool>("--no-tree") { Description = "Check the patch alone: read no files, not even from the git work tree difflint runs in." };
        var select = new Option<string[]>("--select")
        {
            Description = "Run only these rules (repeatable, or a comma list), turning on those that are off by default or CHECK-level. "
                          + "A rule is named by its ID (DL2001), name (trailing-whitespace), category (Whitespace) or checkpatch TYPE (LONG_LINE, Q_...), in any case.",
            HelpName = "RULE",
            AllowMultipleArgumentsPerToken = false,
        };
        var ignore = new Option<string[]>("--ignore")
        {
            Description = "Turn these rules off (repeatable, or a comma list; named as for --select).",
            HelpName = "RULE",
            AllowMultipleArgumentsPerToken = false,
        };
        var severity = new Option<string[]>("--severity")
        {
            Description = "Report RULE at LEVEL: error, warning, note, or none (off); repeatable, or a comma list; applied after --select and --ignore.",
            HelpName = "RULE=LEVEL",
            AllowMultipleArgumentsPerToken = false,
        };
        var strict = new Option<bool>("--strict")
        {
            Description = "Run the CHECK-level rules (checkpatch --strict) on every file, not only under drivers/net/, net/ and drivers/staging/.",
        };
        var rulePacks = new Option<string[]>("--rules")
        {
            Description = "Also run the rules of this rule pack assembly (repeatable; as difflint_rule_packs in .editorconfig). See the README's \"Writing a rule\".",
            HelpName = "PATH",
            AllowMultipleArgumentsPerToken = false,
        };
        var ruleSources = new Option<string[]>("--rule-source")
        {
            Description = "Also run the single-file rules (*.cs) of this folder, compiled on first use and cached (repeatable; as difflint_rule_sources in .editorconfig).",
            HelpName = "DIR",
            AllowMultipleArgumentsPerToken = false,
        };
        var reports = new Option<string[]>("--report")
        {
            Description = "Also write FORMAT to FILE (repeatable), e.g. --report sarif=out.sarif.",
            AllowMultipleArgumentsPerToken = false,
        };

        var root = new RootCommand(
            """
            DiffLint: a static analyzer for C patches that travel by mail.

            Examples:
              difflint 0001-foo.patch                 check one git format-patch file
              difflint series.mbox                    check every patch of an mbox (replies and cover letters are recognised)
              git format-patch -3 --stdout | difflint -
              difflint --stats lists/archive.mbox     also print what was read and how fast
              difflint patch.json                     a Patchwork REST API patch (raw JSON or the browsable-API page)
              difflint --sarif difflint.sarif pr.mbox text on the terminal and SARIF for GitHub code scanning
              difflint --git origin/master..          the commits of a branch, read with git format-patch
              difflint hook install                   refuse a bad patch in git send-email (sendemail-validate hook)
              difflint --ignore LONG_LINE x.patch     rules named by ID, name, category or checkpatch TYPE
              difflint checkpatch --no-tree x.patch   the kernel's checkpatch.pl command line and output (see 'difflint checkpatch --help')

            Rule settings: --select, --ignore, --severity and --strict win over .editorconfig, which wins over the rules' defaults.

            Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 bad usage or unreadable input, 3 internal error.
            """)
        {
            inputs, format, output, failOn, stats, quiet, noColor, mboxFormat, jobs, reports, sarif, sarifCategory, repositoryUri, targetUrl, checkpatchTypes,
            profile, git, staged, worktree, tree, noTree, select, ignore, severity, strict, rulePacks, ruleSources,
        };
        var hook = new HookCommand();
        root.Subcommands.Add(hook.Command);
        // Parsed by CheckpatchCommand itself (the script's option syntax is Getopt::Long's); listed here for --help.
        root.Subcommands.Add(new Command("checkpatch", "Run as the kernel's scripts/checkpatch.pl: its options, its output, its exit codes (see 'difflint checkpatch --help' and docs/checkpatch.md)."));
        if (args.Length > 0 && args[0] == "checkpatch") return CheckpatchCommand.Run(args[1..], stdout, stderr, standardInput);
        root.SetAction(_ => ExitCodes.Clean); // with a subcommand beside it, the root needs an action to be usable alone

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) stderr.WriteLine($"difflint: {error.Message}");
            stderr.WriteLine("Try 'difflint --help'.");
            return ExitCodes.UsageOrInput;
        }

        if (hook.Handles(parse)) return hook.Execute(parse, stdout, stderr);

        if (parse.Action is not null && parse.CommandResult.Command == root && (parse.GetValue(inputs) ?? []).Length == 0 && args.Any(a => a is "--help" or "-h" or "-?" or "--version"))
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        }

        var paths = parse.GetValue(inputs) ?? [];
        var gitInputs = new GitInputs(parse.GetResult(git) is not null, parse.GetValue(git), parse.GetValue(staged), parse.GetValue(worktree));
        if (paths.Length == 0 && !gitInputs.Any)
        {
            stderr.WriteLine("difflint: no input: name patch files, mbox archives, directories, or - for standard input. Try 'difflint --help'.");
            return ExitCodes.UsageOrInput;
        }

        var extraOutputs = new List<(string Format, string Path)>();
        foreach (var spec in parse.GetValue(reports) ?? [])
        {
            var equals = spec.IndexOf('=');
            var name = equals > 0 ? spec[..equals] : "";
            if (equals <= 0 || equals == spec.Length - 1 || !Formats.Contains(name))
            {
                stderr.WriteLine($"difflint: --report expects FORMAT=FILE with FORMAT one of {string.Join(", ", Formats)}; got '{spec}'");
                return ExitCodes.UsageOrInput;
            }

            extraOutputs.Add((name, spec[(equals + 1)..]));
        }

        if (parse.GetValue(sarif) is { } sarifFile) extraOutputs.Add(("sarif", sarifFile.FullName));

        var treeDirectory = parse.GetValue(tree);
        if (treeDirectory is not null && parse.GetValue(noTree))
        {
            stderr.WriteLine("difflint: --tree and --no-tree contradict each other; give one of them. Try 'difflint --help'.");
            return ExitCodes.UsageOrInput;
        }

        if (LoadRulePacks(Environment.CurrentDirectory, parse.GetValue(rulePacks) ?? [], parse.GetValue(ruleSources) ?? [], stderr) is not { } packs)
            return ExitCodes.UsageOrInput;

        if (!RuleSelection.TryParse(new RuleNames([.. Descriptors, .. PackDescriptors(packs)]), parse.GetValue(select), parse.GetValue(ignore), parse.GetValue(severity),
                parse.GetValue(strict), out var ruleSelection, out var selectionError))
        {
            stderr.WriteLine($"difflint: {selectionError}. Try 'difflint --help'.");
            return ExitCodes.UsageOrInput;
        }

        SeverityNames.TryParse(parse.GetValue(failOn), out var failLevel);
        var options = new Settings(
            Format: parse.GetValue(format) ?? "text",
            Output: parse.GetValue(output),
            FailOn: failLevel,
            Stats: parse.GetValue(stats),
            Quiet: parse.GetValue(quiet),
            NoColor: parse.GetValue(noColor),
            MboxFormat: parse.GetValue(mboxFormat),
            Jobs: parse.GetValue(jobs),
            ExtraOutputs: extraOutputs,
            SarifCategory: parse.GetValue(sarifCategory),
            RepositoryUri: parse.GetValue(repositoryUri),
            TargetUrl: parse.GetValue(targetUrl),
            QemuCheckpatchTypes: parse.GetValue(checkpatchTypes) switch { "qemu" => true, "kernel" => false, _ => null },
            Profile: BuiltInProfiles.Find(parse.GetValue(profile) ?? "auto"),
            Rules: ruleSelection,
            Packs: packs);
        try
        {
            var repository = GitRepository.Discover(Environment.CurrentDirectory);
            SourceTree? sourceTree;
            try
            {
                sourceTree = treeDirectory is not null ? SourceTree.Open(treeDirectory)
                    : repository is not null && !parse.GetValue(noTree) ? SourceTree.ForRepository(repository)
                    : null;
            }
            catch (SourceTreeException ex)
            {
                stderr.WriteLine($"difflint: --tree {treeDirectory}: {ex.Message}");
                return ExitCodes.UsageOrInput;
            }

            using (sourceTree)
            {
                var expanded = InputExpander.Expand(paths);
                if (gitInputs.Any)
                {
                    if (!gitInputs.TryRead(expanded, repository, out expanded, stderr)) return ExitCodes.UsageOrInput;
                    if (expanded.Inputs.Count == 0 && expanded.Errors.Count == 0) return ExitCodes.Clean;
                }

                var commits = repository is null ? null : new GitCommitLookup(repository);
                return Execute(expanded, options, commits, sourceTree, stdout, stderr, standardInput);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            stderr.WriteLine($"difflint: internal error: {ex}");
            return ExitCodes.InternalError;
        }
    }

    internal sealed record Settings(string Format, FileInfo? Output, Severity FailOn, bool Stats, bool Quiet, bool NoColor,
        MboxFormat MboxFormat, int Jobs, IReadOnlyList<(string Format, string Path)> ExtraOutputs, string? SarifCategory,
        string? RepositoryUri, string? TargetUrl, bool? QemuCheckpatchTypes, Profile? Profile, RuleSelection Rules,
        ImmutableArray<RulePack>? Packs = null)
    {
        /// <summary>What a git hook prints on stderr: findings only, uncoloured text.</summary>
        public static Settings ForHook(Severity failOn) =>
            new("text", null, failOn, false, Quiet: true, NoColor: true, MboxFormat.Auto, 0, [], null, null, null, null, null, RuleSelection.None);
    }

    /// <summary>Reads and analyses the inputs, writes the reports, and returns the exit code.</summary>
    internal static int Execute(InputExpander.Expanded expanded, Settings settings, ICommitLookup? commits, SourceTree? sourceTree,
        TextWriter stdout, TextWriter stderr, Func<Stream>? standardInput)
    {
        if (CreateEngine(settings.Profile, settings.Rules, stderr, Environment.CurrentDirectory, timings: settings.Stats ? new RuleTimings() : null,
                packs: settings.Packs) is not { } engine) return ExitCodes.UsageOrInput;
        var runner = new DiffLintRunner(engine, new RunOptions
        {
            DegreeOfParallelism = settings.Jobs,
            Reader = new ReaderOptions(settings.MboxFormat),
            StandardInput = standardInput,
            CommitLookup = commits,
            SourceTree = sourceTree,
        });
        var result = runner.Run(expanded.Inputs);
        if (expanded.Errors.Count > 0) result = result with { Errors = [.. expanded.Errors, .. result.Errors] };

        foreach (var error in result.Errors) stderr.WriteLine($"difflint: {error}");

        var toTerminal = settings.Output is null && !Console.IsOutputRedirected && ReferenceEquals(stdout, Console.Out);
        var color = toTerminal && !settings.NoColor && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        try
        {
            if (settings.Output is { } file) WriteToFile(CreateReporter(settings.Format, settings, color: false), result, engine, file.FullName);
            else CreateReporter(settings.Format, settings, color).Write(result, engine.Rules, stdout);
            foreach (var (format, path) in settings.ExtraOutputs) WriteToFile(CreateReporter(format, settings, color: false), result, engine, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"difflint: cannot write the report: {ex.Message}");
            return ExitCodes.UsageOrInput;
        }

        if (settings.Stats) WriteStats(result, sourceTree, engine.Timings, stderr);

        if (result.InternalErrors > 0) return ExitCodes.InternalError;
        if (!result.Errors.IsEmpty) return ExitCodes.UsageOrInput;
        return result.AllDiagnostics.Any(d => d.Severity >= settings.FailOn) ? ExitCodes.Findings : ExitCodes.Clean;
    }

    /// <summary>What every built-in rule can report.</summary>
    internal static IReadOnlyList<RuleDescriptor> Descriptors { get; } = [.. BuiltInRules.All.SelectMany(r => r.SupportedDiagnostics).DistinctBy(d => d.Id)];

    /// <summary>What the rules of <paramref name="packs"/> can report.</summary>
    private static IEnumerable<RuleDescriptor> PackDescriptors(IEnumerable<RulePack> packs) => packs.SelectMany(p => p.Rules).SelectMany(r => r.SupportedDiagnostics);

    /// <summary>
    /// The rule packs of the repository's .editorconfig (difflint_rule_packs, difflint_rule_sources) and of the command
    /// line (--rules, --rule-source); null (said on stderr: which pack, what failed) when one cannot be used.
    /// </summary>
    internal static ImmutableArray<RulePack>? LoadRulePacks(string currentDirectory, IReadOnlyList<string> packPaths, IReadOnlyList<string> sourceFolders,
        TextWriter stderr)
    {
        var root = EditorConfigSettings.RootOf(currentDirectory);
        try
        {
            return RulePackConfiguration.Load(EditorConfigSettings.Load(root), root, packPaths, sourceFolders, currentDirectory,
                RuleSourceCompiler.DefaultCacheDirectory);
        }
        catch (RulePackException ex)
        {
            if (ex is RuleSourceCompileException compile)
            {
                foreach (var error in compile.Errors) stderr.WriteLine(error);
            }

            stderr.WriteLine($"difflint: {ex.Message}");
            return null;
        }
    }

    /// <summary>
    /// The engine with the rule settings in their order of precedence: the command line's over the repository's
    /// .editorconfig over the rules' defaults; null (said on stderr) when the .editorconfig names an unknown profile or
    /// a rule pack cannot be used. <paramref name="packs"/> null: those the .editorconfig names.
    /// </summary>
    internal static AnalysisEngine? CreateEngine(Profile? forcedProfile, RuleSelection rules, TextWriter stderr, string currentDirectory,
        string profileReason = "--profile", RuleTimings? timings = null, ImmutableArray<RulePack>? packs = null)
    {
        var editorConfig = EditorConfigSettings.Load(EditorConfigSettings.RootOf(currentDirectory));
        var profiles = forcedProfile is { } forced ? new ProfileSelector(forced, profileReason)
            : editorConfig?.Profile is { } configured && BuiltInProfiles.Find(configured) is { } fromConfig
                ? new ProfileSelector(fromConfig, "difflint_profile in .editorconfig")
                : ProfileSelector.Automatic;
        if (editorConfig?.Profile is { } unknown && BuiltInProfiles.Find(unknown) is null)
        {
            stderr.WriteLine($"difflint: {editorConfig.Files[^1]}: difflint_profile = {unknown} is not a profile; expected one of "
                             + string.Join(", ", BuiltInProfiles.All.Select(p => p.Name)));
            return null;
        }

        if ((packs ?? LoadRulePacks(currentDirectory, [], [], stderr)) is not { } loaded) return null;
        var configuration = rules.ApplyTo(RuleConfiguration.Default.WithEditorConfig(editorConfig), [.. Descriptors, .. PackDescriptors(loaded)]);
        try
        {
            return new AnalysisEngine(BuiltInRules.All, configuration, profiles, loaded) { Timings = timings };
        }
        catch (RulePackException ex)
        {
            stderr.WriteLine($"difflint: {ex.Message}");
            return null;
        }
    }

    private static IReporter CreateReporter(string format, Settings settings, bool color) => format switch
    {
        "text" => new TextReporter(color, settings.Quiet),
        "sarif" => new DiffLint.Reporting.Sarif.SarifReporter(new DiffLint.Reporting.Sarif.SarifOptions(Category: settings.SarifCategory,
            RepositoryUri: settings.RepositoryUri ?? GitOrigin.RepositoryUri(Directory.GetCurrentDirectory()))),
        "json" => new JsonReporter(),
        "checkpatch" => new CheckpatchReporter(settings.QemuCheckpatchTypes),
        "github" => new GitHubActionsReporter(),
        "b4" => new B4Reporter(),
        "patchwork-check" => new PatchworkCheckReporter(targetUrl: settings.TargetUrl),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown format"),
    };

    private static void WriteToFile(IReporter reporter, RunResult result, AnalysisEngine engine, string path)
    {
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
        reporter.Write(result, engine.Rules, writer);
    }

    private static void WriteStats(RunResult result, SourceTree? sourceTree, RuleTimings? timings, TextWriter stderr)
    {
        var s = result.Statistics;
        var c = CultureInfo.InvariantCulture;
        stderr.WriteLine("difflint statistics:");
        stderr.WriteLine(string.Format(c, "  inputs        {0}", s.Inputs));
        stderr.WriteLine(string.Format(c, "  messages      {0} ({1} patches, {2} cover letters, {3} replies skipped, {4} other skipped)",
            s.Messages, s.Patches, s.CoverLetters, s.Replies, s.OtherMails));
        stderr.WriteLine(string.Format(c, "  files         {0}", s.Files));
        stderr.WriteLine(string.Format(c, "  hunks         {0}", s.Hunks));
        stderr.WriteLine(string.Format(c, "  lines         {0} added, {1} removed, {2} context", s.AddedLines, s.RemovedLines, s.ContextLines));
        stderr.WriteLine(string.Format(c, "  findings      {0}", result.Reports.Sum(r => r.Diagnostics.Length)));
        var profiles = result.Reports
            .Where(r => r.Patch.IsAnalysed)
            .GroupBy(r => (r.Patch.Profile.Profile.Name, r.Patch.Profile.Reason))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Name, StringComparer.Ordinal).ThenBy(g => g.Key.Reason, StringComparer.Ordinal)
            .ToList();
        var label = "  profile       ";
        foreach (var group in profiles.Take(8))
        {
            stderr.WriteLine(string.Format(c, "{0}{1}: {2} patch{3}, chosen by {4}", label, group.Key.Name, group.Count(), group.Count() == 1 ? "" : "es", group.Key.Reason));
            label = "                ";
        }

        if (profiles.Count > 8) stderr.WriteLine(string.Format(c, "{0}... and {1} more reasons", label, profiles.Count - 8));
        stderr.WriteLine("  tree          " + (sourceTree is null ? "none (the patch alone)" : DescribeTree(sourceTree)));
        stderr.WriteLine(string.Format(c, "  bytes         {0:N0}", s.Bytes));
        stderr.WriteLine(string.Format(c, "  wall time     {0:F1} ms on {1} thread{2}", s.WallTime.TotalMilliseconds, s.Threads, s.Threads == 1 ? "" : "s"));
        stderr.WriteLine(string.Format(c, "  throughput    {0:F1} MB/s", s.MegabytesPerSecond));
        if (timings is null) return;
        // Summed over threads, so with -j2 the total can exceed the wall time.
        var total = timings.Total;
        label = "  rule time     ";
        foreach (var (owner, time) in timings.Slowest().Take(Environment.GetEnvironmentVariable("DIFFLINT_STATS_RULES") is { } n && int.TryParse(n, out var count) ? count : 10))
        {
            stderr.WriteLine(string.Format(c, "{0}{1,8:F1} ms {2,5:P0}  {3}", label, time.TotalMilliseconds,
                total > TimeSpan.Zero ? time / total : 0, owner));
            label = "                ";
        }

        stderr.WriteLine(string.Format(c, "{0}{1,8:F1} ms in all rules and engine steps", label, total.TotalMilliseconds));
    }

    /// <summary>E.g. <c>12 files from git repository /src/linux, 1 fell back to the patch alone (pre-image not in the tree)</c>.</summary>
    private static string DescribeTree(SourceTree tree)
    {
        var s = tree.Statistics;
        var kind = tree.IsGitRepository ? "git repository" : "directory";
        var served = $"{s.FromTree} file{(s.FromTree == 1 ? "" : "s")} from {kind} {tree.Directory}";
        if (s.FellBack == 0) return served;
        var reasons = new List<string>();
        var both = s.PreImageMissing > 0 && s.HunksDidNotApply > 0;
        if (s.PreImageMissing > 0) reasons.Add((both ? $"{s.PreImageMissing} " : "") + "pre-image not in the tree");
        if (s.HunksDidNotApply > 0) reasons.Add((both ? $"{s.HunksDidNotApply} " : "") + "hunks did not apply");
        return $"{served}, {s.FellBack} fell back to the patch alone ({string.Join(", ", reasons)})";
    }
}
