using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncSys.CompilerBench;

/// <summary>
/// <c>--profile --baseline DIR</c>: the AsyncSys rules of another build, loaded beside this build's, so both are measured
/// in the same interleaved runs. On a shared machine a ratio moves by 0.2-0.3x between runs; before and after in the
/// same run move together.
/// </summary>
internal static class Baseline
{
    /// <summary>Every analyzer in an assembly, ordered by name.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> AnalyzersIn(Assembly assembly) => assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>The analyzers in <paramref name="directory"/>/AsyncSys.Analyzers.dll (Roslyn itself stays this process's).</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Load(string directory)
    {
        string path = Path.GetFullPath(Path.Combine(directory, "AsyncSys.Analyzers.dll"));
        var context = new OwnCopy(path);
        return AnalyzersIn(context.LoadFromAssemblyPath(path));
    }

    /// <summary>Loads the one assembly from its own path; everything else it references resolves to this process's copies.</summary>
    private sealed class OwnCopy : AssemblyLoadContext
    {
        private readonly string _path;

        public OwnCopy(string path)
            : base("baseline analyzers")
        {
            _path = path;
        }

        protected override Assembly? Load(AssemblyName assemblyName) => null;

        public override string ToString() => "baseline analyzers from " + _path;
    }
}
