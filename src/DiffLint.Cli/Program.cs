using DiffLint.Cli;

if (PreparedEngine.IsWorthStarting(args)) PreparedEngine.Start();
StartupTrace.Mark("main");
var exit = CommandLine.Run(args, Console.Out, Console.Error);
PreparedEngine.Finish();
StartupTrace.Mark("exit");
return exit;
