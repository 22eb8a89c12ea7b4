using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/AsyncSys.CompilerBench -- --filter '*'
// dotnet bench/AsyncSys.CompilerBench/bin/Release/net10.0/AsyncSys.CompilerBench.dll --profile   (quick per-analyzer and per-step breakdown)
if (args.Length > 0 && args[0] == "--profile")
{
    await AsyncSys.CompilerBench.Profile.RunAsync(args).ConfigureAwait(false);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(AsyncSys.CompilerBench.GeneratorBenchmarks).Assembly).Run(args);
