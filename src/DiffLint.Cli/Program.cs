using DiffLint.Cli;
using DiffLint.Core;

if (PreparedEngine.IsWorthStarting(args)) PreparedEngine.Start();
StartupTrace.Mark("main");
var streams = StandardStreams.ForConsole();
int exit;
try
{
    exit = CommandLine.Run(args, streams.Output, streams.Error);
}
finally
{
    streams.Flush();
}

PreparedEngine.Finish();
StartupTrace.Mark("exit");
return exit;
