using BenchmarkDotNet.Running;
using DiffLint.Benchmarks;

// dotnet run -c Release --project tests/DiffLint.Benchmarks [-- --filter '*watchdog*']
// dotnet run -c Release --project tests/DiffLint.Benchmarks -- --stages [-j N] [MBOX...]   (time per stage, as --stats)
// dotnet run -c Release --project tests/DiffLint.Benchmarks -- --resources [-n RUNS] MBOX   (the resource analysis's CPU time)
if (args.Length > 0 && args[0] == "--stages")
{
    var rest = args[1..];
    var threads = 1;
    if (rest.Length >= 2 && rest[0] == "-j")
    {
        threads = int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture);
        rest = rest[2..];
    }

    StageTimes.Run(rest, threads);
    return;
}

if (args.Length > 0 && args[0] == "--resources")
{
    var runs = args.Length >= 4 && args[1] == "-n" ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 11;
    ResourceAnalysisTimes.Run(args[^1], runs);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
