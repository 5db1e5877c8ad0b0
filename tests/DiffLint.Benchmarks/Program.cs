using BenchmarkDotNet.Running;
using DiffLint.Benchmarks;

// dotnet run -c Release --project tests/DiffLint.Benchmarks [-- --filter '*watchdog*']
// dotnet run -c Release --project tests/DiffLint.Benchmarks -- --stages [-j N] [MBOX...]   (time per stage, as --stats)
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

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
