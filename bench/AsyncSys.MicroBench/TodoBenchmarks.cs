namespace AsyncSys.MicroBench;

/// <summary>
/// TODO (owned by the generator and analyzer engineers, not measured here): the source generator's run over a
/// compilation of 1,000 [AsyncSyscall] methods, and the analyzers' cost on the same compilation. This class
/// holds no [Benchmark] on purpose, so BenchmarkDotNet lists nothing and no number is invented; replace it with
/// GeneratorBenchmarks / AnalyzerBenchmarks that drive CSharpGeneratorDriver and CompilationWithAnalyzers.
/// </summary>
public static class GeneratorAndAnalyzerBenchmarksTodo
{
    /// <summary>The size the issue asks for.</summary>
    public const int MethodCount = 1000;
}
