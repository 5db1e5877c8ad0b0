using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/DiffLint.Benchmarks [-- --filter '*watchdog*']
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
