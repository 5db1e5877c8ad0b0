using System.CommandLine;
using DiffLint.Core.Analysis;
using DiffLint.Core.Git;

namespace DiffLint.Cli.Hooks;

/// <summary>
/// <c>difflint hook install|uninstall|status|run</c>: the git hooks that stop a bad patch before it is sent
/// (sendemail-validate), committed (commit-msg) or pushed (pre-push).
/// </summary>
internal sealed class HookCommand
{
    private readonly Command _install = new("install", "Install a hook into this repository (default sendemail-validate): a script in the hooks directory (core.hooksPath honoured), or a config-declared hook on git >= 2.54.");
    private readonly Command _uninstall = new("uninstall", "Remove a hook difflint installed (all of them when no event is named); a chained hook is put back.");
    private readonly Command _status = new("status", "Show which hooks are installed, by whom, and whether their difflint still exists.");
    private readonly Command _run = new("run", "Run as the given hook with git's arguments (what an installed hook executes).");
    private readonly Command _serve = new("serve", "Serve the installed hooks of this difflint build (started by the first hook run; ends after --idle-seconds without a request). DIFFLINT_HOOK_SERVER=0 turns hook servers off.");
    private readonly Option<int> _idleSeconds = new("--idle-seconds") { Description = "End after this many seconds without a request.", DefaultValueFactory = _ => (int)HookServer.DefaultIdle.TotalSeconds };
    private readonly Option<bool> _stop = new("--stop") { Description = "Stop this build's hook server, if one runs, instead of serving." };
    private readonly Argument<string> _installEvent = Event(ArgumentArity.ZeroOrOne);
    private readonly Argument<string> _uninstallEvent = Event(ArgumentArity.ZeroOrOne);
    private readonly Argument<string> _runEvent = Event(ArgumentArity.ExactlyOne);
    private readonly Argument<string[]> _gitArguments = new("arguments") { Description = "What git passes to the hook.", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<bool> _chain = new("--chain") { Description = "Keep an existing hook that difflint did not write, and run it before difflint." };
    private readonly Option<bool> _force = new("--force") { Description = "Replace an existing hook that difflint did not write." };
    private readonly Option<string> _installFailOn = FailOn();
    private readonly Option<string> _runFailOn = FailOn();

    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;

    public HookCommand(TextWriter stdout, TextWriter stderr)
    {
        _stdout = stdout;
        _stderr = stderr;
        _install.Arguments.Add(_installEvent);
        _install.Options.Add(_chain);
        _install.Options.Add(_force);
        _install.Options.Add(_installFailOn);
        _install.SetAction(parse => WithInstaller(installer => installer.Install(parse.GetValue(_installEvent) ?? HookEvent.SendEmailValidate,
            parse.GetValue(_chain), parse.GetValue(_force), parse.GetValue(_installFailOn)!, _stdout, _stderr)));
        _uninstall.Arguments.Add(_uninstallEvent);
        _uninstall.SetAction(parse => WithInstaller(installer =>
        {
            var named = parse.GetValue(_uninstallEvent);
            var exit = ExitCodes.Clean;
            foreach (var hookEvent in named is { } one ? [one] : HookEvent.All)
            {
                var code = installer.Uninstall(hookEvent, _stdout, _stderr);
                // With no hook named the task is "remove what difflint installed": another tool's hook, left alone and
                // named on stderr, is not a failure. Named, it is: that hook could not be removed.
                if (named is not null) exit = Math.Max(exit, code);
            }

            return exit;
        }));
        _status.SetAction(_ => WithInstaller(installer =>
        {
            installer.Status(_stdout);
            _stdout.WriteLine("hook server: " + HookServerClient.Describe());
            return ExitCodes.Clean;
        }));
        _run.Arguments.Add(_runEvent);
        _run.Arguments.Add(_gitArguments);
        _run.Options.Add(_runFailOn);
        _run.SetAction(parse =>
        {
            SeverityNames.TryParse(parse.GetValue(_runFailOn), out var level);
            return new HookRunner(level, _stderr, Console.OpenStandardInput).Run(parse.GetValue(_runEvent)!, parse.GetValue(_gitArguments) ?? []);
        });
        _serve.Options.Add(_idleSeconds);
        _serve.Options.Add(_stop);
        _idleSeconds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 86_400) result.AddError("--idle-seconds must be between 1 and 86400.");
        });
        _serve.SetAction(parse => Serve(parse.GetValue(_stop), TimeSpan.FromSeconds(parse.GetValue(_idleSeconds))));
        Command = new Command("hook", "Install, remove or inspect the git hooks that check patches before they are sent, committed or pushed.")
        {
            _install, _uninstall, _status, _run, _serve,
        };
        Command.SetAction(_ =>
        {
            _stderr.WriteLine("difflint: hook needs install, uninstall, status, run or serve. Try 'difflint hook --help'.");
            return ExitCodes.UsageOrInput;
        });
    }

    public Command Command { get; }

    private int Serve(bool stop, TimeSpan idle)
    {
        if (HookServerAddress.IsSwitchedOff(Environment.GetEnvironmentVariable))
        {
            _stderr.WriteLine($"difflint: hook servers are off ({HookServerAddress.SwitchVariable}={Environment.GetEnvironmentVariable(HookServerAddress.SwitchVariable)}, or a platform without them).");
            return stop ? ExitCodes.Clean : ExitCodes.UsageOrInput;
        }

        if (HookServerAddress.ForThisBuild(Environment.GetEnvironmentVariable) is not { } address)
        {
            _stderr.WriteLine($"difflint: no private folder for a hook server (XDG_RUNTIME_DIR, {HookServerAddress.FolderVariable} or the temporary folder: it must be the user's own, mode 0700).");
            return ExitCodes.UsageOrInput;
        }

        if (!stop) return new HookServer(address, idle).Serve();
        var request = new HookServerProtocol.Request(HookServerProtocol.Kind.Stop, Environment.CurrentDirectory, [], new Dictionary<string, string>(), []);
        _stdout.WriteLine(HookServerClient.Send(address, request, out _) is null
            ? $"difflint: no hook server of this build runs ({address.Socket})."
            : $"difflint: hook server stopped ({address.Socket}).");
        return ExitCodes.Clean;
    }

    /// <summary>Runs <paramref name="action"/> on the installer of the repository difflint runs in; exit 2 outside one.</summary>
    private int WithInstaller(Func<HookInstaller, int> action)
    {
        try
        {
            var repository = GitRepository.Open(Environment.CurrentDirectory);
            return action(new HookInstaller(repository, GitVersion.Of(repository.Directory), HookProgram.Current()));
        }
        catch (GitInputException ex)
        {
            _stderr.WriteLine($"difflint: {ex.ToInputError()}");
            return ExitCodes.UsageOrInput;
        }
        catch (GitUnavailableException ex)
        {
            _stderr.WriteLine($"difflint: {ex.Message}");
            return ExitCodes.UsageOrInput;
        }
    }

    private static Argument<string> Event(ArgumentArity arity)
    {
        var argument = new Argument<string>("event") { Description = string.Join(", ", HookEvent.All), Arity = arity };
        argument.AcceptOnlyFromAmong(HookEvent.All);
        return argument;
    }

    private static Option<string> FailOn()
    {
        var option = new Option<string>("--fail-on")
        {
            Description = "Refuse at or above this level.",
            DefaultValueFactory = _ => "error",
        };
        option.AcceptOnlyFromAmong("error", "warning", "note");
        return option;
    }
}
