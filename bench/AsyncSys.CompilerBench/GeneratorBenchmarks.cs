using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncSys.CompilerBench;

/// <summary>The generator over 1,000 annotated methods: a cold run, and a run after an unrelated edit.</summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _editedA = null!;
    private CSharpCompilation _editedB = null!;
    private GeneratorDriver _warmDriver = null!;
    private bool _flip;

    [GlobalSetup]
    public void Setup()
    {
        _compilation = Sources.Compilation(Sources.Wrappers(1000), "namespace Other { public static class Edited { public static int Value => 1; } }");
        SyntaxTree unrelated = _compilation.SyntaxTrees[1];
        _editedA = _compilation.ReplaceSyntaxTree(unrelated, CSharpSyntaxTree.ParseText("namespace Other { public static class Edited { public static int Value => 2; } }", Sources.Parse));
        _editedB = _compilation.ReplaceSyntaxTree(unrelated, CSharpSyntaxTree.ParseText("namespace Other { public static class Edited { public static int Value => 3; } }", Sources.Parse));
        _warmDriver = NewDriver().RunGenerators(_compilation);
    }

    private static GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create(
        new ISourceGenerator[] { new AsyncSys.Generator.AsyncSyscallGenerator().AsSourceGenerator() },
        parseOptions: Sources.Parse,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    [Benchmark(Description = "generate 1,000 wrappers (cold driver)")]
    public GeneratorDriver FullRun() => NewDriver().RunGenerators(_compilation);

    [Benchmark(Description = "incremental run after an unrelated edit")]
    public GeneratorDriver IncrementalAfterUnrelatedEdit()
    {
        // Alternate between two edits so every iteration really is an edit.
        _flip = !_flip;
        _warmDriver = _warmDriver.RunGenerators(_flip ? _editedA : _editedB);
        return _warmDriver;
    }
}
