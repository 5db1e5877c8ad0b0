using System.Collections.Immutable;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using DiffLint.Core;
using DiffLint.Core.Analysis;
using DiffLint.Core.Packs;
using DiffLint.Core.Profiles;
using DiffLint.Cli.Checkpatch;
using DiffLint.Cli.Hooks;
using DiffLint.Cli.Rules;
using DiffLint.Rules;

namespace DiffLint.Cli;

/// <summary>
/// The <c>difflint</c> command line: one System.CommandLine command per task, each with its own action. <c>check</c>
/// is also the root's action, so <c>difflint x.mbox</c> checks; <c>hook</c>, <c>rules</c>, <c>rule</c> and
/// <c>checkpatch</c> are the others.
/// </summary>
public static class CommandLine
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<Stream>? standardInput = null) =>
        HookRunner.RunInstalledForm(args, stderr, standardInput ?? Console.OpenStandardInput) ?? ParseAndRun(args, stdout, stderr, standardInput);

    // Apart from Run: a precompiled method's System.CommandLine types are loaded before its first line runs, which an
    // installed hook's run (above) never needs.
    private static int ParseAndRun(string[] args, TextWriter stdout, TextWriter stderr, Func<Stream>? standardInput)
    {
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
              difflint rules                          list every rule (--format json or markdown)
              difflint rule LONG_LINE                 a rule's documentation, by ID, name or checkpatch TYPE
              difflint --baseline old.sarif pr.mbox   only the findings an earlier SARIF or JSON report does not hold
              difflint checkpatch --no-tree x.patch   the kernel's checkpatch.pl command line and output (see 'difflint checkpatch --help')

            Rule settings: --select, --ignore, --severity and --strict win over .editorconfig, which wins over the rules' defaults
            (README "Configure"; 'difflint rule <ID>' lists a rule's .editorconfig options).

            Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 bad usage or unreadable input, 3 internal error.
            """);
        // A command named first is the one that runs (a subcommand wins over an input of that name), so only it is
        // built: an installed hook starts a process per patch, and the check command's options (reporters, profiles,
        // limits) are most of the command line's set-up.
        var only = args.Length > 0 && args[0] is "hook" or "rules" or "rule" or "checkpatch" ? args[0] : null;
        if (only is null)
        {
            var check = new CheckCommand(stdout, stderr, standardInput);
            check.AddTo(root);
            var checkCommand = new Command("check", "Check patch files, mboxes, diffs, Patchwork JSON or git commits: what difflint does without a command.");
            check.AddTo(checkCommand);
            root.Subcommands.Add(checkCommand);
        }

        if (only is null or "hook") root.Subcommands.Add(new HookCommand(stdout, stderr).Command);
        if (only is null or "rules") root.Subcommands.Add(new RulesCommand(stdout, stderr).Command);
        if (only is null or "rule") root.Subcommands.Add(new RuleCommand(stdout, stderr).Command);
        if (only is null or "checkpatch") root.Subcommands.Add(CheckpatchCommand.Create(stdout, stderr, standardInput));
        GiveEachCommandItsOwnHelp(root);
        StartupTrace.Mark("commands built");

        var parse = root.Parse(args);
        StartupTrace.Mark("parsed");
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) stderr.WriteLine($"difflint: {error.Message}");
            stderr.WriteLine($"Try '{PathOf(parse.CommandResult)} --help'.");
            return ExitCodes.UsageOrInput;
        }

        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }

    /// <summary><c>difflint hook install</c>: how the user names the command that was parsed.</summary>
    private static string PathOf(CommandResult result) =>
        result.Parent is CommandResult parent ? PathOf(parent) + " " + result.Command.Name : "difflint";

    /// <summary>
    /// Replaces the root's <c>--help</c>, which System.CommandLine gives to every command below it, by one per command,
    /// so that <c>checkpatch</c> keeps the script's own <c>--help</c> and <c>-h</c>.
    /// </summary>
    private static void GiveEachCommandItsOwnHelp(RootCommand root)
    {
        root.Options.Remove(root.Options.OfType<HelpOption>().Single());
        AddHelp(root);

        static void AddHelp(Command command)
        {
            if (!command.TreatUnmatchedTokensAsErrors) return; // takes its words as they are: checkpatch
            command.Options.Add(new HelpOption { Recursive = false });
            foreach (var subcommand in command.Subcommands) AddHelp(subcommand);
        }
    }

    /// <summary>What every built-in rule can report, each ID once, in the rules' order.</summary>
    internal static IReadOnlyList<RuleDescriptor> Descriptors { get; } = DistinctDescriptors(BuiltInRules.All);

    // A loop, not SelectMany and DistinctBy: every check run and hook makes this list, and the LINQ iterators' generic
    // code over the descriptors took ~0.6 ms of the main thread's start-up (perf, published build).
    private static List<RuleDescriptor> DistinctDescriptors(ImmutableArray<PatchRule> rules)
    {
        var descriptors = new List<RuleDescriptor>(rules.Length * 2);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            foreach (var descriptor in rule.SupportedDiagnostics)
            {
                if (ids.Add(descriptor.Id)) descriptors.Add(descriptor);
            }
        }

        return descriptors;
    }

    /// <summary>
    /// The engine with the rule settings in their order of precedence: the command line's over the repository's
    /// .editorconfig over the rules' defaults; null (said on stderr) when the .editorconfig names an unknown profile.
    /// </summary>
    internal static AnalysisEngine? CreateEngine(Profile? forcedProfile, RuleSelection rules, TextWriter stderr, string currentDirectory,
        string profileReason = "--profile", RuleTimings? timings = null, ImmutableArray<RulePack>? packs = null)
    {
        var editorConfig = EditorConfigSettings.Load(EditorConfigSettings.RootOf(currentDirectory));
        StartupTrace.Mark(".editorconfig read");
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
        StartupTrace.Mark("rule packs loaded");
        var prepared = PreparedEngine.Take();
        _ = BuiltInRules.All;
        StartupTrace.Mark("built-in rules made");
        var configuration = rules.ApplyTo(RuleConfiguration.Default.WithEditorConfig(editorConfig), [.. Descriptors, .. PackDescriptors(loaded)]);
        StartupTrace.Mark("configuration");
        try
        {
            // The engine made while the command line was read has the built-in rules alone; other packs need a new one,
            // made once that thread is done initializing the same rules.
            if (prepared is null || !loaded.IsEmpty) PreparedEngine.Finish();
            var engine = prepared is not null && loaded.IsEmpty
                ? prepared.WithSettings(configuration, profiles, timings)
                : new AnalysisEngine(BuiltInRules.All, configuration, profiles, loaded) { Timings = timings };
            StartupTrace.Mark("engine made");
            return engine;
        }
        catch (RulePackException ex)
        {
            stderr.WriteLine($"difflint: {ex.Message}");
            return null;
        }
    }

    /// <summary>What the rules of <paramref name="packs"/> can report.</summary>
    internal static IEnumerable<RuleDescriptor> PackDescriptors(IEnumerable<RulePack> packs) => packs.SelectMany(p => p.Rules).SelectMany(r => r.SupportedDiagnostics);

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
}
