using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncSys.CompilerBench;

/// <summary>
/// Runs every AsyncSys rule over public code (<c>--public SPEC ROOT</c>): each project of the spec file is compiled from
/// its sources against the running framework, AsyncSys.Runtime and the projects it names, without its NuGet packages
/// (their types stay unresolved; the rest binds). Prints per project the lines, the compile errors left, every report,
/// reports per thousand lines, whether ASYS1001's straight-line path and its flow agree, and the analyzers' cost.
/// </summary>
/// <remarks>
/// Spec lines: <c>Name = path; path/*.pattern.cs; !left/out.cs ... | uses Other, Another</c>, paths relative to ROOT
/// (where the repositories were unpacked); a folder means every .cs file below it (bin and obj left out).
/// </remarks>
internal static class PublicCode
{
    private static readonly CSharpParseOptions Parse = new CSharpParseOptions(LanguageVersion.Latest)
        .WithPreprocessorSymbols("NET", "NETCOREAPP", "NET5_0_OR_GREATER", "NET6_0_OR_GREATER", "NET7_0_OR_GREATER", "NET8_0_OR_GREATER", "NETCOREAPP3_0_OR_GREATER", "NETCOREAPP3_1_OR_GREATER", "RELEASE");

    public static async Task RunAsync(string specPath, string root)
    {
        ImmutableArray<DiagnosticAnalyzer> analyzers = typeof(AsyncSys.Analyzers.ErrnoReadTooLateAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        var ruleIds = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToImmutableHashSet();
        var built = new Dictionary<string, MetadataReference>(StringComparer.Ordinal);
        int totalLines = 0, totalReports = 0;
        var reports = new List<string>();
        Console.WriteLine($"{"project",-28} {"files",5} {"lines",7} {"errors",6} {"roots",6} {"await",6} {"errno",6} {"stack",6} {"reports",7} {"per kLOC",8}  {"1001 paths",10}  {"cost",6}");
        foreach (string line in File.ReadAllLines(specPath).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            string name = line[..line.IndexOf('=')].Trim();
            string rest = line[(line.IndexOf('=') + 1)..];
            string[] uses = rest.Contains('|') ? rest[(rest.IndexOf('|') + 1)..].Replace("uses", "", StringComparison.Ordinal).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : Array.Empty<string>();
            string[] files = Files(root, rest.Split('|')[0]).ToArray();
            SyntaxTree[] trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), Parse, path: Path.GetRelativePath(root, f))).ToArray();
            int lines = files.Sum(f => File.ReadAllLines(f).Length);
            CSharpCompilation compilation = CSharpCompilation.Create(
                name,
                trees,
                Sources.Compilation().References.Concat(uses.Select(u => built[u])),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
            built[name] = compilation.ToMetadataReference();
            int errors = compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);

            ImmutableArray<Diagnostic> found = (await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync().ConfigureAwait(false))
                .Where(d => ruleIds.Contains(d.Id) || d.Id == "AD0001").ToImmutableArray();  // a rule that threw counts, and is listed
            reports.AddRange(found.Select(d => name + ": " + d.Id + " " + d.Location.GetLineSpan().Path + ":" + (d.Location.GetLineSpan().StartLinePosition.Line + 1) + " " + d.GetMessage(CultureInfo.InvariantCulture)));

            // What the pre-filters saw: code roots, and those that await, name an errno reader, take stack addresses.
            var api = AsyncSys.Analyzers.AsyncSysApi.Create(compilation);
            var roots = trees.SelectMany(t => api.Index(t).Roots).ToList();
            int awaits = roots.Count(r => r.HasAny(AsyncSys.Analyzers.CodeFeatures.Await));
            int errno = roots.Count(r => r.HasAny(AsyncSys.Analyzers.CodeFeatures.ErrnoRead));
            int stack = roots.Count(r => r.HasAny(AsyncSys.Analyzers.CodeFeatures.StackAddress));
            string paths = await CompareErrnoPathsAsync(compilation).ConfigureAwait(false);
            double cost = await CostAsync(compilation, analyzers).ConfigureAwait(false);
            totalLines += lines;
            totalReports += found.Length;
            Console.WriteLine($"{name,-28} {files.Length,5} {lines,7} {errors,6} {roots.Count,6} {awaits,6} {errno,6} {stack,6} {found.Length,7} {1000.0 * found.Length / lines,8:F2}  {paths,10}  {cost,5:F2}x");
        }

        Console.WriteLine($"{"all",-28} {"",5} {totalLines,7} {"",6} {"",6} {"",6} {"",6} {"",6} {totalReports,7} {1000.0 * totalReports / totalLines,8:F2}");
        foreach (string report in reports)
        {
            Console.WriteLine("  " + report);
        }
    }

    /// <summary>ASYS1001 with its straight-line path and with the flow only: "same" or how many reports differ.</summary>
    private static async Task<string> CompareErrnoPathsAsync(CSharpCompilation compilation)
    {
        var rule = ImmutableArray.Create<DiagnosticAnalyzer>(new AsyncSys.Analyzers.ErrnoReadTooLateAnalyzer());
        string[] usual = Describe(await compilation.WithAnalyzers(rule).GetAnalyzerDiagnosticsAsync().ConfigureAwait(false));
        AsyncSys.Analyzers.ErrnoStraightLine.GraphOnly = true;
        try
        {
            string[] flow = Describe(await compilation.WithAnalyzers(rule).GetAnalyzerDiagnosticsAsync().ConfigureAwait(false));
            int differ = usual.Except(flow).Count() + flow.Except(usual).Count();
            return differ == 0 ? "same" : differ + " differ";
        }
        finally
        {
            AsyncSys.Analyzers.ErrnoStraightLine.GraphOnly = false;
        }

        static string[] Describe(ImmutableArray<Diagnostic> diagnostics) =>
            diagnostics.Select(d => d.Location.GetLineSpan() + " " + d.GetMessage(CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>The compiler with every AsyncSys rule against the compiler alone, fastest of three each.</summary>
    private static async Task<double> CostAsync(CSharpCompilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        double alone = double.MaxValue, with = double.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            compilation.Clone().GetDiagnostics();
            alone = Math.Min(alone, clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            await compilation.Clone().WithAnalyzers(analyzers).GetAllDiagnosticsAsync().ConfigureAwait(false);
            with = Math.Min(with, clock.Elapsed.TotalMilliseconds);
        }

        return with / alone;
    }

    private static IEnumerable<string> Files(string root, string paths)
    {
        string[] parts = paths.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var excluded = parts.Where(p => p.StartsWith('!')).Select(p => Path.GetFullPath(Path.Combine(root, p[1..]))).ToHashSet(StringComparer.Ordinal);
        return Listed(root, parts.Where(p => !p.StartsWith('!'))).Where(f => !excluded.Contains(Path.GetFullPath(f)));
    }

    private static IEnumerable<string> Listed(string root, IEnumerable<string> parts)
    {
        foreach (string part in parts)
        {
            string full = Path.Combine(root, part);
            if (Directory.Exists(full))
            {
                foreach (string file in Directory.GetFiles(full, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
                {
                    string relative = Path.GetRelativePath(full, file).Replace('\\', '/');
                    if (!relative.StartsWith("bin/", StringComparison.Ordinal) && !relative.StartsWith("obj/", StringComparison.Ordinal) &&
                        !relative.Contains("/bin/", StringComparison.Ordinal) && !relative.Contains("/obj/", StringComparison.Ordinal))
                    {
                        yield return file;
                    }
                }
            }
            else
            {
                foreach (string file in Directory.GetFiles(Path.GetDirectoryName(full)!, Path.GetFileName(full)).OrderBy(f => f, StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
        }
    }
}
