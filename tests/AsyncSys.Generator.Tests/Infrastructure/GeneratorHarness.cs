using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncSys.Generator.Tests.Infrastructure;

/// <summary>Compiles test sources against the real runtime assembly and runs the generator and analyzer over them.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly Lazy<MetadataReference[]> References = new(LoadReferences);

    public static CSharpCompilation Compile(params string[] sources) => Compile(ParseOptions, sources);

    public static CSharpCompilation Compile(CSharpParseOptions parseOptions, params string[] sources)
    {
        var trees = new List<SyntaxTree>();
        for (int i = 0; i < sources.Length; i++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(sources[i], parseOptions, path: "Input" + i + ".cs"));
        }

        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            allowUnsafe: true,
            nullableContextOptions: NullableContextOptions.Enable,
            // Inputs need not document themselves; the generated code's crefs are still checked.
            specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1591"] = ReportDiagnostic.Suppress });
        return CSharpCompilation.Create("GeneratorInput", trees, References.Value, options);
    }

    /// <summary>A driver for the generator; <paramref name="buildProperties"/> are the MSBuild properties it sees (none by default).</summary>
    public static GeneratorDriver CreateDriver(IReadOnlyDictionary<string, string>? buildProperties = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new AsyncSyscallGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            optionsProvider: buildProperties is null ? null : new BuildProperties(buildProperties),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once; returns the run and the compilation with the generated files added.</summary>
    public static (GeneratorDriverRunResult Run, Compilation Output) Run(Compilation input, IReadOnlyDictionary<string, string>? buildProperties = null)
    {
        GeneratorDriver driver = CreateDriver(buildProperties).RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        return (driver.GetRunResult(), output);
    }

    /// <summary>The analyzer's diagnostics over a compilation that already holds the generated code, as in a real build.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation)
    {
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => exceptions.Add(exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new Diagnostics.AsyncSyscallAnalyzer());
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
        Assert.Empty(exceptions);
        return diagnostics;
    }

    /// <summary>
    /// Compiler warnings and errors of a compilation. CS8795 (a [LibraryImport] partial without its body) is left
    /// out: in a real build the runtime's LibraryImport generator writes that body.
    /// </summary>
    public static List<Diagnostic> CompilerProblems(Compilation compilation) =>
        compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS8795")
            .ToList();

    private static MetadataReference[] LoadReferences()
    {
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = new List<MetadataReference>();
        foreach (string file in Directory.GetFiles(frameworkDirectory, "*.dll"))
        {
            if (IsManagedAssembly(file))
            {
                references.Add(MetadataReference.CreateFromFile(file));
            }
        }

        references.Add(MetadataReference.CreateFromFile(typeof(IoRing).Assembly.Location));
        return references.ToArray();
    }

    private static bool IsManagedAssembly(string file)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(file);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
