using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Packs;
using DiffLint.Core.Git;
using DiffLint.Core.Model;
using DiffLint.Core.Profiles;
using DiffLint.Core.Reading;
using DiffLint.Core.Trees;
using DiffLint.Reporting;

namespace DiffLint.Cli;

/// <summary>
/// <c>difflint check</c>, also what <c>difflint</c> does without a command: reads the inputs, runs the rules, writes
/// the reports and returns the exit code.
/// </summary>
internal sealed class CheckCommand
{
    private readonly Argument<string[]> _inputs = new("inputs")
    {
        Description = "Patch files, mbox archives, unified diffs, Patchwork JSON, directories (their *.patch, *.diff, *.mbox, *.eml, *.json), or - for standard input.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string> _format = new("--format", "-f")
    {
        Description = "Output format: " + string.Join(", ", OutputFormats.All.Select(f => $"{f.Name} ({f.Description})")) + ".",
        DefaultValueFactory = _ => "text",
    };

    private readonly Option<FileInfo?> _output = new("--output", "-o") { Description = "Write the report to this file instead of standard output." };
    private readonly Option<string> _failOn = new("--fail-on")
    {
        Description = "Exit with 1 when a finding at or above this level is reported.",
        DefaultValueFactory = _ => "error",
    };

    private readonly Option<bool> _stats = new("--stats") { Description = "Print what was read (messages, patches, files, hunks, lines, skipped mails) and the time and throughput on standard error." };
    private readonly Option<bool> _quiet = new("--quiet", "-q") { Description = "Print only findings and errors: no clean patches, no summary line." };
    private readonly Option<bool> _noColor = new("--no-color") { Description = "Never colour the text output (colour is used only on a terminal, and never when NO_COLOR is set)." };
    private readonly Option<MboxFormat> _mboxFormat = new("--mbox-format")
    {
        Description = "How '>From ' lines are quoted: auto (mboxrd when the separators say 'From mboxrd@z'), mboxo (leave them), mboxrd (unquote one '>').",
        DefaultValueFactory = _ => MboxFormat.Auto,
    };

    private readonly Option<string[]> _limits = new("--limit")
    {
        Description = "Set an input limit (repeatable, or a comma list): " + string.Join(", ", InputLimits.Names)
                      + "; a message beyond one is checked up to it and gets DL0003 (as difflint_limit_NAME in .editorconfig). VALUE takes a k, M or G suffix.",
        HelpName = "NAME=VALUE",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<int> _jobs = new("--jobs", "-j") { Description = "Threads for parsing and analysis (default: one per core)." };
    private readonly Option<FileInfo?> _sarif = new("--sarif") { Description = "Also write SARIF 2.1.0 to this file (same as --report sarif=FILE)." };
    private readonly Option<string?> _sarifCategory = new("--sarif-category") { Description = "SARIF automationDetails.id category, to tell several DiffLint uploads apart in GitHub code scanning." };
    private readonly Option<string?> _repositoryUri = new("--repository-uri")
    {
        Description = "SARIF versionControlProvenance repositoryUri (default: the current directory's git origin remote as https).",
    };

    private readonly Option<string?> _targetUrl = new("--target-url") { Description = "target_url of the Patchwork check (--format patchwork-check)." };
    private readonly Option<string> _checkpatchTypes = new("--checkpatch-types")
    {
        Description = "Which checkpatch TYPE names --format checkpatch prints: auto (the QEMU Q_* names for patches checked under the qemu profile, the kernel's otherwise), kernel, or qemu.",
        DefaultValueFactory = _ => "auto",
    };

    private readonly Option<string> _profile = new("--profile")
    {
        Description = "The project conventions to check against: auto (from the Patchwork project, List-Id, list addresses or paths; kernel when nothing tells), "
                      + string.Join(", ", BuiltInProfiles.All.Select(p => p.Name)) + ".",
        DefaultValueFactory = _ => "auto",
    };

    private readonly Option<string?> _git = new("--git")
    {
        Description = "Check commits read from git, as git format-patch --stdout would mail them: a range (origin/master.., HEAD~3..), one commit, or nothing for the commits not yet upstream.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<bool> _staged = new("--staged") { Description = "Check the staged change (git diff --cached) as a diff; no message rules." };
    private readonly Option<bool> _worktree = new("--worktree") { Description = "Check the unstaged change (git diff) as a diff; no message rules." };
    private readonly Option<string?> _tree = new("--tree")
    {
        Description = "Read whole files from DIR (a source directory, or a git repository, work tree or bare) so rules see whole functions, not only the hunks' context; default: the git work tree difflint runs in.",
        HelpName = "DIR",
    };

    private readonly Option<bool> _noTree = new("--no-tree") { Description = "Check the patch alone: read no files, not even from the git work tree difflint runs in." };
    private readonly Option<string[]> _select = new("--select")
    {
        Description = "Run only these rules (repeatable, or a comma list), turning on those that are off by default or CHECK-level. "
                      + "A rule is named by its ID (DL2001), name (trailing-whitespace), category (Whitespace) or checkpatch TYPE (LONG_LINE, Q_...), in any case.",
        HelpName = "RULE",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string[]> _ignore = new("--ignore")
    {
        Description = "Turn these rules off (repeatable, or a comma list; named as for --select).",
        HelpName = "RULE",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string[]> _severity = new("--severity")
    {
        Description = "Report RULE at LEVEL: error, warning, note, or none (off); repeatable, or a comma list; applied after --select and --ignore. "
                      + "A category's level applies to its rules that are on (never to one off by default or CHECK-level); a rule's own level wins over it.",
        HelpName = "RULE=LEVEL",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<bool> _strict = new("--strict")
    {
        Description = "Run the CHECK-level rules (checkpatch --strict) on every file, not only under drivers/net/, net/ and drivers/staging/.",
    };

    private readonly Option<string?> _baseline = new("--baseline")
    {
        Description = "Report only the findings that are not in FILE, an earlier SARIF or JSON report of DiffLint (matched by their fingerprints, which ignore line numbers).",
        HelpName = "FILE",
    };

    private readonly Option<string[]> _rulePacks = new("--rules")
    {
        Description = "Also run the rules of this rule pack assembly (repeatable; as difflint_rule_packs in .editorconfig). See the README's \"Writing a rule\".",
        HelpName = "PATH",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string[]> _ruleSources = new("--rule-source")
    {
        Description = "Also run the single-file rules (*.cs) of this folder, compiled on first use and cached (repeatable; as difflint_rule_sources in .editorconfig).",
        HelpName = "DIR",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string[]> _reports = new("--report")
    {
        Description = "Also write FORMAT to FILE (repeatable), e.g. --report sarif=out.sarif.",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly Func<Stream>? _standardInput;

    public CheckCommand(TextWriter stdout, TextWriter stderr, Func<Stream>? standardInput)
    {
        _stdout = stdout;
        _stderr = stderr;
        _standardInput = standardInput;
        _format.AcceptOnlyFromAmong([.. OutputFormats.Names]);
        _failOn.AcceptOnlyFromAmong("error", "warning", "note");
        _checkpatchTypes.AcceptOnlyFromAmong("auto", "kernel", "qemu");
        _profile.AcceptOnlyFromAmong(["auto", .. BuiltInProfiles.All.Select(p => p.Name)]);
    }

    /// <summary>Gives <paramref name="command"/> the inputs, the options and the action of a check.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(_inputs);
        Option[] options =
        [
            _format, _output, _failOn, _stats, _quiet, _noColor, _mboxFormat, _limits, _jobs, _reports, _sarif, _sarifCategory, _repositoryUri, _targetUrl,
            _checkpatchTypes, _profile, _git, _staged, _worktree, _tree, _noTree, _select, _ignore, _severity, _strict, _baseline,
            _rulePacks, _ruleSources,
        ];
        foreach (var option in options) command.Options.Add(option);
        command.SetAction(Run);
    }

    private int Run(ParseResult parse)
    {
        var stderr = _stderr;
        var paths = parse.GetValue(_inputs) ?? [];
        var gitInputs = new GitInputs(parse.GetResult(_git) is not null, parse.GetValue(_git), parse.GetValue(_staged), parse.GetValue(_worktree));
        if (paths.Length == 0 && !gitInputs.Any)
        {
            stderr.WriteLine("difflint: no input: name patch files, mbox archives, directories, or - for standard input. Try 'difflint --help'.");
            return ExitCodes.UsageOrInput;
        }

        var extraOutputs = new List<(string Format, string Path)>();
        foreach (var spec in parse.GetValue(_reports) ?? [])
        {
            var equals = spec.IndexOf('=');
            var name = equals > 0 ? spec[..equals] : "";
            if (equals <= 0 || equals == spec.Length - 1 || OutputFormats.Find(name) is null)
            {
                stderr.WriteLine($"difflint: --report expects FORMAT=FILE with FORMAT one of {string.Join(", ", OutputFormats.Names)}; got '{spec}'");
                return ExitCodes.UsageOrInput;
            }

            extraOutputs.Add((name, spec[(equals + 1)..]));
        }

        if (parse.GetValue(_sarif) is { } sarifFile) extraOutputs.Add(("sarif", sarifFile.FullName));

        var limits = new List<(string Name, string Value)>();
        foreach (var spec in (parse.GetValue(_limits) ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var equals = spec.IndexOf('=');
            string? limitError = null;
            if (equals <= 0 || !InputLimits.Default.TrySet(spec[..equals].Trim(), spec[(equals + 1)..], out _, out limitError))
            {
                stderr.WriteLine($"difflint: --limit expects NAME=VALUE with NAME one of {string.Join(", ", InputLimits.Names)}; got '{spec}'"
                                 + (equals > 0 ? $": {limitError}" : ""));
                return ExitCodes.UsageOrInput;
            }

            limits.Add((spec[..equals].Trim(), spec[(equals + 1)..]));
        }

        var treeDirectory = parse.GetValue(_tree);
        if (treeDirectory is not null && parse.GetValue(_noTree))
        {
            stderr.WriteLine("difflint: --tree and --no-tree contradict each other; give one of them. Try 'difflint --help'.");
            return ExitCodes.UsageOrInput;
        }

        if (CommandLine.LoadRulePacks(Environment.CurrentDirectory, parse.GetValue(_rulePacks) ?? [], parse.GetValue(_ruleSources) ?? [], stderr) is not { } packs)
            return ExitCodes.UsageOrInput;

        if (!RuleSelection.TryParse(new RuleNames([.. CommandLine.Descriptors, .. CommandLine.PackDescriptors(packs)]), parse.GetValue(_select), parse.GetValue(_ignore), parse.GetValue(_severity),
                parse.GetValue(_strict), out var ruleSelection, out var selectionError))
        {
            stderr.WriteLine($"difflint: {selectionError}. Try 'difflint --help'.");
            return ExitCodes.UsageOrInput;
        }

        Baseline? baseline = null;
        if (parse.GetValue(_baseline) is { } baselinePath)
        {
            try
            {
                baseline = Baseline.Load(baselinePath);
            }
            catch (BaselineException ex)
            {
                stderr.WriteLine($"difflint: --baseline {ex.Message}");
                return ExitCodes.UsageOrInput;
            }
        }

        SeverityNames.TryParse(parse.GetValue(_failOn), out var failLevel);
        var options = new Settings(
            Format: parse.GetValue(_format) ?? "text",
            Output: parse.GetValue(_output),
            FailOn: failLevel,
            Stats: parse.GetValue(_stats),
            Quiet: parse.GetValue(_quiet),
            NoColor: parse.GetValue(_noColor),
            MboxFormat: parse.GetValue(_mboxFormat),
            Jobs: parse.GetValue(_jobs),
            ExtraOutputs: extraOutputs,
            SarifCategory: parse.GetValue(_sarifCategory),
            RepositoryUri: parse.GetValue(_repositoryUri),
            TargetUrl: parse.GetValue(_targetUrl),
            QemuCheckpatchTypes: parse.GetValue(_checkpatchTypes) switch { "qemu" => true, "kernel" => false, _ => null },
            Profile: BuiltInProfiles.Find(parse.GetValue(_profile) ?? "auto"),
            Rules: ruleSelection)
        {
            Baseline = baseline,
            Packs = packs,
            Limits = limits,
        };
        try
        {
            var repository = GitRepository.Discover(Environment.CurrentDirectory);
            SourceTree? sourceTree;
            try
            {
                sourceTree = treeDirectory is not null ? SourceTree.Open(treeDirectory)
                    : repository is not null && !parse.GetValue(_noTree) ? SourceTree.ForRepository(repository)
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

                using var commits = repository is null ? null : new GitCommitLookup(repository);
                return Execute(expanded, options, commits, sourceTree, _stdout, stderr, _standardInput);
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
        string? RepositoryUri, string? TargetUrl, bool? QemuCheckpatchTypes, Profile? Profile, RuleSelection Rules)
    {
        /// <summary>An earlier report whose findings are left out (<c>--baseline</c>).</summary>
        public Baseline? Baseline { get; init; }

        /// <summary>The rule packs to run beside the built-in rules (<c>--rules</c>, <c>--rule-source</c>, .editorconfig); null: those the .editorconfig names.</summary>
        public ImmutableArray<RulePack>? Packs { get; init; }

        /// <summary>The <c>--limit</c> settings, in order; they win over the .editorconfig's <c>difflint_limit_*</c> keys.</summary>
        // A list, not []: an empty array read through IReadOnlyList is generic code over a tuple the precompiled build lacks.
        public IReadOnlyList<(string Name, string Value)> Limits { get; init; } = new List<(string Name, string Value)>();

        /// <summary>What a git hook prints on stderr: findings only, uncoloured text.</summary>
        public static Settings ForHook(Severity failOn) =>
            new("text", null, failOn, false, Quiet: true, NoColor: true, MboxFormat.Auto, 0, [], null, null, null, null, null, RuleSelection.None);
    }

    /// <summary>Reads and analyses the inputs, writes the reports, and returns the exit code.</summary>
    internal static int Execute(InputExpander.Expanded expanded, Settings settings, ICommitLookup? commits, SourceTree? sourceTree,
        TextWriter stdout, TextWriter stderr, Func<Stream>? standardInput)
    {
        if (CommandLine.CreateEngine(settings.Profile, settings.Rules, stderr, Environment.CurrentDirectory, timings: settings.Stats ? new RuleTimings() : null,
                packs: settings.Packs) is not { } engine) return ExitCodes.UsageOrInput;
        var progress = ProgressDisplay.ForConsole(stderr, settings.Quiet, expanded.Inputs);
        var runner = new DiffLintRunner(engine, new RunOptions
        {
            DegreeOfParallelism = settings.Jobs,
            Reader = new ReaderOptions(settings.MboxFormat, Limits(engine.Configuration.EditorConfig, settings.Limits)),
            StandardInput = standardInput,
            CommitLookup = commits,
            SourceTree = sourceTree,
            MessageAnalysed = progress is null ? null : progress.MessageAnalysed,
        });
        if (OutputNamingAnInput(settings, expanded.Inputs) is { } clash)
        {
            stderr.WriteLine($"difflint: {clash}: the report would overwrite an input; write it elsewhere");
            return ExitCodes.UsageOrInput;
        }

        var toTerminal = settings.Output is null && !Console.IsOutputRedirected && ReferenceEquals(stdout, Console.Out);
        var color = toTerminal && !settings.NoColor && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var files = new List<ReportFile>();
        try
        {
            var outputs = new List<(IReporter Reporter, TextWriter Writer)>();
            if (settings.Output is { } output) outputs.Add((Reporter(settings.Format, settings, color: false), Open(output.FullName)));
            else outputs.Add((Reporter(settings.Format, settings, color), stdout));
            for (var i = 0; i < settings.ExtraOutputs.Count; i++)
            {
                var (format, path) = settings.ExtraOutputs[i];
                outputs.Add((Reporter(format, settings, color: false), Open(path)));
            }

            TextWriter Open(string path)
            {
                var file = ReportFile.Create(path);
                files.Add(file);
                return file.Writer;
            }

            var sources = expanded.Inputs;
            RunResult result;
            int inBaseline = 0;
            if (settings.Baseline is { } baseline)
            {
                // A baseline is matched by fingerprints, which are known once the whole run is: the reports wait for it.
                result = WithInputErrors(runner.Run(sources), expanded);
                progress?.Clear();
                WriteErrors(result, stderr);
                result = baseline.Filter(result, out inBaseline);
                var totals = new ReportTotals();
                foreach (var report in result.Reports) totals.Add(report);
                result = result with { Statistics = result.Statistics with { Totals = totals } };
                foreach (var (reporter, writer) in outputs) reporter.Write(result, engine.Rules, writer);
            }
            else
            {
                // A loop, not Select over the (reporter, writer) pairs: LINQ over a tuple is code the precompiled build lacks.
                var writers = new List<IReportWriter>(outputs.Count);
                for (var i = 0; i < outputs.Count; i++) writers.Add(outputs[i].Reporter.Start(engine.Rules, sources, outputs[i].Writer));
                StartupTrace.Mark("reporters started");
                result = WithInputErrors(runner.Run(sources, report =>
                {
                    if (toTerminal) progress?.Clear();
                    foreach (var writer in writers) writer.Write(report);
                    // Each patch's findings leave the process when it is done, whatever buffering stdout has.
                    stdout.Flush();
                }), expanded);
                StartupTrace.Mark("inputs analysed");
                progress?.Clear();
                WriteErrors(result, stderr);
                foreach (var writer in writers) writer.End(result);
            }

            foreach (var file in files) file.Commit();
            if (settings.Stats) WriteStats(result, sourceTree, engine.Timings, settings.Baseline is { } used ? (used, inBaseline) : null, stderr);

            if (result.InternalErrors > 0) return ExitCodes.InternalError;
            if (!result.Errors.IsEmpty) return ExitCodes.UsageOrInput;
            return result.Statistics.Totals.AnyAtOrAbove(settings.FailOn) ? ExitCodes.Findings : ExitCodes.Clean;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"difflint: cannot write the report: {ex.Message}");
            return ExitCodes.UsageOrInput;
        }
        finally
        {
            // A report not committed (a failure on the way) is removed: the file it was to replace stays as it was.
            foreach (var file in files) file.Dispose();
        }
    }

    private static void WriteErrors(RunResult result, TextWriter stderr)
    {
        foreach (var error in result.Errors) stderr.WriteLine($"difflint: {OutputText.Escape(error.ToString())}");
    }

    private static RunResult WithInputErrors(RunResult result, InputExpander.Expanded expanded) =>
        expanded.Errors.Count > 0 ? result with { Errors = [.. expanded.Errors, .. result.Errors] } : result;

    /// <summary>The first report file (<c>-o</c>, <c>--report</c>, <c>--sarif</c>) that is one of the inputs, or null.</summary>
    private static string? OutputNamingAnInput(Settings settings, IReadOnlyList<InputSource> inputs)
    {
        // No report file (a hook, most terminal runs): nothing to resolve, and no LINQ over the inputs at start-up.
        if (settings.Output is null && settings.ExtraOutputs.Count == 0) return null;
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var inputPaths = inputs.Where(i => i.FilePath is not null).Select(i => ReportFile.Resolve(i.FilePath!)).ToList();
        // Loops, not LINQ over the (format, path) pairs: generic code over a tuple that a precompiled build lacks.
        var names = StringComparer.FromComparison(comparison);
        if (settings.Output?.FullName is { } output && inputPaths.Contains(ReportFile.Resolve(output), names)) return output;
        for (var i = 0; i < settings.ExtraOutputs.Count; i++)
        {
            var path = settings.ExtraOutputs[i].Path;
            if (inputPaths.Contains(ReportFile.Resolve(path), names)) return path;
        }

        return null;
    }

    /// <summary>The input limits: the defaults, then the .editorconfig's <c>difflint_limit_*</c> keys (a value that is not valid leaves the default), then <c>--limit</c>.</summary>
    private static InputLimits Limits(EditorConfigSettings? editorConfig, IReadOnlyList<(string Name, string Value)> given)
    {
        var limits = InputLimits.Default;
        foreach (var name in InputLimits.Names)
        {
            if (editorConfig?.GlobalOption(InputLimits.EditorConfigKey(name)) is { } value && limits.TrySet(name, value, out var set, out _)) limits = set;
        }

        for (var i = 0; i < given.Count; i++)
        {
            if (limits.TrySet(given[i].Name, given[i].Value, out var set, out _)) limits = set;
        }

        return limits;
    }

    private static IReporter Reporter(string format, Settings settings, bool color) =>
        OutputFormats.Find(format)!.Create(new ReportSettings(color, settings.Quiet, settings.SarifCategory,
            () => settings.RepositoryUri ?? GitOrigin.RepositoryUri(Directory.GetCurrentDirectory()), settings.TargetUrl, settings.QemuCheckpatchTypes));

    private static void WriteStats(RunResult result, SourceTree? sourceTree, RuleTimings? timings, (Baseline Baseline, int LeftOut)? baseline,
        TextWriter stderr)
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
        stderr.WriteLine(string.Format(c, "  findings      {0}", s.Totals.AllFindings));
        if (baseline is var (used, leftOut))
            stderr.WriteLine(string.Format(c, "  baseline      {0}: {1} finding{2} left out (it holds {3})", used.Path, leftOut, leftOut == 1 ? "" : "s", used.Count));
        var profiles = s.Totals.Profiles
            .OrderByDescending(g => g.Value).ThenBy(g => g.Key.Profile, StringComparer.Ordinal).ThenBy(g => g.Key.Reason, StringComparer.Ordinal)
            .ToList();
        var label = "  profile       ";
        foreach (var group in profiles.Take(8))
        {
            stderr.WriteLine(string.Format(c, "{0}{1}: {2} patch{3}, chosen by {4}", label, group.Key.Profile, group.Value, group.Value == 1 ? "" : "es", group.Key.Reason));
            label = "                ";
        }

        if (profiles.Count > 8) stderr.WriteLine(string.Format(c, "{0}... and {1} more reasons", label, profiles.Count - 8));
        stderr.WriteLine("  tree          " + (sourceTree is null ? "none (the patch alone)" : DescribeTree(sourceTree)));
        stderr.WriteLine(string.Format(c, "  bytes         {0:N0}", s.Bytes));
        stderr.WriteLine(string.Format(c, "  wall time     {0:F1} ms on {1} thread{2}", s.WallTime.TotalMilliseconds, s.Threads, s.Threads == 1 ? "" : "s"));
        stderr.WriteLine(string.Format(c, "  throughput    {0:F1} MB/s", s.MegabytesPerSecond));
        foreach (var (name, value) in s.Cost.Describe()) stderr.WriteLine(string.Format(c, "  {0,-13} {1}", name, value));
        if (s.ThreadCpu is { } threadCpu) stderr.WriteLine("  CPU by thread " + threadCpu.Describe());
        if (timings is null) return;
        // Summed over threads, so with -j2 the total can exceed the wall time.
        var total = timings.Total;
        var stages = timings.Stages();
        var stageTotal = stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Time);
        label = "  stage time    ";
        foreach (var (name, time) in stages)
        {
            stderr.WriteLine(string.Format(c, "{0}{1,8:F1} ms {2,5:P0}  {3}", label, time.TotalMilliseconds,
                stageTotal > TimeSpan.Zero ? time / stageTotal : 0, name));
            label = "                ";
        }

        stderr.WriteLine(string.Format(c, "{0}{1,8:F1} ms in all stages, summed over threads", label, stageTotal.TotalMilliseconds));
        stderr.WriteLine(string.Format(c, "{0}{1,8:F1} ms CPU outside all stages (garbage collection, JIT, waiting threads)", label,
            (s.Cost.CpuTime - stageTotal).TotalMilliseconds));
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
