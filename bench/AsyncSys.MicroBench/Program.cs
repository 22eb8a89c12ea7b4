// BenchmarkDotNet micro-benchmarks for the ring's per-operation costs. See MicroConfig for the default job.
//   dotnet run -c Release --project bench/AsyncSys.MicroBench -- --filter '*'
using System;
using System.Linq;
using AsyncSys.MicroBench;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// With --job on the command line BenchmarkDotNet's own choice applies (e.g. --job dry for a smoke test).
IConfig config = args.Any(a => a.Equals("--job", StringComparison.OrdinalIgnoreCase) || a.Equals("-j", StringComparison.Ordinal))
    ? MicroConfig.WithoutJob()
    : MicroConfig.Default();
BenchmarkSwitcher.FromAssembly(typeof(MicroConfig).Assembly).Run(args, config);
