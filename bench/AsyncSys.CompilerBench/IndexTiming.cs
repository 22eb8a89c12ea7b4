using System;
using System.Diagnostics;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncSys.CompilerBench;

/// <summary>
/// <c>--index WORKLOAD</c>: the rules' token index alone (every tree of the workload), against the compiler alone on
/// the same compilation, in the same process: the part of the rules' cost that every method pays.
/// </summary>
internal static class IndexTiming
{
    private const int Rounds = 50;

    public static void Run(string workload)
    {
        CSharpCompilation compilation = Sources.AnalyzerWorkload(workload);
        AsyncSys.Analyzers.NameFeatures names = AsyncSys.Analyzers.AsyncSysApi.Create(compilation).NameFeatures;
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            // The compiler has made the trees' nodes by the time the rules run; so does this, once.
            _ = tree.GetRoot().DescendantNodes().Count();
        }

        for (int attempt = 0; attempt < 3; attempt++)
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < Rounds; i++)
            {
                foreach (SyntaxTree tree in compilation.SyntaxTrees)
                {
                    AsyncSys.Analyzers.CodeIndex.Build(tree, names, default);
                }
            }

            double index = clock.Elapsed.TotalMilliseconds / Rounds;
            clock.Restart();
            for (int i = 0; i < Rounds; i++)
            {
                compilation.Clone().GetDiagnostics();
            }

            double compiler = clock.Elapsed.TotalMilliseconds / Rounds;
            Console.WriteLine($"{workload}: token index {index,6:F2} ms, compiler alone {compiler,7:F2} ms ({index / compiler:F3}x)");
        }
    }
}
