using DiffLint.Cli;

StartupTrace.Mark("main");
var exit = CommandLine.Run(args, Console.Out, Console.Error);
StartupTrace.Mark("exit");
return exit;
