using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/AsyncSys.CompilerBench -- --filter '*'
// dotnet bench/AsyncSys.CompilerBench/bin/Release/net10.0/AsyncSys.CompilerBench.dll --profile   (quick per-analyzer and per-step breakdown)
// dotnet bench/AsyncSys.CompilerBench/bin/Release/net10.0/AsyncSys.CompilerBench.dll --public bench/AsyncSys.CompilerBench/public-code.txt /tmp/public
if (args.Length > 2 && args[0] == "--public")
{
    await AsyncSys.CompilerBench.PublicCode.RunAsync(args[1], args[2]).ConfigureAwait(false);
    return;
}

// dotnet .../AsyncSys.CompilerBench.dll --index original   (the rules' token index alone, against the compiler alone)
if (args.Length > 1 && args[0] == "--index")
{
    AsyncSys.CompilerBench.IndexTiming.Run(args[1]);
    return;
}

if (args.Length > 0 && args[0] == "--profile")
{
    await AsyncSys.CompilerBench.Profile.RunAsync(args).ConfigureAwait(false);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(AsyncSys.CompilerBench.GeneratorBenchmarks).Assembly).Run(args);
