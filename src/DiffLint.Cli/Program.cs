using DiffLint.Cli;
using DiffLint.Cli.Hooks;
using DiffLint.Core;

// An installed hook's run goes to this build's hook server first: it has the rules made and their code warm.
var hookServer = HookServerClient.For(args);
if (hookServer?.TryRun() is { } served)
{
    StartupTrace.Mark("served by the hook server");
    StartupTrace.Mark("exit");
    return served;
}

if (PreparedEngine.IsWorthStarting(args)) PreparedEngine.Start();
StartupTrace.Mark("main");
var streams = StandardStreams.ForConsole();
int exit;
try
{
    exit = CommandLine.Run(args, streams.Output, streams.Error, hookServer?.StandardInputForOwnRun);
}
finally
{
    streams.Flush();
}

PreparedEngine.Finish();
hookServer?.StartServerIfNone();
StartupTrace.Mark("exit");
return exit;
