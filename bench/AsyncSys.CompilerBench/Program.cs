using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/AsyncSys.CompilerBench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(AsyncSys.CompilerBench.GeneratorBenchmarks).Assembly).Run(args);
