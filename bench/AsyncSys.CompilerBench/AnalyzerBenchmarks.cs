using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncSys.CompilerBench;

/// <summary>Analyzer cost on a large source file (1,000 methods, two workloads): the compiler alone vs with every AsyncSys analyzer.</summary>
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private ImmutableArray<DiagnosticAnalyzer> _analyzers;

    /// <summary>"original": 1,000 async callers that all read errno after an await; "mixed": the realistic mix.</summary>
    [Params("original", "mixed")]
    public string Workload { get; set; } = "original";

    [GlobalSetup]
    public void Setup()
    {
        _compilation = Sources.AnalyzerWorkload(Workload);
        _analyzers = typeof(AsyncSys.Analyzers.ErrnoReadTooLateAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)System.Activator.CreateInstance(t)!)
            .ToImmutableArray();
    }

    [Benchmark(Baseline = true, Description = "compiler alone (binding + diagnostics)")]
    public int CompilerOnly() => _compilation.Clone().GetDiagnostics().Length;

    [Benchmark(Description = "compiler + AsyncSys analyzers")]
    public async Task<int> CompilerWithAnalyzers() =>
        (await _compilation.Clone().WithAnalyzers(_analyzers).GetAllDiagnosticsAsync().ConfigureAwait(false)).Length;
}
