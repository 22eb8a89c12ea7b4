using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace AsyncSys.CompilerBench;

/// <summary>
/// A quick breakdown, not a benchmark: per analyzer, the cost of adding it alone to the compiler (fastest of a
/// few interleaved runs, and allocations, which the busy machine does not disturb) and its own execution time
/// from Roslyn's telemetry; then the generator's steps after an unrelated edit.
/// </summary>
internal static class Profile
{
    private static readonly int Runs = int.TryParse(System.Environment.GetEnvironmentVariable("PROFILE_RUNS"), out int runs) ? runs : 9;

    public static async Task RunAsync(string[] args)
    {
        // --workload mixed: the realistic mix (Sources.Mixed); the default is the original 1,000 callers.
        int workloadArg = Array.IndexOf(args, "--workload");
        string workload = workloadArg >= 0 && workloadArg + 1 < args.Length ? args[workloadArg + 1] : "original";
        CSharpCompilation compilation = Sources.AnalyzerWorkload(workload);

        // --serial: one thread for the compiler and the analyzers, so a busy machine's other work cannot reorder them;
        // the ratio is then one of work done, not of how the two cores were shared.
        bool serial = args.Contains("--serial");
        if (serial)
        {
            compilation = compilation.WithOptions(compilation.Options.WithConcurrentBuild(false));
        }

        var analyzerOptions = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: !serial, logAnalyzerExecutionTime: false);
        Console.WriteLine("workload: " + workload + (serial ? ", serial" : ""));
        foreach (Diagnostic error in compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Take(10))
        {
            Console.WriteLine("  compile problem: " + error);
        }

        // A workload that no longer compiles against the runtime's API (the mixed one called a renamed method for a while)
        // measures the compiler's error recovery and rules running over broken code: refuse rather than print figures.
        if (compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            Console.Error.WriteLine("the " + workload + " workload does not compile (above): update Sources.cs to the runtime's API before measuring");
            Environment.Exit(2);
        }

        ImmutableArray<DiagnosticAnalyzer> analyzers = Baseline.AnalyzersIn(typeof(AsyncSys.Analyzers.ErrnoReadTooLateAnalyzer).Assembly);

        if (args.Contains("--edit-loop"))
        {
            // For a sampling profiler (perf with DOTNET_PerfMapEnabled=1): nothing but incremental runs after unrelated edits.
            CSharpCompilation wrappers = Sources.Compilation(Sources.Wrappers(1000), "namespace Other { public static class Edited { public static int Value => 1; } }");
            GeneratorDriver driver = CSharpGeneratorDriver.Create(new AsyncSys.Generator.AsyncSyscallGenerator()).RunGenerators(wrappers);
            for (int i = 0; i < 200; i++)
            {
                driver = driver.RunGenerators(wrappers.ReplaceSyntaxTree(wrappers.SyntaxTrees[1], CSharpSyntaxTree.ParseText("namespace Other { public static class Edited { public static int Value => " + i + "; } }", Sources.Parse)));
            }

            return;
        }

        int loop = Array.IndexOf(args, "--loop");
        if (loop >= 0 && loop + 1 < args.Length)
        {
            // For a sampling profiler (dotnet-trace collect -- dotnet AsyncSys.CompilerBench.dll --profile --loop NAME):
            // the compiler with one analyzer (a type name), all of them ("all"), or none ("compiler"), 30 times.
            string name = args[loop + 1];
            ImmutableArray<DiagnosticAnalyzer> chosen = name == "all" ? analyzers : analyzers.Where(a => a.GetType().Name == name).ToImmutableArray();
            for (int i = 0; i < 30; i++)
            {
                if (name == "compiler")
                {
                    compilation.Clone().GetDiagnostics();
                }
                else
                {
                    await compilation.Clone().WithAnalyzers(chosen, analyzerOptions).GetAllDiagnosticsAsync().ConfigureAwait(false);
                }
            }

            return;
        }

        if (!args.Contains("--generator-only"))
        {
            var cases = new List<(string Name, Func<Task<int>> Run)>
            {
                ("compiler alone", () => Task.FromResult(compilation.Clone().GetDiagnostics().Length)),
                ("compiler + all AsyncSys analyzers", async () => (await compilation.Clone().WithAnalyzers(analyzers, analyzerOptions).GetAllDiagnosticsAsync().ConfigureAwait(false)).Length),
            };
            // --baseline DIR: the rules of another build (its AsyncSys.Analyzers.dll, loaded beside these), measured in the
            // same interleaved runs, so a change is compared with what it replaces under the same load.
            int baselineArg = Array.IndexOf(args, "--baseline");
            if (baselineArg >= 0 && baselineArg + 1 < args.Length)
            {
                ImmutableArray<DiagnosticAnalyzer> baseline = Baseline.Load(args[baselineArg + 1]);
                cases.Add(("compiler + baseline's analyzers", async () => (await compilation.Clone().WithAnalyzers(baseline, analyzerOptions).GetAllDiagnosticsAsync().ConfigureAwait(false)).Length));
            }

            // --probes: every probe; --probes=9,11: those kinds only.
            string? probes = args.FirstOrDefault(a => a.StartsWith("--probes", StringComparison.Ordinal));
            if (probes is not null)
            {
                int[]? only = probes.Contains('=') ? probes[(probes.IndexOf('=') + 1)..].Split(',').Select(int.Parse).ToArray() : null;
                foreach ((int kind, string name) in Probe.Kinds.Where(k => only is null || only.Contains(k.Kind)))
                {
                    // Kind 17: seven analyzers that each register only a compilation start action (what the driver costs per analyzer).
                    // Kinds 20 and 21: seven analyzers shaped like the rules (a tree and a semantic model action each), doing nothing.
                    ImmutableArray<DiagnosticAnalyzer> probeAnalyzers = kind is 17 or 20 or 21
                        ? Enumerable.Range(0, 7).Select(_ => (DiagnosticAnalyzer)new Probe(kind == 17 ? 9 : kind + 100)).ToImmutableArray()
                        : ImmutableArray.Create<DiagnosticAnalyzer>(new Probe(kind));
                    cases.Add(("probe: " + name, async () => (await compilation.Clone().WithAnalyzers(probeAnalyzers, analyzerOptions).GetAllDiagnosticsAsync().ConfigureAwait(false)).Length));
                }
            }

            // --totals: only the compiler alone and with all analyzers (and any probes asked for), not each analyzer.
            int firstAnalyzer = cases.Count;
            foreach (DiagnosticAnalyzer analyzer in args.Contains("--totals") ? Enumerable.Empty<DiagnosticAnalyzer>() : analyzers)
            {
                cases.Add(("  " + analyzer.GetType().Name, async () => (await compilation.Clone().WithAnalyzers(ImmutableArray.Create(analyzer), analyzerOptions).GetAllDiagnosticsAsync().ConfigureAwait(false)).Length));
            }

            (double Ms, double Mb, int Count, double Cpu)[] results = await MeasureInterleavedAsync(cases).ConfigureAwait(false);
            for (int i = 0; i < cases.Count; i++)
            {
                string own = "";
                if (i >= firstAnalyzer)
                {
                    own = $"  own {await OwnTimeAsync(compilation, analyzers[i - firstAnalyzer]).ConfigureAwait(false),6:F1} ms";
                }

                Console.WriteLine($"{cases[i].Name,-42} {results[i].Ms,8:F1} ms {results[i].Ms / results[0].Ms,5:F2}x  cpu {results[i].Cpu / results[0].Cpu,5:F2}x  {results[i].Mb,6:F1} MB {results[i].Mb / results[0].Mb,5:F2}x  ({results[i].Count} diagnostics){own}");
            }
        }

        if (!args.Contains("--analyzers-only"))
        {
            ProfileGenerator();
        }
    }

    /// <summary>Runs the cases round-robin so the machine's load hits them alike; keeps each one's fastest run.</summary>
    private static async Task<(double Ms, double Mb, int Count, double Cpu)[]> MeasureInterleavedAsync(List<(string Name, Func<Task<int>> Run)> cases)
    {
        var results = new (double Ms, double Mb, int Count, double Cpu)[cases.Count];
        for (int i = 0; i < results.Length; i++)
        {
            results[i].Ms = double.MaxValue;
            results[i].Mb = double.MaxValue;
            results[i].Cpu = double.MaxValue;
            await cases[i].Run().ConfigureAwait(false);
        }

        for (int run = 0; run < Runs; run++)
        {
            for (int i = 0; i < cases.Count; i++)
            {
                GC.Collect();
                long allocated = GC.GetTotalAllocatedBytes(precise: true);
                TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                results[i].Count = await cases[i].Run().ConfigureAwait(false);
                double ms = clock.Elapsed.TotalMilliseconds;
                double mb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6;
                results[i].Ms = Math.Min(results[i].Ms, ms);
                results[i].Mb = Math.Min(results[i].Mb, mb);
                results[i].Cpu = Math.Min(results[i].Cpu, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
            }
        }

        return results;
    }

    private static async Task<double> OwnTimeAsync(CSharpCompilation compilation, DiagnosticAnalyzer analyzer)
    {
        double best = double.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null,
                concurrentAnalysis: false, logAnalyzerExecutionTime: true);
            CompilationWithAnalyzers withOne = compilation.Clone().WithAnalyzers(ImmutableArray.Create(analyzer), options);
            await withOne.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            AnalyzerTelemetryInfo info = await withOne.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
            best = Math.Min(best, info.ExecutionTime.TotalMilliseconds);
        }

        return best;
    }

    private static void ProfileGenerator()
    {
        CSharpCompilation compilation = Sources.Compilation(Sources.Wrappers(1000), "namespace Other { public static class Edited { public static int Value => 1; } }");
        SyntaxTree unrelated = compilation.SyntaxTrees[1];
        GeneratorDriver NewDriver(bool track) => CSharpGeneratorDriver.Create(
            new ISourceGenerator[] { new AsyncSys.Generator.AsyncSyscallGenerator().AsSourceGenerator() },
            parseOptions: Sources.Parse,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

        GeneratorDriver warm = NewDriver(true).RunGenerators(compilation);
        int edit = 0;
        (double Ms, double Mb) cold = (double.MaxValue, double.MaxValue), incremental = cold;
        for (int run = 0; run < Runs; run++)
        {
            cold = Min(cold, Measure(() => NewDriver(false).RunGenerators(compilation)));
            SyntaxTree edited = CSharpSyntaxTree.ParseText("namespace Other { public static class Edited { public static int Value => " + (++edit + 1) + "; } }", Sources.Parse);
            Compilation next = compilation.ReplaceSyntaxTree(unrelated, edited);
            incremental = Min(incremental, Measure(() => warm = warm.RunGenerators(next)));
        }

        Console.WriteLine($"generator: cold {cold.Ms,8:F1} ms {cold.Mb,6:F1} MB; after an unrelated edit {incremental.Ms,8:F1} ms {incremental.Mb,6:F1} MB");

        // The floor: ForAttributeWithMetadataName re-runs its transform for every match on every compilation change
        // (it combines with the compilation to bind the symbols), so a transform that only reads the name is the least an edit can cost.
        GeneratorDriver floor = CSharpGeneratorDriver.Create(new FloorGenerator()).RunGenerators(compilation);
        (double Ms, double Mb) floorRun = (double.MaxValue, double.MaxValue);
        for (int run = 0; run < Runs; run++)
        {
            SyntaxTree edited = CSharpSyntaxTree.ParseText("namespace Other { public static class Edited { public static int Value => " + (++edit + 1) + "; } }", Sources.Parse);
            Compilation next = compilation.ReplaceSyntaxTree(unrelated, edited);
            floorRun = Min(floorRun, Measure(() => floor = floor.RunGenerators(next)));
        }

        Console.WriteLine($"probe: FAWMN with a transform returning the name, after an unrelated edit {floorRun.Ms,8:F1} ms {floorRun.Mb,6:F1} MB");
        FloorGenerator.Deep = true;
        floorRun = (double.MaxValue, double.MaxValue);
        for (int run = 0; run < Runs; run++)
        {
            SyntaxTree edited = CSharpSyntaxTree.ParseText("namespace Other { public static class Edited { public static int Value => " + (++edit + 1) + "; } }", Sources.Parse);
            Compilation next = compilation.ReplaceSyntaxTree(unrelated, edited);
            floorRun = Min(floorRun, Measure(() => floor = floor.RunGenerators(next)));
        }

        Console.WriteLine($"probe: ... also binding parameter and return types, after an unrelated edit {floorRun.Ms,8:F1} ms {floorRun.Mb,6:F1} MB");
        foreach (KeyValuePair<string, ImmutableArray<IncrementalGeneratorRunStep>> step in warm.GetRunResult().Results[0].TrackedSteps.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            string reasons = string.Join(", ", step.Value.SelectMany(s => s.Outputs).GroupBy(o => o.Reason).Select(g => g.Key + " x" + g.Count()));
            double ms = step.Value.Sum(s => s.ElapsedTime.TotalMilliseconds);
            Console.WriteLine($"  {step.Key,-60} {ms,8:F1} ms  {reasons}");
        }
    }

    private static (double Ms, double Mb) Measure(Action action)
    {
        GC.Collect();
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        action();
        return (clock.Elapsed.TotalMilliseconds, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6);
    }

    private static (double, double) Min((double Ms, double Mb) a, (double Ms, double Mb) b) => (Math.Min(a.Ms, b.Ms), Math.Min(a.Mb, b.Mb));

    /// <summary>ForAttributeWithMetadataName over the wrappers with the cheapest possible transform.</summary>
    private sealed class FloorGenerator : IIncrementalGenerator
    {
        internal static bool Deep { get; set; }

        // With Deep, also binds what any model of the wrapper needs: parameter and return types, the siblings.
        private static string Touch(ISymbol symbol)
        {
            if (Deep && symbol is IMethodSymbol method)
            {
                int sum = (int)method.ReturnType.SpecialType + method.ContainingType.GetMembers(method.Name).Length;
                foreach (IParameterSymbol parameter in method.Parameters)
                {
                    sum += (int)parameter.Type.SpecialType;
                }

                return method.Name + sum.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return symbol.Name;
        }

        public void Initialize(IncrementalGeneratorInitializationContext context) =>
            context.RegisterSourceOutput(
                context.SyntaxProvider.ForAttributeWithMetadataName("AsyncSys.AsyncSyscallAttribute", static (_, _) => true, static (c, _) => Touch(c.TargetSymbol)),
                static (_, _) => { });
    }

    /// <summary>The floors: what the analyzer driver costs for each kind of action, with (almost) nothing done in it.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class Probe : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new("PROBE", "probe", "probe", "probe", DiagnosticSeverity.Hidden, isEnabledByDefault: true);
        /// <summary>Each kind of probe and what it registers.</summary>
        internal static readonly (int Kind, string Name)[] Kinds =
        {
            (0, "empty operation-block action"),
            (1, "empty invocation syntax action"),
            (2, "GetSymbolInfo per invocation"),
            (3, "empty invocation operation action"),
            (4, "empty method syntax action"),
            (5, "method syntax, token scan"),
            (6, "method syntax, GetOperation"),
            (7, "method syntax, GetOperation+CFG"),
            (8, "method syntax, symbol of errno read"),
            (9, "compilation start only"),
            (10, "empty syntax tree action"),
            (11, "empty semantic model action"),
            (12, "semantic model, symbol of errno read"),
            (13, "semantic model, symbol of every call"),
            (14, "semantic model, GetOperation per method"),
            (15, "empty code block action"),
            (16, "empty named-type symbol action"),
            (17, "7 analyzers, compilation start only"),
            (18, "empty method symbol action"),
            (19, "compilation start only, generated code analyzed"),
            (20, "7 analyzers, empty tree + semantic model actions"),
            (21, "... generated code analyzed"),
        };

        private readonly int _kind;

        internal static int Count { get; set; }

        private static void BindErrnoReads(SyntaxNode root, SemanticModel model)
        {
            foreach (SyntaxNode node in root.DescendantNodes())
            {
                if (node is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax { Expression: Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetLastPInvokeError" } })
                {
                    if (model.GetSymbolInfo(node).Symbol is not null)
                    {
                        Count++;
                    }
                }
            }
        }

        public Probe(int kind) => _kind = kind;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(_kind is 19 or 121 ? GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics
                : _kind == 120 ? GeneratedCodeAnalysisFlags.ReportDiagnostics : GeneratedCodeAnalysisFlags.None);
            switch (_kind)
            {
                case 0:
                    context.RegisterOperationBlockAction(_ => { });
                    break;
                case 1:
                    context.RegisterSyntaxNodeAction(_ => { }, SyntaxKind.InvocationExpression);
                    break;
                case 2:
                    context.RegisterSyntaxNodeAction(c => c.SemanticModel.GetSymbolInfo(c.Node, c.CancellationToken), SyntaxKind.InvocationExpression);
                    break;
                case 3:
                    context.RegisterOperationAction(_ => { }, OperationKind.Invocation);
                    break;
                case 4:
                    context.RegisterSyntaxNodeAction(_ => { }, SyntaxKind.MethodDeclaration);
                    break;
                case 5:
                    context.RegisterSyntaxNodeAction(c => Count += c.Node.DescendantTokens().Count(t => t.ValueText == "GetLastPInvokeError"), SyntaxKind.MethodDeclaration);
                    break;
                case 6:
                    context.RegisterSyntaxNodeAction(c => c.SemanticModel.GetOperation(c.Node, c.CancellationToken), SyntaxKind.MethodDeclaration);
                    break;
                case 7:
                    context.RegisterSyntaxNodeAction(c => Microsoft.CodeAnalysis.FlowAnalysis.ControlFlowGraph.Create(c.Node, c.SemanticModel, c.CancellationToken), SyntaxKind.MethodDeclaration);
                    break;
                case 8:
                    context.RegisterSyntaxNodeAction(c => BindErrnoReads(c.Node, c.SemanticModel), SyntaxKind.MethodDeclaration);
                    break;
                case 120 or 121:
                    context.RegisterCompilationStartAction(start =>
                    {
                        start.RegisterSyntaxTreeAction(_ => { });
                        start.RegisterSemanticModelAction(_ => { });
                    });
                    break;
                case 9 or 19:
                    // What an AsyncSys rule costs in a compilation it returns early from.
#pragma warning disable RS1012
                    context.RegisterCompilationStartAction(_ => { });
#pragma warning restore RS1012
                    break;
                case 10:
                    context.RegisterSyntaxTreeAction(_ => { });
                    break;
                case 11:
                    context.RegisterSemanticModelAction(_ => { });
                    break;
                case 12:
                    context.RegisterSemanticModelAction(c => BindErrnoReads(c.SemanticModel.SyntaxTree.GetRoot(), c.SemanticModel));
                    break;
                case 13:
                    context.RegisterSemanticModelAction(c =>
                    {
                        foreach (SyntaxNode node in c.SemanticModel.SyntaxTree.GetRoot().DescendantNodes())
                        {
                            if (node is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax && c.SemanticModel.GetSymbolInfo(node).Symbol is not null)
                            {
                                Count++;
                            }
                        }
                    });
                    break;
                case 15:
                    context.RegisterCodeBlockAction(_ => { });
                    break;
                case 16:
                    context.RegisterSymbolAction(_ => { }, SymbolKind.NamedType);
                    break;
                case 18:
                    context.RegisterSymbolAction(_ => { }, SymbolKind.Method);
                    break;
                default:
                    context.RegisterSemanticModelAction(c =>
                    {
                        foreach (SyntaxNode node in c.SemanticModel.SyntaxTree.GetRoot().DescendantNodes(n => n is not Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax))
                        {
                            if (node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax)
                            {
                                c.SemanticModel.GetOperation(node);
                            }
                        }
                    });
                    break;
            }
        }
    }
}
